#!/usr/bin/python3
"""Exit 0 when the report's chart check accepts a labelled chart and refuses unlabelled ones.

Usage: chart_contract_check.py ANALYSIS_DIR
"""

import sys

sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
sys.path.insert(0, sys.argv[1])
from c2msim_report.charts import check_chart, plt  # noqa: E402


def labelled():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [2, 3], label="c2m")
    ax.set_title("Fill rate")
    ax.set_xlabel("day")
    ax.set_ylabel("fill rate (%)")
    ax.legend()
    return fig, ax


def refused(fig):
    try:
        check_chart(fig)
    except ValueError as e:
        print(f"refused: {e}")
        return True
    return False


def main():
    fig, _ = labelled()
    check_chart(fig)  # raises if a good chart were refused
    failures = 0
    for breaks in ("title", "xlabel", "ylabel", "unit", "legend"):
        fig, ax = labelled()
        if breaks == "title":
            ax.set_title("")
        elif breaks == "xlabel":
            ax.set_xlabel("")
        elif breaks == "ylabel":
            ax.set_ylabel("")
        elif breaks == "unit":
            ax.set_ylabel("fill rate")
        else:
            ax.get_legend().remove()
        if not refused(fig):
            print(f"accepted a chart without its {breaks}")
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

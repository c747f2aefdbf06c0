"""A break-even (breakeven.json): the paired difference at each value tried, and the crossing."""

import html

from .charts import axis_unit, colour, figure, plt, png
from .format import finite


def status_text(be):
    return str(be.get("status", "?")).replace("_", " ")


def bracket_text(be):
    if finite(be.get("low")) and finite(be.get("high")):
        return f"the crossing lies in [{be['low']:.4g}, {be['high']:.4g}]; "
    return ""


def chart_breakeven(run):
    be = run.breakeven
    ev = sorted(be.get("evaluations") or [], key=lambda e: e["value"])
    fig, ax = plt.subplots(figsize=(9, 4.2))
    if ev:
        x = [e["value"] for e in ev]
        y = [e["mean_difference"] for e in ev]
        lo = [max(0.0, e["mean_difference"] - e["ci95_low"]) for e in ev]
        hi = [max(0.0, e["ci95_high"] - e["mean_difference"]) for e in ev]
        ax.errorbar(x, y, yerr=[lo, hi], marker="o", capsize=4, color=colour(run, be.get("arm")),
                    label=f"{be.get('arm')} − {be.get('baseline')} (95% CI)")
    ax.axhline(0, color="black", linewidth=0.8, label="no difference")
    est = be.get("estimate")
    if finite(est):
        ax.axvline(est, color="crimson", linestyle="--", label=f"break-even ≈ {est:.4g}")
        if finite(be.get("low")) and finite(be.get("high")):
            ax.axvspan(be["low"], be["high"], color="crimson", alpha=0.12,
                       label=f"the crossing lies in [{be['low']:.4g}, {be['high']:.4g}]")
    ax.set_title(f"Break-even of {be.get('metric')} ({be.get('scope', 'system')}) over "
                 f"{be.get('parameter')}: {status_text(be)}")
    ax.set_xlabel(f"{be.get('parameter')} (as in the scenario's units)")
    ax.set_ylabel(f"difference in {be.get('metric')} ({axis_unit(run, be.get('metric'))})")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return png(fig)


def sections(run):
    be = run.breakeven
    return [figure("Break-even", chart_breakeven(run),
                   html.escape(f"Where {be.get('arm')} − {be.get('baseline')} in "
                               f"{be.get('metric')} crosses zero as {be.get('parameter')} "
                               f"varies; status: {status_text(be)}; {bracket_text(be)}"
                               f"{be.get('replications', '?')} replications per evaluation."),
                   "break-even")]

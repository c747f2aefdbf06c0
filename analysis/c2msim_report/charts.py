"""What every chart shares: the labelling rule, PNG embedding, the section around a chart, and
the arms' colours and error bars."""

import base64
import html
import io
import math

import matplotlib

matplotlib.use("Agg")  # no display: render to PNG in memory
import matplotlib.pyplot as plt  # noqa: E402

from .format import finite  # noqa: E402

ARM_COLOURS = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3",
               "#8C8C8C"]


def check_chart(fig):
    """Every chart carries a title, axis labels with their units in brackets, and a legend.

    Raised as an error, so that a chart breaking the rule fails the report (and its tests)
    instead of reaching a reader unlabelled.
    """
    axes = [ax for ax in fig.axes if ax.get_visible() and ax.has_data()]
    if not axes:
        return
    problems = []
    suptitle = fig._suptitle.get_text() if fig._suptitle is not None else ""
    if not suptitle and not all(ax.get_title() for ax in axes if ax.get_xlabel() or ax.get_title()):
        problems.append("a panel without a title")
    if not any(ax.get_title() for ax in axes) and not suptitle:
        problems.append("no title")
    if not any(ax.get_xlabel() for ax in axes):
        problems.append("no x-axis label")
    ylabels = [ax.get_ylabel() for ax in axes if ax.get_ylabel()]
    if not ylabels:
        problems.append("no y-axis label")
    problems += [f"y-axis label '{y}' without its unit in brackets" for y in ylabels if "(" not in y]
    if not fig.legends and not any(ax.get_legend() for ax in axes):
        problems.append("no legend")
    if problems:
        title = suptitle or next((ax.get_title() for ax in axes if ax.get_title()), "?")
        raise ValueError(f"chart '{title}': " + "; ".join(problems))


def png(fig):
    """The checked chart as base64 PNG; the figure is closed."""
    check_chart(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=96, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def figure(title, b64, caption, alt):
    """A section of the page holding one chart; "" when there is no chart. The caption is HTML."""
    if b64 is None:
        return ""
    return (f"<section><h2>{html.escape(title)}</h2>"
            f"<img class='chart' alt='{html.escape(alt)}' src='data:image/png;base64,{b64}'>"
            f"<p class='caption'>{caption}</p></section>")


def axis_unit(run, metric):
    """A metric's unit for an axis label ("share" for shares, drawn between 0 and 1)."""
    spec = run.metric(metric)
    return spec.unit if spec is not None else "metric's units"


def colour(run, arm):
    return ARM_COLOURS[run.arms.index(arm) % len(ARM_COLOURS)] if arm in run.arms else "#333333"


def errors(rows):
    """Asymmetric error bars from CI bounds; zero where the CI is undefined."""
    lower, upper = [], []
    for r in rows:
        ok = (r is not None and finite(r["mean"]) and finite(r["ci95_low"]) and
              finite(r["ci95_high"]))
        lower.append(max(0.0, r["mean"] - r["ci95_low"]) if ok else 0.0)
        upper.append(max(0.0, r["ci95_high"] - r["mean"]) if ok else 0.0)
    return [lower, upper]


def arm_ticks(ax, run, rotation=20):
    """One tick per arm, labelled with its id, on an axis whose x is the arm's index."""
    ax.set_xticks(range(len(run.arms)))
    ax.set_xticklabels(run.arms, rotation=rotation, ha="right")


def panels(metrics):
    """A grid of two columns of panels, one per metric; the spare panel is hidden."""
    cols = 2
    nrows = math.ceil(len(metrics) / cols)
    fig, axes = plt.subplots(nrows, cols, figsize=(12, 3.6 * nrows), squeeze=False)
    for ax in list(axes.flat)[len(metrics):]:
        ax.axis("off")
    return fig, zip(axes.flat, metrics)

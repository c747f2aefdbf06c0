"""Inventory turnover, days of inventory and markup per arm; the markup waterfall by tier."""

import math

from .charts import arm_ticks, colour, errors, figure, plt, png
from .format import finite


def bar_panel(ax, run, metric, title, ylabel, percent=False):
    """One bar per arm with its 95% CI; an infinite mean is drawn as a hatched bar marked ∞."""
    rows = [run.stat(arm, metric) for arm in run.arms]
    means = [r["mean"] if r is not None and finite(r["mean"]) else float("nan") for r in rows]
    scale = 100.0 if percent else 1.0
    finite_means = [m * scale for m in means if finite(m)]
    top = max(finite_means + [1.0]) * 1.15
    err = errors(rows)
    err = [[e * scale for e in err[0]], [e * scale for e in err[1]]]
    for i, (arm, r) in enumerate(zip(run.arms, rows)):
        m = r["mean"] if r is not None else float("nan")
        if finite(m):
            ax.bar(i, m * scale, color=colour(run, arm), label=arm,
                   yerr=[[err[0][i]], [err[1][i]]], capsize=5)
        elif r is not None and isinstance(m, float) and math.isinf(m):
            ax.bar(i, top, color="white", edgecolor=colour(run, arm), hatch="//", label=arm)
            ax.text(i, top * 0.5, "∞\nno stock\nheld", ha="center", va="center", fontsize=9)
        else:
            ax.text(i, top * 0.05, "n/a", ha="center")
            ax.bar(i, 0, color=colour(run, arm), label=arm)
    arm_ticks(ax, run)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel("arm")
    ax.legend(fontsize=8, title="arm (bars: 95% CI)", title_fontsize=8)


def chart_turnover_markup(run):
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    bar_panel(axes[0], run, "inventory_turnover", "Inventory turnover (system)",
              "turnover (turns per year)")
    bar_panel(axes[1], run, "days_of_inventory", "Days of inventory (system)",
              "days of inventory (days)")
    # List and realised markup side by side per arm.
    ax = axes[2]
    width = 0.38
    for j, (metric, label, hatch) in enumerate([("list_markup", "list", None),
                                                ("realised_markup", "realised", "..")]):
        rows = [run.stat(arm, metric) for arm in run.arms]
        means = [r["mean"] if r is not None else float("nan") for r in rows]
        xs = [i + (j - 0.5) * width for i in range(len(run.arms))]
        ax.bar(xs, means, width, yerr=errors(rows), capsize=4, label=f"{label} markup",
               color=[colour(run, a) for a in run.arms], hatch=hatch, edgecolor="black",
               linewidth=0.5)
    ax.axhline(1.0, color="grey", linewidth=0.8, linestyle=":")
    arm_ticks(ax, run)
    ax.set_title("Markup: consumer price over factory unit cost")
    ax.set_ylabel("markup (x unit cost)")
    ax.set_xlabel("arm")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return png(fig)


def chart_waterfall(run):
    """Unit cost, then each tier's markup step, adding up to the list markup, per arm."""
    arms = [a for a in run.arms if any(run.stat(a, "markup_step", n) is not None
                                       for n in run.nodes(a))]
    if not arms:
        return None
    fig, axes = plt.subplots(1, len(arms), figsize=(max(5, 4.2 * len(arms)), 4.2), sharey=True,
                             squeeze=False)
    for ax, arm in zip(axes[0], arms):
        steps = []
        for node in run.nodes(arm):
            r = run.stat(arm, "markup_step", node)
            if r is not None and finite(r["mean"]):
                steps.append((node, r["mean"]))
        labels = ["unit cost"] + [n for n, _ in steps] + ["consumer price"]
        level = 1.0
        ax.bar(0, 1.0, color="#999999", label="factory unit cost")
        for i, (node, step) in enumerate(steps, start=1):
            ax.bar(i, step, bottom=level, color=colour(run, arm),
                   label="tier's markup step" if i == 1 else None)
            ax.text(i, level + step, f"+{step:.2f}", ha="center", va="bottom", fontsize=8)
            level += step
        ax.bar(len(steps) + 1, level, color="#333333", label="list price")
        ax.text(len(steps) + 1, level, f"{level:.2f}", ha="center", va="bottom", fontsize=8)
        ax.set_xticks(range(len(labels)))
        ax.set_xticklabels(labels, rotation=30, ha="right")
        ax.set_title(f"{arm}")
        ax.set_xlabel("tier (supplier first)")
        ax.legend(fontsize=7, loc="upper left")
    axes[0][0].set_ylabel("price (x factory unit cost)")
    fig.suptitle("Markup waterfall by tier")
    fig.tight_layout()
    return png(fig)


def sections(run):
    return [figure("Inventory turnover and markup", chart_turnover_markup(run),
                   "System inventory turnover and days of inventory; list and realised markup "
                   "(consumer revenue and salvage over units at factory cost). Bars: mean; "
                   "whiskers: 95% CI.", "turnover and markup per arm"),
            figure("Markup waterfall by tier", chart_waterfall(run),
                   "Each tier's markup step as a multiple of the factory unit cost; the steps "
                   "add up to the list markup.", "markup waterfall")]

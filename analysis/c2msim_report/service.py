"""Service: fill rate and lost sales per arm, and the customers' lead time."""

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .charts import arm_ticks, colour, errors, figure, plt, png
from .format import finite

LEAD_TIME_QUANTILES = ["lead_time_p05", "lead_time_p25", "lead_time_p50", "lead_time_p75",
                       "lead_time_p95", "lead_time_p99"]


def chart_service(run):
    fig, axes = plt.subplots(1, 2, figsize=(12, 4))
    ax = axes[0]
    width = 0.38
    for j, (metric, label, hatch) in enumerate([("fill_rate", "fill rate", None),
                                                ("lost_sales_rate", "lost sales", "//")]):
        rows = [run.stat(arm, metric) for arm in run.arms]
        means = [100 * r["mean"] if r is not None and finite(r["mean"]) else 0.0 for r in rows]
        err = errors(rows)
        err = [[100 * e for e in err[0]], [100 * e for e in err[1]]]
        xs = [i + (j - 0.5) * width for i in range(len(run.arms))]
        ax.bar(xs, means, width, yerr=err, capsize=4, label=label,
               color=[colour(run, a) for a in run.arms], hatch=hatch, edgecolor="black",
               linewidth=0.5)
        for x, r in zip(xs, rows):
            if r is None or not finite(r["mean"]):
                ax.text(x, 2, "n/a", ha="center", fontsize=8, rotation=90)
    arm_ticks(ax, run)
    ax.set_ylim(0, 105)
    ax.set_title("Fill rate and lost sales (n/a: no stock to fill from)")
    ax.set_ylabel("share of units demanded (%)")
    ax.set_xlabel("arm")
    ax.legend(fontsize=8)

    ax = axes[1]
    if not lead_time_boxes(ax, run):
        lead_time_per_replication(ax, run)
    arm_ticks(ax, run)
    ax.set_title("Customer lead time")
    ax.set_ylabel("arrival to delivery (days)")
    ax.set_xlabel("arm")
    fig.tight_layout()
    return png(fig)


def lead_time_boxes(ax, run):
    """One box per arm from the customers' lead-time quantiles (each the mean over
    replications); False when the run does not have them."""
    stats, positions = [], []
    for i, arm in enumerate(run.arms):
        rows = [run.stat(arm, m) for m in LEAD_TIME_QUANTILES + ["lead_time_mean"]]
        if any(r is None or not finite(r["mean"]) for r in rows):
            continue
        p05, p25, p50, p75, p95, p99, mean = (r["mean"] for r in rows)
        stats.append({"label": arm, "whislo": p05, "q1": p25, "med": p50, "q3": p75,
                      "whishi": p95, "mean": mean, "fliers": [p99]})
        positions.append(i)
    if not stats:
        return False
    parts = ax.bxp(stats, positions=positions, showmeans=True, patch_artist=True,
                   manage_ticks=False, widths=0.5)
    for patch, i in zip(parts["boxes"], positions):
        patch.set_facecolor(colour(run, run.arms[i]))
        patch.set_alpha(0.7)
    ax.set_ylim(0, 1.45 * max(st["fliers"][0] for st in stats))  # room for the legend
    ax.legend(handles=[Patch(facecolor="grey", alpha=0.7, label="p25 to p75"),
                       Line2D([], [], color="orange", label="median"),
                       Line2D([], [], color="black", label="whiskers: p05 to p95"),
                       Line2D([], [], marker="o", linestyle="", color="black",
                              markerfacecolor="none", label="p99"),
                       Line2D([], [], marker="^", linestyle="", color="green", label="mean")],
              fontsize=7, title="customers served in full", title_fontsize=7)
    return True


def lead_time_per_replication(ax, run):
    """Older runs: the spread over replications of each replication's p50, mean and p95."""
    reps = run.replications
    metrics = [("lead_time_p50", "p50"), ("lead_time_mean", "mean"), ("lead_time_p95", "p95")]
    data, positions, colours = [], [], []
    if reps is not None:
        sysrows = reps[reps.scope == "system"]
        for i, arm in enumerate(run.arms):
            for j, (metric, _) in enumerate(metrics):
                v = sysrows[(sysrows.arm == arm) & (sysrows.metric == metric)]["value"]
                v = v[v.apply(finite)]
                if len(v):
                    data.append(list(v))
                    positions.append(i + (j - 1) * 0.27)
                    colours.append(colour(run, arm))
    if not data:
        ax.text(0.5, 0.5, "no customer was served in full", transform=ax.transAxes, ha="center")
        return
    parts = ax.boxplot(data, positions=positions, widths=0.22, patch_artist=True,
                       manage_ticks=False)
    for patch, c in zip(parts["boxes"], colours):
        patch.set_facecolor(c)
        patch.set_alpha(0.7)
    ax.legend(handles=[Patch(facecolor="grey", alpha=0.7,
                             label="per replication: p50, mean, p95 (left to right)")],
              fontsize=7)


def sections(run):
    return [figure("Service: fill rate and customer lead time", chart_service(run),
                   "Fill rate: units shipped at once from stock; n/a for pure make-to-order. "
                   "Lead time: arrival to delivery of the customers served in full; each "
                   "quantile is the mean over replications of the replication's quantile.",
                   "fill rate and lead time")]

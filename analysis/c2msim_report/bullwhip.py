"""Bullwhip by tier: the variance of the orders a tier places over that of its demand."""

from .charts import colour, errors, figure, plt, png
from .format import finite


def chart_bullwhip(run):
    groups = []  # (arm, node, daily row, weekly row)
    for arm in run.arms:
        for node in run.nodes(arm) + ["system"]:
            d, w = run.stat(arm, "bullwhip", node), run.stat(arm, "bullwhip_weekly", node)
            if (d is not None and finite(d["mean"])) or (w is not None and finite(w["mean"])):
                groups.append((arm, node, d, w))
    if not groups:
        return None
    fig, ax = plt.subplots(figsize=(max(7, 0.8 * len(groups) + 3), 4.5))
    width = 0.4
    for j, (label, idx, hatch) in enumerate([("daily buckets", 2, None),
                                             ("weekly buckets", 3, "//")]):
        rows = [g[idx] for g in groups]
        means = [r["mean"] if r is not None and finite(r["mean"]) else 0.0 for r in rows]
        xs = [i + (j - 0.5) * width for i in range(len(groups))]
        ax.bar(xs, means, width, yerr=errors(rows), capsize=3, label=label, hatch=hatch,
               color=[colour(run, g[0]) for g in groups], edgecolor="black", linewidth=0.5)
    ax.axhline(1.0, color="grey", linestyle=":", linewidth=1, label="no amplification (1)")
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels([f"{g[0]}\n{g[1]}" for g in groups], rotation=45, ha="right", fontsize=8)
    ax.set_yscale("symlog", linthresh=1.0)
    ax.set_title("Bullwhip by tier: variance of orders placed / variance of demand received")
    ax.set_ylabel("variance ratio (symlog scale)")
    ax.set_xlabel("arm and tier (system: factory production against consumer demand)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return png(fig)


def sections(run):
    return [figure("Bullwhip by tier", chart_bullwhip(run),
                   "Variance of the orders a tier places upstream (or puts into production) "
                   "over the variance of the demand it receives; above 1 the tier amplifies "
                   "demand swings.", "bullwhip by tier")]

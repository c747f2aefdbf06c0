"""A decomposition (decomposition.csv, written by `c2msim decompose`): for each metric, a waterfall
from the base arm through each lever's Shapley value to the arm with every lever, and on through
the residual to the target arm, each step with its 95% CI."""

import html

from matplotlib.patches import Patch

from .charts import colour, figure, panels, png
from .format import finite

# The bars' colours: a lever (or the residual) that moves the metric the better way, the worse
# way, or either way for a metric with no better direction; and the arm with every lever.
BETTER, WORSE, EITHER, ALL_LEVERS = "#55A868", "#C44E52", "#8172B3", "#8C8C8C"


def title_of(run, metric, scope):
    spec = run.metric(metric)
    title = spec.label if spec is not None else metric
    return title if scope == "system" else f"{title} ({scope})"


def unit_of(run, metric):
    spec = run.metric(metric)
    return spec.unit if spec is not None else "metric's units"


def steps(rows):
    """The waterfall of one metric: (label, bottom, height, ci_low, ci_high, kind) per bar, kind
    being "arm", "lever" or "all"; the CI is of the bar's top. Nothing when the base or the total
    is undefined (a metric undefined in every replication)."""
    def one(kind):
        r = rows[rows.kind == kind]
        return None if r.empty else r.iloc[0]

    base, every, residual, target = one("base"), one("all_levers"), one("residual"), one("target")
    if base is None or every is None or not finite(base["mean"]) or not finite(every["mean"]):
        return []
    out = [("base", 0.0, base["mean"], base["ci95_low"], base["ci95_high"], "arm")]
    level = base["mean"]
    for _, lever in rows[rows.kind == "lever"].iterrows():
        phi = lever["mean"]
        # The whiskers: the lever's CI around where its bar ends.
        out.append((lever["lever"], level, phi, level + lever["ci95_low"],
                    level + lever["ci95_high"], "lever"))
        level += phi
    out.append(("every lever", 0.0, every["mean"], every["ci95_low"], every["ci95_high"], "all"))
    if residual is not None and target is not None and finite(residual["mean"]):
        out.append(("residual", every["mean"], residual["mean"],
                    every["mean"] + residual["ci95_low"], every["mean"] + residual["ci95_high"],
                    "lever"))
        out.append(("target", 0.0, target["mean"], target["ci95_low"], target["ci95_high"], "arm"))
    return out


def bar_colour(run, label, height, kind, better):
    if kind == "all":
        return ALL_LEVERS
    if kind == "arm":
        return colour(run, run.manifest.get("base") if label == "base" else
                      run.manifest.get("target"))
    if better == 0 or height == 0:
        return EITHER
    return BETTER if (height > 0) == (better > 0) else WORSE


def draw_waterfall(ax, run, metric, scope, rows):
    spec = run.metric(metric)
    better = spec.better if spec is not None else 0
    bars = steps(rows)
    base_arm = run.manifest.get("base", "base")
    target_arm = run.manifest.get("target", "target")
    labels = []
    for i, (label, bottom, height, low, high, kind) in enumerate(bars):
        ax.bar(i, height, bottom=bottom, color=bar_colour(run, label, height, kind, better),
               edgecolor="black", linewidth=0.5)
        top = bottom + height
        if finite(low) and finite(high):
            ax.errorbar(i, top, yerr=[[max(0.0, top - low)], [max(0.0, high - top)]],
                        color="black", capsize=3, linewidth=0.8)
        if i + 1 < len(bars):
            # A connector to where the next bar starts or ends.
            ax.plot([i + 0.4, i + 0.6], [top, top], color="black", linewidth=0.6, linestyle=":")
        labels.append(base_arm if label == "base" else target_arm if label == "target" else
                      label)
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels, rotation=25, ha="right", fontsize=8)
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_title(title_of(run, metric, scope), fontsize=10)
    ax.set_ylabel(f"{metric} ({unit_of(run, metric)})", fontsize=8)
    ax.set_xlabel("base arm, each lever's Shapley value, every lever, residual, target", fontsize=8)


def chart_decomposition(run):
    d = run.decomposition
    keys = list(dict.fromkeys(zip(d.metric, d.scope)))
    keys = [k for k in keys if steps(d[(d.metric == k[0]) & (d.scope == k[1])])]
    if not keys:
        return None
    fig, grid = panels(keys)
    for ax, (metric, scope) in grid:
        draw_waterfall(ax, run, metric, scope, d[(d.metric == metric) & (d.scope == scope)])
    base_arm = run.manifest.get("base", "base")
    target_arm = run.manifest.get("target", "target")
    fig.legend(handles=[Patch(color=colour(run, base_arm), label=f"{base_arm} (base arm)"),
                        Patch(color=BETTER, label="a lever that moves it the better way"),
                        Patch(color=WORSE, label="a lever that moves it the worse way"),
                        Patch(color=EITHER, label="a lever (no better way)"),
                        Patch(color=ALL_LEVERS, label=f"{base_arm} with every lever"),
                        Patch(color=colour(run, target_arm), label=f"{target_arm} (target)")],
               loc="upper center", ncol=3, fontsize=8, bbox_to_anchor=(0.5, 1.0))
    fig.suptitle(f"Decomposition of {target_arm} − {base_arm}: each lever's Shapley value "
                 "(whiskers: 95% CI)", y=1.02)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    return png(fig)


def levers_text(run):
    """The levers as the manifest lists them: name, then each key path and value."""
    items = []
    for lever in run.manifest.get("levers") or []:
        sets = "; ".join(f"{o.get('key_path')} = {o.get('value')}"
                         for o in lever.get("overrides") or [])
        items.append(f"<li><b>{html.escape(str(lever.get('name')))}</b>: "
                     f"<code>{html.escape(sets)}</code></li>")
    return f"<ul class='caption'>{''.join(items)}</ul>" if items else ""


def sections(run):
    m = run.manifest
    caption = html.escape(
        f"From {m.get('base', 'the base arm')} (left) each lever adds its Shapley value: its "
        "effect averaged over every order in which the levers can be added, computed in each "
        "replication and averaged over the paired replications (all combinations of levers see "
        "the same customers). The levers' bars add up exactly to the arm with every lever (grey); "
        f"the residual is what they leave unexplained of {m.get('target', 'the target')} "
        "(right). Whiskers: 95% confidence intervals. The levers:")
    return [figure("Decomposition: where the difference comes from", chart_decomposition(run),
                   caption + levers_text(run), "decomposition waterfall")]


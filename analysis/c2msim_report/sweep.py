"""A sweep (sweep.csv): per point the differences from the baseline, each arm's mean across the
swept values, and each arm's difference from the baseline across them."""

import html

from .charts import axis_unit, colour, figure, panels, png
from .format import finite, fmt_diff, verdict

SWEEP_FIXED = {"point", "arm", "scope", "metric", "n", "mean", "ci95_low", "ci95_high",
               "mean_difference", "difference_ci95_low", "difference_ci95_high"}
# The metrics a sweep's charts and table show, in their order.
SWEEP_METRICS = ["profit", "inventory_turnover", "list_markup", "fill_rate", "lost_sales_rate",
                 "lead_time_mean"]


def title_of(run, metric):
    spec = run.metric(metric)
    return spec.label if spec is not None else metric


def sweep_axis(run):
    """The sweep's swept columns, its system rows, and the x position and label of each point."""
    sw = run.sweep
    params = [c for c in sw.columns if c not in SWEEP_FIXED]
    rows = sw[sw.scope == "system"]
    points = sw.drop_duplicates("point").sort_values("point")
    if len(params) == 1:
        xs_of = dict(zip(points.point, points[params[0]]))
        xlabel = f"{params[0]} (as in the scenario's units)"
    else:
        xs_of = {p: i for i, p in enumerate(points.point)}
        xlabel = "sweep point: " + ", ".join(params)
    return params, rows, xs_of, xlabel


def differenced_metrics(run, sw):
    """The sweep metrics with at least one finite difference from the baseline."""
    others = sw[sw.arm != run.baseline]
    return [m for m in SWEEP_METRICS
            if others[others.metric == m].mean_difference.apply(finite).any()]


def chart_sweep(run):
    params, sw, xs_of, xlabel = sweep_axis(run)
    metrics = [m for m in SWEEP_METRICS if m in set(sw.metric)]
    if not metrics or not params:
        return None
    fig, grid = panels(metrics)
    for ax, metric in grid:
        m = sw[sw.metric == metric]
        for arm in [a for a in run.arms if a in set(m.arm)] + sorted(set(m.arm) - set(run.arms)):
            r = m[m.arm == arm].sort_values("point")
            x = [xs_of[p] for p in r.point]
            ax.plot(x, r["mean"], marker="o", color=colour(run, arm), label=arm)
            ax.fill_between(x, r["ci95_low"], r["ci95_high"], color=colour(run, arm), alpha=0.2)
        ax.set_title(title_of(run, metric))
        ax.set_ylabel(f"{metric} ({axis_unit(run, metric)})")
        ax.set_xlabel(xlabel)
        ax.legend(fontsize=7, title="arm (band: 95% CI)", title_fontsize=7)
    fig.suptitle("Sweep: each arm's mean across the swept values")
    fig.tight_layout()
    return png(fig)


def chart_sweep_differences(run):
    params, sw, xs_of, xlabel = sweep_axis(run)
    metrics = differenced_metrics(run, sw)
    others = [a for a in dict.fromkeys(sw.arm) if a != run.baseline]
    if not metrics or not params or not others:
        return None
    fig, grid = panels(metrics)
    for ax, metric in grid:
        m = sw[sw.metric == metric]
        for arm in others:
            r = m[m.arm == arm].sort_values("point")
            r = r[r.mean_difference.apply(finite)]
            if r.empty:
                continue
            x = [xs_of[p] for p in r.point]
            ax.plot(x, r.mean_difference, marker="o", color=colour(run, arm),
                    label=f"{arm} − {run.baseline}")
            ax.fill_between(x, r.difference_ci95_low, r.difference_ci95_high,
                            color=colour(run, arm), alpha=0.2)
        ax.axhline(0, color="black", linewidth=0.8, label="no difference")
        ax.set_title(title_of(run, metric) + ": difference")
        ax.set_ylabel(f"difference in {metric} ({axis_unit(run, metric)})")
        ax.set_xlabel(xlabel)
        ax.legend(fontsize=7, title="band: 95% CI", title_fontsize=7)
    fig.suptitle(f"Sweep: paired difference from {run.baseline}")
    fig.tight_layout()
    return png(fig)


def sweep_table(run):
    """Per point, each arm's difference from the baseline in the key metrics, coloured."""
    params, sw, _, _ = sweep_axis(run)
    metrics = [m for m in differenced_metrics(run, sw) if run.metric(m) is not None]
    others = [a for a in dict.fromkeys(sw.arm) if a != run.baseline]
    if not metrics or not others:
        return ""
    head = "".join(f"<th>{html.escape(p)}</th>" for p in params) + "<th>arm</th>"
    for metric in metrics:
        spec = run.metric(metric)
        head += (f"<th>{html.escape(spec.label)}<br><small>({html.escape(spec.shown_unit)}), "
                 f"− {html.escape(run.baseline)} [95% CI]</small></th>")
    body = []
    for point in sorted(set(sw.point)):
        at = sw[sw.point == point]
        for arm in others:
            first = at.iloc[0]
            cells = "".join(f"<td>{html.escape(str(first[p]))}</td>" for p in params)
            cells += f"<td>{html.escape(arm)}</td>"
            for metric in metrics:
                r = at[(at.arm == arm) & (at.metric == metric)]
                if r.empty:
                    cells += "<td>–</td>"
                    continue
                r = r.iloc[0]
                d = {"mean_difference": r.mean_difference, "ci95_low": r.difference_ci95_low,
                     "ci95_high": r.difference_ci95_high, "relative_change": float("nan")}
                spec = run.metric(metric)
                cells += (f"<td class='{verdict(d, spec.better)}'>"
                          f"{html.escape(fmt_diff(d, spec.share))}</td>")
            body.append(f"<tr>{cells}</tr>")
    return ("<h2>Sweep: headline</h2><table class='headline'><thead><tr>" + head +
            "</tr></thead><tbody>" + "".join(body) + "</tbody></table>"
            "<p class='caption'>Paired differences from the baseline at each point of the sweep "
            "(green: significantly better, red: significantly worse).</p>")


def sections(run):
    return [sweep_table(run),
            figure("Sweep: each arm", chart_sweep(run),
                   "Each arm's mean at every swept value, with its 95% CI band.", "sweep"),
            figure("Sweep: difference from the baseline", chart_sweep_differences(run),
                   "The paired difference of each arm from the baseline at every swept value, "
                   "with its 95% CI band; where the band crosses zero the arms break even.",
                   "sweep differences")]

"""The headline: a few sentences per arm, then the table of the catalogue's headline metrics."""

import html

from .format import finite, fmt_diff, fmt_mean_ci, fmt_value, verdict

# The metrics the one-minute read speaks of, in its order.
FINDINGS = ["inventory_turnover", "list_markup", "fill_rate", "lost_sales_rate", "lead_time_mean",
            "bullwhip", "profit"]

CAPTION = ("<p class='caption'>Mean of each arm ± half-width of its 95% confidence interval "
           "(Student's t over replications). The differences are paired replication by "
           "replication (common random numbers); green: significantly better, red: "
           "significantly worse; relative change in brackets; differences of shares (%) in "
           "percentage points; k: thousands, M: millions. ∞ turnover: goods sold with no "
           "stock held (pure make-to-order); – : undefined.</p>")


def findings(run):
    """A few sentences per arm against the baseline: the one-minute read."""
    out = []
    for arm in run.arms:
        if arm == run.baseline:
            continue
        parts = []
        for name in FINDINGS:
            spec = run.metric(name)
            b, a, d = run.stat(run.baseline, name), run.stat(arm, name), run.diff(arm, name)
            if spec is None or a is None or b is None:
                continue
            unit_text = "" if spec.share else f" {spec.unit}"
            change = (f"{fmt_value(b['mean'], spec.share)} → {fmt_value(a['mean'], spec.share)}"
                      f"{unit_text}")
            said = ""
            cls = verdict(d, spec.better)
            if cls:
                said = f' <span class="{cls}">{"better" if cls == "good" else "worse"}</span>'
            elif d is not None and finite(d["ci95_low"]):
                said = ' <span class="same">no clear difference</span>'
            parts.append(f"{html.escape(spec.label.lower())} {html.escape(change)}{said}")
        if parts:
            out.append(f"<li><b>{html.escape(arm)}</b> against <b>{html.escape(run.baseline)}</b>: "
                       + "; ".join(parts) + ".</li>")
    return "<ul class='findings'>" + "".join(out) + "</ul>" if out else ""


def headline_table(run):
    others = [a for a in run.arms if a != run.baseline]
    head = "".join(f"<th>{html.escape(a)}</th>" for a in run.arms)
    head += "".join(f"<th>{html.escape(a)} − {html.escape(run.baseline)}<br>"
                    "<small>paired difference [95% CI]</small></th>" for a in others)
    rows = []
    for spec in run.headline:
        stats = [run.stat(a, spec.name) for a in run.arms]
        if all(s is None for s in stats):
            continue
        cells = "".join(f"<td>{html.escape(fmt_mean_ci(s, spec.share))}</td>" for s in stats)
        for arm in others:
            d = run.diff(arm, spec.name)
            cells += (f"<td class='{verdict(d, spec.better)}'>"
                      f"{html.escape(fmt_diff(d, spec.share))}</td>")
        rows.append(f"<tr><th>{html.escape(spec.label)} "
                    f"<small>({html.escape(spec.shown_unit)})</small></th>{cells}</tr>")
    return (f"<table class='headline'><thead><tr><th>metric (whole chain)</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def sections(run):
    return ["<h2>Headline</h2>", findings(run), headline_table(run), CAPTION]

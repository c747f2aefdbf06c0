"""A tuning (tuning.csv and the manifest of `c2msim tune`): each arm's trajectory, from the start
through the points the search moved to, the candidates of the selection and the confirmation; and
which values changed, with the confirmed difference."""

import html

from .charts import axis_unit, colour, figure, plt, png
from .format import finite

STATUS = {
    "improved": "improved: the tuned values beat the start on fresh replications",
    "not_shown": "not shown: the best point found is not shown to beat the start, which is kept",
    "start_is_best": "start is best: the selection kept the starting values",
    "infeasible": "infeasible: no point searched was shown to meet the constraints; the start "
                  "is kept",
}


def objective_text(run):
    o = run.manifest.get("objective") or {}
    text = f"{o.get('goal', 'maximise')} {o.get('metric', '?')} ({o.get('scope', 'system')})"
    constraints = run.manifest.get("constraints") or []
    if constraints:
        text += " subject to " + ", ".join(constraints)
    return text


def chart_trajectory(run, arm, rows):
    metric = (run.manifest.get("objective") or {}).get("metric", "objective")
    fig, ax = plt.subplots(figsize=(9, 4.2))
    search = rows[rows.stage == "search"]
    accepted = search[search.accepted]
    feasible = accepted[accepted.feasible]
    infeasible = accepted[~accepted.feasible]
    ax.scatter(feasible.evaluation, feasible.objective_mean, s=12, color="#8C8C8C",
               label="a point searched (feasible)")
    if not infeasible.empty:
        ax.scatter(infeasible.evaluation, infeasible.objective_mean, s=12, marker="x",
                   color="#C44E52", label="a point searched (not shown feasible)")
    incumbents = search[search.incumbent]
    # The incumbent holds until the search moves again, and to its last evaluation.
    x = list(incumbents.evaluation) + [search.evaluation.max()]
    y = list(incumbents.objective_mean) + [incumbents.objective_mean.iloc[-1]]
    ax.step(x, y, where="post", color=colour(run, arm), label="the search's incumbent")
    for stage, marker, label in (("selection", "s", "a candidate of the selection (95% CI)"),
                                 ("confirmation-start", "v", "the start, confirmed (95% CI)"),
                                 ("confirmation-selected", "^", "the selected point, confirmed "
                                                                "(95% CI)")):
        part = rows[rows.stage == stage]
        if part.empty:
            continue
        lo = (part.objective_mean - part.objective_ci95_low).clip(lower=0)
        hi = (part.objective_ci95_high - part.objective_mean).clip(lower=0)
        ax.errorbar(part.evaluation, part.objective_mean, yerr=[lo, hi], fmt=marker, capsize=3,
                    label=label)
    ax.set_title(f"Tuning {arm}: {objective_text(run)}")
    ax.set_xlabel("evaluation (search, then selection, then confirmation)")
    ax.set_ylabel(f"{metric} ({axis_unit(run, metric)})")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return png(fig)


def changes_table(tuned):
    rows = []
    for v in tuned.get("variables") or []:
        changed = v.get("tuned") != v.get("start")
        rows.append("<tr><th>{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
            html.escape(str(v.get("key"))), html.escape(f"[{v.get('from')}, {v.get('to')}]"),
            html.escape(f"{v.get('start')} ({v.get('start_from', 'file')})"),
            html.escape(str(v.get("tuned"))), "changed" if changed else ""))
    return ("<table class='headline'><thead><tr><th>value</th><th>range</th><th>start</th>"
            "<th>tuned</th><th></th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def confirmation_text(tuned):
    c = tuned.get("confirmation") or {}
    d = c.get("difference") or {}
    if not finite(d.get("mean")):
        return ""
    return (f"Selected − start on {c.get('replications', '?')} fresh replications: "
            f"{d['mean']:+.4g} [{d.get('ci95_low', float('nan')):+.4g}, "
            f"{d.get('ci95_high', float('nan')):+.4g}] (paired 95% CI). ")


def sections(run):
    out = []
    for tuned in run.manifest.get("tuned") or []:
        arm = tuned.get("arm", "?")
        rows = run.tuning[run.tuning.arm == arm]
        if rows.empty:
            continue
        caption = html.escape(
            f"{STATUS.get(tuned.get('status'), tuned.get('status', '?'))}. "
            f"{confirmation_text(tuned)}"
            f"{tuned.get('replications_used', '?')} replications in all; the overlay "
            f"{tuned.get('overlay', '?')} holds the arm {tuned.get('tuned_arm', '?')}.")
        out.append(figure(f"Tuning {arm}", chart_trajectory(run, arm, rows), caption,
                          f"tuning trajectory of {arm}"))
        out.append(changes_table(tuned))
    return out

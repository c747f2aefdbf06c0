"""Inventory over time, around the scenario's dated events (the manifest's `events`) that the
recorded series covers: each event's window shaded and named."""

import html

import pandas as pd

from .charts import figure, plt, png

MARGIN = pd.Timedelta(days=30)  # shown either side of the events' windows
WINDOW_COLOURS = ["gold", "#9ecae1", "#a1d99b", "#fdae6b", "#bcbddc"]


def covered_events(run):
    """The manifest's events whose window overlaps the days of timeseries.csv, in its order."""
    dates = pd.to_datetime(run.timeseries["date"].drop_duplicates(), errors="coerce").dropna()
    if dates.empty:
        return []
    first, last = dates.min(), dates.max()
    return [e for e in run.events if e.start <= last and e.last_day >= first]


def event_names(events):
    """The events' names, once each, as a phrase: "11.11", "6.18 and 11.11", "a, b and c"."""
    names = list(dict.fromkeys(e.name for e in events))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def draw_timeseries(run, events):
    """The figure: one panel per arm, the `events` shaded; None when there is nothing to draw."""
    ts = run.timeseries.copy()
    ts["date"] = pd.to_datetime(ts["date"], errors="coerce")
    if events:
        lo = min(e.start for e in events) - MARGIN
        hi = max(e.last_day for e in events) + MARGIN
        ts = ts[(ts.date >= lo) & (ts.date <= hi)]
    arms = [a for a in run.arms if a in set(ts.arm)] + sorted(set(ts.arm) - set(run.arms))
    if ts.empty or not arms:
        return None
    names = list(dict.fromkeys(e.name for e in events))
    fig, axes = plt.subplots(len(arms), 1, figsize=(12, 3.2 * len(arms)), sharex=True,
                             squeeze=False)
    for ax, arm in zip(axes[:, 0], arms):
        a = ts[ts.arm == arm]
        # Mean over the replications written, node by node, then the arm's total.
        per_node = a.groupby(["date", "node"])["on_hand"].mean().unstack("node")
        for node in per_node.columns:
            ax.plot(per_node.index, per_node[node], linewidth=1.2, label=f"{node} on hand")
        # Units owed can dwarf stock (orders pile up between tiers): their own axis, on the right.
        owed = ax.twinx()
        backorders = a.groupby(["date", "replication"])["backorders"].sum().groupby("date").mean()
        owed.plot(backorders.index, backorders.values, color="black", linestyle="--",
                  linewidth=1, label="backorders, all nodes (right axis)")
        owed.set_ylabel("backorders, units owed (units)")
        owed.set_ylim(bottom=0)
        labelled = set()
        for e in events:
            # Events of one name (the same festival in several markets) share a colour and a label.
            k = names.index(e.name)
            ax.axvspan(e.start, e.last_day + pd.Timedelta(days=1), alpha=0.25,
                       color=WINDOW_COLOURS[k % len(WINDOW_COLOURS)],
                       label=None if e.name in labelled else f"{e.name} window")
            labelled.add(e.name)
        n = a.replication.nunique()
        ax.set_title(f"{arm}: inventory by node (mean of {n} replication{'s' * (n != 1)})")
        ax.set_ylabel("on hand (units)")
        handles, labels = ax.get_legend_handles_labels()
        h2, l2 = owed.get_legend_handles_labels()
        ax.legend(handles + h2, labels + l2, fontsize=7, ncol=2, loc="upper left")
    axes[-1, 0].set_xlabel("date (day)")
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def sections(run):
    if run.timeseries is None:
        return []
    events = covered_events(run)
    fig = draw_timeseries(run, events)
    if fig is None:
        return []
    caption = ("Units on hand at each node, and units owed to waiting customers, averaged over "
               "the replications written to timeseries.csv; ")
    if events:
        windows = "windows" if len({e.name for e in events}) > 1 else "window"
        caption += f"30 days either side of the {html.escape(event_names(events))} {windows}."
        title = f"Inventory over time around {event_names(events)}"
    else:
        caption += ("the whole run: none of the scenario's dated events falls in it." if run.events
                    else "the whole run (the scenario has no dated event).")
        title = "Inventory over time"
    return [figure(title, png(fig), caption, "inventory over time")]

#!/usr/bin/python3
"""One-page HTML report of a c2msim run, for a strategist to read in a minute.

Usage: report.py OUTDIR [--output FILE] [--quiet]

Reads the output directory of `c2msim run` (summary.csv, comparison.csv, replications.csv,
manifest.json, and when present timeseries.csv, network-ARM.dot, sweep.csv and breakeven.json)
and writes OUTDIR/report.html: one self-contained file, every chart a PNG embedded as base64.
Sections whose input file is absent are left out. Exit status 0 on success, 2 when the folder
is not a c2msim output directory, 1 on any other failure.
"""

import argparse
import base64
import html
import io
import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: render to PNG in memory
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

# The headline metrics, in the order of the terminal table of `c2msim run`: label, unit, the
# direction that is better for the chain's customers or owners (+1 higher, -1 lower, 0 neither),
# and whether the value is a share shown in per cent.
HEADLINE = [
    ("inventory_turnover", "Inventory turnover", "turns/year", +1, False),
    ("days_of_inventory", "Days of inventory", "days", -1, False),
    ("list_markup", "List markup", "x unit cost", -1, False),
    ("realised_markup", "Realised markup", "x unit cost", 0, False),
    ("fill_rate", "Fill rate", "%", +1, True),
    ("lost_sales_rate", "Lost sales", "%", -1, True),
    ("lead_time_mean", "Customer lead time, mean", "days", -1, False),
    ("lead_time_p95", "Customer lead time, p95", "days", -1, False),
    ("bullwhip", "Bullwhip (daily)", "variance ratio", -1, False),
    ("bullwhip_weekly", "Bullwhip (weekly)", "variance ratio", -1, False),
    ("match_rate", "Variant match rate", "%", +1, True),
    ("utilisation", "Factory utilisation", "%", 0, True),
    ("profit", "Chain profit", "money", +1, False),
    ("consumer_spending", "Consumer spending", "money", 0, False),
]

ARM_COLOURS = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3",
               "#8C8C8C"]


class NotAnOutputDirectory(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Reading the output directory


def read_csv(path):
    # "inf" and "nan" are written by the simulator for undefined or unbounded values.
    return pd.read_csv(path, keep_default_na=True, na_values=["nan", "-nan"])


class Run:
    """The files of one output directory."""

    def __init__(self, outdir):
        self.dir = Path(outdir)
        # A run writes summary.csv and comparison.csv; a sweep (`run` of a file with `sweep:`)
        # writes sweep.csv instead; `breakeven` writes breakeven.json. Each has a manifest.
        has = {name: (self.dir / name).is_file() for name in
               ("manifest.json", "summary.csv", "comparison.csv", "sweep.csv", "breakeven.json")}
        if not has["manifest.json"] or not (has["summary.csv"] or has["sweep.csv"] or
                                            has["breakeven.json"]):
            raise NotAnOutputDirectory(
                f"{self.dir}: no manifest.json with summary.csv, sweep.csv or breakeven.json; is "
                "this the output folder of `c2msim run` or `c2msim breakeven`?")
        if has["summary.csv"] and not has["comparison.csv"]:
            raise NotAnOutputDirectory(f"{self.dir}: summary.csv without comparison.csv")
        self.manifest = json.loads((self.dir / "manifest.json").read_text(encoding="utf-8"))
        self.summary = read_csv(self.dir / "summary.csv") if has["summary.csv"] else None
        self.comparison = read_csv(self.dir / "comparison.csv") if has["comparison.csv"] else None
        reps = self.dir / "replications.csv"
        # A sweep's replications.csv has a `point` column; the per-run charts do not use it.
        self.replications = read_csv(reps) if reps.is_file() and self.summary is not None else None
        ts = self.dir / "timeseries.csv"
        self.timeseries = read_csv(ts) if ts.is_file() else None
        self.sweep = read_csv(self.dir / "sweep.csv") if has["sweep.csv"] else None
        self.breakeven = (json.loads((self.dir / "breakeven.json").read_text(encoding="utf-8"))
                          if has["breakeven.json"] else None)
        arms = self.manifest.get("arms")
        if not arms:
            if self.summary is not None:
                arms = list(dict.fromkeys(self.summary["arm"]))
            elif self.sweep is not None:
                arms = list(dict.fromkeys(self.sweep["arm"]))
            else:
                be = self.breakeven
                arms = [be.get("baseline", "baseline"), be.get("arm", "arm")]
        self.arms = list(arms)
        default_baseline = (self.breakeven or {}).get("baseline", self.arms[0])
        self.baseline = self.manifest.get("baseline", default_baseline)
        self.currency = self._currency()
        self.networks = {}
        for arm in self.arms:
            dot = self.dir / f"network-{arm}.dot"
            if dot.is_file():
                self.networks[arm] = dot

    def _currency(self):
        # The manifest names the scenario file; its `currency:` line labels money, if readable.
        path = self.manifest.get("scenario")
        for candidate in ([Path(path), self.dir / path] if path else []):
            try:
                text = candidate.read_text(encoding="utf-8")
            except OSError:
                continue
            m = re.search(r"^currency:\s*['\"]?([A-Za-z0-9_.-]+)", text, re.MULTILINE)
            if m:
                return m.group(1)
        return "money"

    def stat(self, arm, metric, scope="system"):
        rows = self.summary[(self.summary.arm == arm) & (self.summary.scope == scope) &
                            (self.summary.metric == metric)]
        return None if rows.empty else rows.iloc[0]

    def diff(self, arm, metric, scope="system"):
        c = self.comparison
        rows = c[(c.arm == arm) & (c.scope == scope) & (c.metric == metric)]
        return None if rows.empty else rows.iloc[0]

    def nodes(self, arm):
        """Node scopes of an arm in the order the simulator wrote them (the file's order)."""
        s = self.summary[(self.summary.arm == arm) & (self.summary.scope != "system")]
        return list(dict.fromkeys(s.scope))

    def unit(self, unit):
        return self.currency if unit == "money" else unit


# ---------------------------------------------------------------------------------------------
# Formatting


def finite(x):
    if x is None or isinstance(x, str):
        return False
    try:
        return math.isfinite(float(x))
    except (TypeError, ValueError):
        return False


def fmt_value(x, percent=False):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if isinstance(x, float) and math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if percent:
        return f"{100 * x:.1f}%"
    a = abs(x)
    if a >= 1e6:
        return f"{x / 1e6:.3g} M"
    if a >= 1e4:
        return f"{x / 1e3:.3g} k"
    if a >= 100:
        return f"{x:,.1f}"
    return f"{x:.3g}"


def fmt_mean_ci(row, percent):
    if row is None:
        return "–"
    mean = row["mean"]
    text = fmt_value(mean, percent)
    lo, hi = row["ci95_low"], row["ci95_high"]
    if finite(mean) and finite(lo) and finite(hi) and hi - lo > 1e-9 * max(1.0, abs(mean)):
        half = (hi - lo) / 2
        text += " ± " + (f"{100 * half:.1f}" if percent else fmt_value(half))
    return text


def significant(row):
    """Whether a difference's 95% CI excludes zero (a row of comparison.csv, or a dict)."""
    return (row is not None and finite(row["ci95_low"]) and finite(row["ci95_high"]) and
            (row["ci95_low"] > 0 or row["ci95_high"] < 0))


def fmt_diff(row, percent):
    if row is None:
        return "–"
    d = row["mean_difference"]
    if not finite(d):
        return fmt_value(d)

    def signed(x):
        return ("+" if x >= 0 else "−") + fmt_value(abs(x), percent)

    text = signed(d)
    if finite(row["ci95_low"]) and finite(row["ci95_high"]):
        text += f" [{signed(row['ci95_low'])}, {signed(row['ci95_high'])}]"
    rel = row.get("relative_change")
    if finite(rel) and not percent:
        text += f" ({100 * rel:+.0f}%)"
    return text


# ---------------------------------------------------------------------------------------------
# Charts


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
    check_chart(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=96, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


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


def bar_panel(ax, run, metric, title, ylabel, percent=False):
    """One bar per arm with its 95% CI; an infinite mean is drawn as a hatched bar marked ∞."""
    rows = [run.stat(arm, metric) for arm in run.arms]
    means = [r["mean"] if r is not None and finite(r["mean"]) else float("nan") for r in rows]
    scale = 100.0 if percent else 1.0
    finite_means = [m * scale for m in means if finite(m)]
    top = max(finite_means + [1.0]) * 1.15
    xs = range(len(run.arms))
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
    ax.set_xticks(list(xs))
    ax.set_xticklabels(run.arms, rotation=20, ha="right")
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
    ax.set_xticks(range(len(run.arms)))
    ax.set_xticklabels(run.arms, rotation=20, ha="right")
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
    ax.set_xticks(range(len(run.arms)))
    ax.set_xticklabels(run.arms, rotation=20, ha="right")
    ax.set_ylim(0, 105)
    ax.set_title("Fill rate and lost sales (n/a: no stock to fill from)")
    ax.set_ylabel("share of units demanded (%)")
    ax.set_xlabel("arm")
    ax.legend(fontsize=8)

    ax = axes[1]
    if not lead_time_boxes(ax, run):
        lead_time_per_replication(ax, run)
    ax.set_xticks(range(len(run.arms)))
    ax.set_xticklabels(run.arms, rotation=20, ha="right")
    ax.set_title("Customer lead time")
    ax.set_ylabel("arrival to delivery (days)")
    ax.set_xlabel("arm")
    fig.tight_layout()
    return png(fig)


LEAD_TIME_QUANTILES = ["lead_time_p05", "lead_time_p25", "lead_time_p50", "lead_time_p75",
                       "lead_time_p95", "lead_time_p99"]


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
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
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
    from matplotlib.patches import Patch
    ax.legend(handles=[Patch(facecolor="grey", alpha=0.7,
                             label="per replication: p50, mean, p95 (left to right)")],
              fontsize=7)


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


def festival_window(ts):
    """The first 1-11 November in the series (the 11.11 window), as (first day, last day)."""
    dates = pd.to_datetime(ts["date"].drop_duplicates(), errors="coerce").dropna().sort_values()
    for year in sorted({d.year for d in dates}):
        start, end = pd.Timestamp(year, 11, 1), pd.Timestamp(year, 11, 11)
        if ((dates >= start) & (dates <= end)).any():
            return start, end
    return None


def chart_timeseries(run):
    ts = run.timeseries.copy()
    ts["date"] = pd.to_datetime(ts["date"], errors="coerce")
    window = festival_window(run.timeseries)
    if window is not None:
        lo, hi = window[0] - pd.Timedelta(days=30), window[1] + pd.Timedelta(days=30)
        ts = ts[(ts.date >= lo) & (ts.date <= hi)]
    arms = [a for a in run.arms if a in set(ts.arm)] + sorted(set(ts.arm) - set(run.arms))
    if ts.empty or not arms:
        return None
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
        if window is not None:
            ax.axvspan(window[0], window[1] + pd.Timedelta(days=1), color="gold", alpha=0.25,
                       label="11.11 window")
        n = a.replication.nunique()
        ax.set_title(f"{arm}: inventory by node (mean of {n} replication{'s' * (n != 1)})")
        ax.set_ylabel("on hand (units)")
        handles, labels = ax.get_legend_handles_labels()
        h2, l2 = owed.get_legend_handles_labels()
        ax.legend(handles + h2, labels + l2, fontsize=7, ncol=2, loc="upper left")
    axes[-1, 0].set_xlabel("date (day)")
    fig.autofmt_xdate()
    fig.tight_layout()
    return png(fig)


SWEEP_FIXED = {"point", "arm", "scope", "metric", "n", "mean", "ci95_low", "ci95_high",
               "mean_difference", "difference_ci95_low", "difference_ci95_high"}
SWEEP_METRICS = ["profit", "inventory_turnover", "list_markup", "fill_rate", "lost_sales_rate",
                 "lead_time_mean"]


def chart_sweep(run):
    params, sw, xs_of, xlabel = sweep_axis(run)
    metrics = [m for m in SWEEP_METRICS if m in set(sw.metric)]
    if not metrics or not params:
        return None
    cols = 2
    nrows = math.ceil(len(metrics) / cols)
    fig, axes = plt.subplots(nrows, cols, figsize=(12, 3.6 * nrows), squeeze=False)
    for ax, metric in zip(axes.flat, metrics):
        m = sw[sw.metric == metric]
        for arm in [a for a in run.arms if a in set(m.arm)] + sorted(set(m.arm) - set(run.arms)):
            r = m[m.arm == arm].sort_values("point")
            x = [xs_of[p] for p in r.point]
            ax.plot(x, r["mean"], marker="o", color=colour(run, arm), label=arm)
            ax.fill_between(x, r["ci95_low"], r["ci95_high"], color=colour(run, arm), alpha=0.2)
        unit = {h[0]: h[2] for h in HEADLINE}.get(metric, "")
        unit = "share" if unit == "%" else run.unit(unit)
        ax.set_title({h[0]: h[1] for h in HEADLINE}.get(metric, metric))
        ax.set_ylabel(f"{metric} ({unit})")
        ax.set_xlabel(xlabel)
        ax.legend(fontsize=7, title="arm (band: 95% CI)", title_fontsize=7)
    for ax in list(axes.flat)[len(metrics):]:
        ax.axis("off")
    fig.suptitle("Sweep: each arm's mean across the swept values")
    fig.tight_layout()
    return png(fig)


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


def chart_sweep_differences(run):
    params, sw, xs_of, xlabel = sweep_axis(run)
    metrics = differenced_metrics(run, sw)
    others = [a for a in dict.fromkeys(sw.arm) if a != run.baseline]
    if not metrics or not params or not others:
        return None
    cols = 2
    nrows = math.ceil(len(metrics) / cols)
    fig, axes = plt.subplots(nrows, cols, figsize=(12, 3.6 * nrows), squeeze=False)
    for ax, metric in zip(axes.flat, metrics):
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
        unit = {h[0]: h[2] for h in HEADLINE}.get(metric, "")
        unit = "share" if unit == "%" else run.unit(unit)
        ax.set_title({h[0]: h[1] for h in HEADLINE}.get(metric, metric) + ": difference")
        ax.set_ylabel(f"difference in {metric} ({unit})")
        ax.set_xlabel(xlabel)
        ax.legend(fontsize=7, title="band: 95% CI", title_fontsize=7)
    for ax in list(axes.flat)[len(metrics):]:
        ax.axis("off")
    fig.suptitle(f"Sweep: paired difference from {run.baseline}")
    fig.tight_layout()
    return png(fig)


def sweep_table(run):
    """Per point, each arm's difference from the baseline in the key metrics, coloured."""
    params, sw, _, _ = sweep_axis(run)
    metrics = differenced_metrics(run, sw)
    others = [a for a in dict.fromkeys(sw.arm) if a != run.baseline]
    if not metrics or not others:
        return ""
    spec = {h[0]: h for h in HEADLINE}
    head = "".join(f"<th>{html.escape(p)}</th>" for p in params) + "<th>arm</th>"
    for metric in metrics:
        _, label, unit, _, percent = spec[metric]
        head += (f"<th>{html.escape(label)}<br><small>({html.escape(run.unit(unit))}), "
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
                better, percent = spec[metric][3], spec[metric][4]
                cls = ""
                if significant(d) and better != 0:
                    cls = "good" if (d["mean_difference"] > 0) == (better > 0) else "bad"
                cells += f"<td class='{cls}'>{html.escape(fmt_diff(d, percent))}</td>"
            body.append(f"<tr>{cells}</tr>")
    return ("<h2>Sweep: headline</h2><table class='headline'><thead><tr>" + head +
            "</tr></thead><tbody>" + "".join(body) + "</tbody></table>"
            "<p class='caption'>Paired differences from the baseline at each point of the sweep "
            "(green: significantly better, red: significantly worse).</p>")


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
    unit = {h[0]: h[2] for h in HEADLINE}.get(be.get("metric"), "metric's units")
    unit = "share" if unit == "%" else run.unit(unit)
    ax.set_ylabel(f"difference in {be.get('metric')} ({unit})")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return png(fig)


def network_png(dot_file):
    """The arm's network drawn by GraphViz, or None when `dot` is not installed or fails."""
    dot = shutil.which("dot")
    if dot is None:
        return None
    done = subprocess.run([dot, "-Tpng", "-Gdpi=80", str(dot_file)], capture_output=True,
                          timeout=60)
    if done.returncode != 0 or not done.stdout:
        sys.stderr.write(f"report: warning: dot could not draw {dot_file.name}: "
                         f"{done.stderr.decode(errors='replace').strip()}\n")
        return None
    return base64.b64encode(done.stdout).decode("ascii")


# ---------------------------------------------------------------------------------------------
# The page


def findings(run):
    """A few sentences per arm against the baseline: the one-minute read."""
    out = []
    keys = ["inventory_turnover", "list_markup", "fill_rate", "lost_sales_rate", "lead_time_mean",
            "bullwhip", "profit"]
    spec = {h[0]: h for h in HEADLINE}
    for arm in run.arms:
        if arm == run.baseline:
            continue
        parts = []
        for metric in keys:
            b, a, d = run.stat(run.baseline, metric), run.stat(arm, metric), run.diff(arm, metric)
            if a is None or b is None:
                continue
            _, label, unit, better, percent = spec[metric]
            unit_text = "" if percent else f" {run.unit(unit)}"
            change = (f"{fmt_value(b['mean'], percent)} → {fmt_value(a['mean'], percent)}"
                      f"{unit_text}")
            verdict = ""
            if significant(d) and better != 0:
                good = (d["mean_difference"] > 0) == (better > 0)
                verdict = (' <span class="good">better</span>' if good
                           else ' <span class="bad">worse</span>')
            elif d is not None and finite(d["ci95_low"]):
                verdict = ' <span class="same">no clear difference</span>'
            parts.append(f"{html.escape(label.lower())} {html.escape(change)}{verdict}")
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
    for metric, label, unit, better, percent in HEADLINE:
        stats = [run.stat(a, metric) for a in run.arms]
        if all(s is None for s in stats):
            continue
        unit_text = run.unit(unit)
        cells = "".join(f"<td>{html.escape(fmt_mean_ci(s, percent))}</td>" for s in stats)
        for arm in others:
            d = run.diff(arm, metric)
            cls = ""
            if significant(d) and better != 0:
                cls = "good" if (d["mean_difference"] > 0) == (better > 0) else "bad"
            cells += f"<td class='{cls}'>{html.escape(fmt_diff(d, percent))}</td>"
        rows.append(f"<tr><th>{html.escape(label)} <small>({html.escape(unit_text)})</small></th>"
                    f"{cells}</tr>")
    return (f"<table class='headline'><thead><tr><th>metric (whole chain)</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def figure(title, b64, caption, alt):
    if b64 is None:
        return ""
    return (f"<section><h2>{html.escape(title)}</h2>"
            f"<img class='chart' alt='{html.escape(alt)}' src='data:image/png;base64,{b64}'>"
            f"<p class='caption'>{caption}</p></section>")


STYLE = """
body { font-family: sans-serif; max-width: 1280px; margin: 1.5em auto; color: #222; }
h1 { margin-bottom: 0.2em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ccc; }
.meta { color: #555; font-size: 0.9em; }
table.headline { border-collapse: collapse; font-size: 0.9em; }
table.headline th, table.headline td {
  border: 1px solid #ccc; padding: 4px 8px; text-align: right;
}
table.headline thead th { background: #f0f0f0; text-align: center; }
table.headline tbody th { text-align: left; font-weight: normal; }
.good { color: #17692e; font-weight: bold; } .bad { color: #a31515; font-weight: bold; }
td.good { background: #e6f4ea; } td.bad { background: #fbe9e9; }
.same { color: #666; }
img.chart { max-width: 100%; }
.caption { color: #555; font-size: 0.85em; }
.networks { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
.networks figure { margin: 0; } .networks img { max-width: 600px; }
"""

# Sets data-images on <body> once every image has loaded: "ok" when all decoded with a size,
# "broken" otherwise; a headless browser (the end-to-end test) reads it from the DOM.
CHECK_SCRIPT = """
window.addEventListener('load', function () {
  var imgs = Array.prototype.slice.call(document.images);
  var ok = imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
  document.body.setAttribute('data-images-total', String(imgs.length));
  document.body.setAttribute('data-images-loaded', String(ok));
  document.body.setAttribute('data-images', ok === imgs.length ? 'ok' : 'broken');
});
"""


def seed_text(run):
    m = run.manifest
    if "seed" in m:
        return str(m["seed"])
    seeds = sorted({p.get("seed") for p in (m.get("sweep") or {}).get("points") or []
                    if "seed" in p})
    if seeds:
        return "/".join(str(x) for x in seeds)
    return str((run.breakeven or {}).get("seed", "?"))


def replications_text(run):
    m = run.manifest
    if "replications" in m:
        return str(m["replications"])
    points = (m.get("sweep") or {}).get("points") or []
    counts = sorted({p.get("replications") for p in points if "replications" in p})
    if counts:
        return "/".join(str(c) for c in counts) + f" (at each of {len(points)} sweep points)"
    if run.breakeven is not None and "replications" in run.breakeven:
        return str(run.breakeven["replications"])
    return "?"


def build_html(run):
    m = run.manifest
    title = f"c2msim report: {m.get('scenario_name', run.dir.name)}"
    meta = (f"{len(run.arms)} arm(s): {', '.join(run.arms)}; baseline {run.baseline}; "
            f"{replications_text(run)} replications per arm, seed {seed_text(run)}; "
            f"c2msim {m.get('c2msim_version', '?')} ({m.get('git_revision', '?')}); "
            f"scenario {m.get('scenario', '?')} "
            f"(SHA-256 {str(m.get('scenario_sha256', '?'))[:12]}…)")
    body = [f"<h1>{html.escape(title)}</h1><p class='meta'>{html.escape(meta)}</p>"]
    if run.summary is not None:
        body += run_sections(run)
    if run.sweep is not None:
        body += sweep_sections(run)
    if run.breakeven is not None:
        be = run.breakeven
        body.append(figure("Break-even", chart_breakeven(run),
                           html.escape(f"Where {be.get('arm')} − {be.get('baseline')} in "
                                       f"{be.get('metric')} crosses zero as {be.get('parameter')} "
                                       f"varies; status: {status_text(be)}; "
                                       f"{bracket_text(be)}"
                                       f"{be.get('replications', '?')} replications per "
                                       "evaluation."), "break-even"))
    if run.networks:
        body.append(networks_section(run))
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title><style>{STYLE}</style>"
            f"<script>{CHECK_SCRIPT}</script></head><body>" + "\n".join(b for b in body if b) +
            "</body></html>\n")


def run_sections(run):
    """The sections of a run's output: headline, charts, time series."""
    body = ["<h2>Headline</h2>", findings(run), headline_table(run),
            "<p class='caption'>Mean of each arm ± half-width of its 95% confidence interval "
            "(Student's t over replications). The differences are paired replication by "
            "replication (common random numbers); green: significantly better, red: "
            "significantly worse; relative change in brackets; differences of shares (%) in "
            "percentage points; k: thousands, M: millions. ∞ turnover: goods sold with no "
            "stock held (pure make-to-order); – : undefined.</p>"]
    body.append(figure("Inventory turnover and markup", chart_turnover_markup(run),
                       "System inventory turnover and days of inventory; list and realised markup "
                       "(consumer revenue and salvage over units at factory cost). Bars: mean; "
                       "whiskers: 95% CI.", "turnover and markup per arm"))
    body.append(figure("Markup waterfall by tier", chart_waterfall(run),
                       "Each tier's markup step as a multiple of the factory unit cost; the steps "
                       "add up to the list markup.", "markup waterfall"))
    body.append(figure("Service: fill rate and customer lead time", chart_service(run),
                       "Fill rate: units shipped at once from stock; n/a for pure make-to-order. "
                       "Lead time: arrival to delivery of the customers served in full; each "
                       "quantile is the mean over replications of the replication's quantile.",
                       "fill rate and lead time"))
    body.append(figure("Bullwhip by tier", chart_bullwhip(run),
                       "Variance of the orders a tier places upstream (or puts into production) "
                       "over the variance of the demand it receives; above 1 the tier amplifies "
                       "demand swings.", "bullwhip by tier"))
    if run.timeseries is not None:
        body.append(figure("Inventory over time around 11.11", chart_timeseries(run),
                           "Units on hand at each node, and units owed to waiting customers, "
                           "averaged over the replications written to timeseries.csv; 30 days "
                           "either side of the 11.11 window when the run covers it.",
                           "inventory over time"))
    return body


def sweep_sections(run):
    """The sections of a sweep's output: the differences per point, then the charts."""
    return [sweep_table(run),
            figure("Sweep: each arm", chart_sweep(run),
                   "Each arm's mean at every swept value, with its 95% CI band.", "sweep"),
            figure("Sweep: difference from the baseline", chart_sweep_differences(run),
                   "The paired difference of each arm from the baseline at every swept value, "
                   "with its 95% CI band; where the band crosses zero the arms break even.",
                   "sweep differences")]


def networks_section(run):
    figs = []
    for arm, dot in run.networks.items():
        b64 = network_png(dot)
        if b64 is not None:
            figs.append(f"<figure><img alt='network of {html.escape(arm)}' "
                        f"src='data:image/png;base64,{b64}'>"
                        f"<figcaption>{html.escape(arm)}</figcaption></figure>")
    if not figs:
        return ""
    return ("<section><h2>Networks</h2><div class='networks'>" + "".join(figs) +
            "</div><p class='caption'>Each arm's nodes and lanes, drawn by GraphViz from "
            "network-ARM.dot.</p></section>")


def main(argv):
    parser = argparse.ArgumentParser(description="Write the HTML report of a c2msim run.")
    parser.add_argument("outdir", help="output folder of `c2msim run`")
    parser.add_argument("--output", help="report file (default: OUTDIR/report.html)")
    parser.add_argument("--quiet", action="store_true", help="do not print the report's path")
    args = parser.parse_args(argv)
    try:
        run = Run(args.outdir)
    except NotAnOutputDirectory as e:
        sys.stderr.write(f"report: error: {e}\n")
        return 2
    target = Path(args.output) if args.output else run.dir / "report.html"
    page = build_html(run)
    # Written whole to a temporary name and renamed, like the simulator's own outputs.
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(target)
    if not args.quiet:
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

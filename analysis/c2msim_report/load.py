"""Reading one output folder: its manifest, its metric catalogue (metrics.csv) and its results.

Everything the report says about units, directions and dates comes from the folder itself, as
c2msim wrote it; a folder that lacks these (written by an older c2msim) is refused, not guessed at.
"""

import csv
import datetime
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd


class NotAnOutputDirectory(Exception):
    """The folder is not one this report can read (exit status 2)."""


@dataclass(frozen=True)
class Metric:
    """One row of metrics.csv."""

    name: str
    unit: str  # money already in the scenario's currency
    label: str
    better: int  # +1 higher is better, -1 lower, 0 neither
    share: bool  # a share between 0 and 1, shown in per cent
    headline: bool

    @property
    def shown_unit(self):
        """The unit beside a value in a table or a sentence: shares are shown in per cent."""
        return "%" if self.share else self.unit


@dataclass(frozen=True)
class Event:
    """A dated demand event of the scenario, as the manifest lists it."""

    name: str
    start: pd.Timestamp
    days: int

    @property
    def last_day(self):
        return self.start + pd.Timedelta(days=self.days - 1)


METRICS_COLUMNS = ["metric", "scopes", "unit", "label", "better", "share", "headline",
                   "definition"]


def read_csv(path):
    # "inf" and "nan" are written by the simulator for undefined or unbounded values.
    return pd.read_csv(path, keep_default_na=True, na_values=["nan", "-nan"])


def read_metrics(path):
    """The catalogue of metrics.csv, by name in the file's order."""
    metrics = {}
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = [c for c in METRICS_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise NotAnOutputDirectory(f"{path}:1: missing column(s) {', '.join(missing)}; "
                                       f"expected {','.join(METRICS_COLUMNS)}")
        for row in reader:
            flags = {}
            for column, allowed in (("better", ("-1", "0", "1")), ("share", ("0", "1")),
                                    ("headline", ("0", "1"))):
                if row[column] not in allowed:
                    raise NotAnOutputDirectory(
                        f"{path}:{reader.line_num}: {column} of {row['metric']} is "
                        f"{row[column]!r}; expected one of {', '.join(allowed)}")
                flags[column] = int(row[column])
            metrics[row["metric"]] = Metric(row["metric"], row["unit"], row["label"],
                                            flags["better"], flags["share"] == 1,
                                            flags["headline"] == 1)
    return metrics


def read_events(manifest, where):
    """The manifest's dated events; a malformed entry is named by its index and key."""
    events = manifest["events"]
    if not isinstance(events, list):
        raise NotAnOutputDirectory(f"{where}: events: expected a list of {{name, start, days}}")
    out = []
    for i, e in enumerate(events):
        key = f"{where}: events[{i}]"
        if not isinstance(e, dict) or not isinstance(e.get("name"), str):
            raise NotAnOutputDirectory(f"{key}.name: expected the event's name")
        try:
            start = pd.Timestamp(datetime.date.fromisoformat(str(e.get("start"))))
        except ValueError:
            raise NotAnOutputDirectory(
                f"{key}.start: expected a date YYYY-MM-DD, found {e.get('start')!r}") from None
        days = e.get("days")
        if not isinstance(days, int) or isinstance(days, bool) or days < 1:
            raise NotAnOutputDirectory(f"{key}.days: expected a whole number >= 1, "
                                       f"found {days!r}")
        out.append(Event(e["name"], start, days))
    return out


class Run:
    """The files of one output directory."""

    def __init__(self, outdir):
        self.dir = Path(outdir)
        # A run writes summary.csv and comparison.csv; a sweep (`run` of a file with `sweep:`)
        # writes sweep.csv instead; `breakeven` writes breakeven.json; `decompose` writes
        # decomposition.csv. Each has a manifest.
        has = {name: (self.dir / name).is_file() for name in
               ("manifest.json", "summary.csv", "comparison.csv", "sweep.csv", "breakeven.json",
                "decomposition.csv", "tuning.csv")}
        if not has["manifest.json"] or not (has["summary.csv"] or has["sweep.csv"] or
                                            has["breakeven.json"] or has["decomposition.csv"] or
                                            has["tuning.csv"]):
            raise NotAnOutputDirectory(
                f"{self.dir}: no manifest.json with summary.csv, sweep.csv, breakeven.json, "
                "decomposition.csv or tuning.csv; is this the output folder of `c2msim run`, "
                "`c2msim breakeven`, `c2msim decompose` or `c2msim tune`?")
        if has["summary.csv"] and not has["comparison.csv"]:
            raise NotAnOutputDirectory(f"{self.dir}: summary.csv without comparison.csv")
        self._read_description()
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
        self.decomposition = None
        if has["decomposition.csv"]:
            self.decomposition = read_csv(self.dir / "decomposition.csv")
            # The rows that are no lever have an empty lever.
            self.decomposition["lever"] = self.decomposition["lever"].fillna("")
        # `tune` writes tuning.csv, one row per evaluation, and the tuned arms in the manifest.
        self.tuning = read_csv(self.dir / "tuning.csv") if has["tuning.csv"] else None
        arms = self.manifest.get("arms")
        if not arms and self.tuning is not None:
            arms = [t.get("arm", "?") for t in self.manifest.get("tuned") or []] or ["?"]
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
        self.networks = {}
        for arm in self.arms:
            dot = self.dir / f"network-{arm}.dot"
            if dot.is_file():
                self.networks[arm] = dot

    def _read_description(self):
        """The manifest, and what c2msim writes beside the results to describe them: the metric
        catalogue, the currency and the dated events. Older folders lack them: refused."""
        older = ("the folder was written by an older c2msim, which did not describe its "
                 "results there; run the scenario again with this c2msim to report on it")
        if not (self.dir / "metrics.csv").is_file():
            raise NotAnOutputDirectory(f"{self.dir}: no metrics.csv (the metrics' units, labels "
                                       f"and directions): {older}")
        where = self.dir / "manifest.json"
        try:
            self.manifest = json.loads(where.read_text(encoding="utf-8"))
        except ValueError as e:
            raise NotAnOutputDirectory(f"{where}: not JSON: {e}") from None
        if not isinstance(self.manifest, dict):
            raise NotAnOutputDirectory(f"{where}: expected a JSON object")
        missing = [k for k in ("currency", "events") if k not in self.manifest]
        if missing:
            raise NotAnOutputDirectory(f"{where}: no {' or '.join(missing)}: {older}")
        if not isinstance(self.manifest["currency"], str):
            raise NotAnOutputDirectory(f"{where}: currency: expected a string")
        self.currency = self.manifest["currency"]  # "" when the scenario names none
        self.events = read_events(self.manifest, where)
        self.metrics = read_metrics(self.dir / "metrics.csv")
        self.headline = [m for m in self.metrics.values() if m.headline]

    def metric(self, name):
        """The catalogue's entry of a metric, or None for a name it does not list."""
        return self.metrics.get(name)

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

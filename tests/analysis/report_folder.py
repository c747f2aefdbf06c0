"""Writes small output folders for the tests of the report package: what c2msim writes, cut
down to a few metrics and days, with the currency, events and catalogue each test chooses."""

import csv
import datetime
import json
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "analysis"))

# metric, scopes, unit, label, better, share, headline, definition; "{money}" is the currency.
CATALOGUE = [
    ("lead_time_mean", "system", "days", "Customer lead time, mean", -1, 0, 1, "arrival to end"),
    ("fill_rate", "system node", "share", "Fill rate", 1, 1, 1, "units shipped at once / demanded"),
    ("profit", "system node", "{money}", "Profit", 1, 0, 1, "revenue - costs"),
    ("holding_cost", "node", "{money}", "Holding cost", -1, 0, 0, "cost of stock held"),
]

ARMS = ["traditional", "c2m"]


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_catalogue(folder, currency, catalogue=CATALOGUE):
    rows = [[c if not isinstance(c, str) else c.replace("{money}", currency or "money")
             for c in row] for row in catalogue]
    write_csv(Path(folder) / "metrics.csv",
              ["metric", "scopes", "unit", "label", "better", "share", "headline", "definition"],
              rows)


def write_folder(folder, currency="EUR", events=(), catalogue=CATALOGUE, series=None,
                 manifest_extra=None):
    """A run's output folder. `events`: (name, "YYYY-MM-DD", days); `series`: (first date, days)
    of a timeseries.csv of one node per arm, or None for none."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {"scenario": "scenario.yaml", "scenario_name": "tiny", "arms": ARMS,
                "baseline": ARMS[0], "seed": 1, "replications": 2, "currency": currency,
                "start_date": "2019-01-01",
                "events": [{"name": n, "start": s, "days": d} for n, s, d in events]}
    manifest.update(manifest_extra or {})
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    if catalogue is not None:
        write_catalogue(folder, currency, catalogue)
    # Each arm: lead time 2 or 4 days, fill rate 0.9 or 0.5, profit 1000 or 3000.
    values = {"lead_time_mean": (2.0, 4.0), "fill_rate": (0.9, 0.5), "profit": (1000.0, 3000.0)}
    summary, comparison = [], []
    for i, arm in enumerate(ARMS):
        for metric, v in values.items():
            summary.append([arm, "system", metric, 2, v[i], 0.1, v[i] - 0.1, v[i] + 0.1, v[i],
                            v[i], v[i]])
            if i > 0:
                d = v[i] - v[0]
                comparison.append([arm, ARMS[0], "system", metric, 2, d, d - 0.01, d + 0.01,
                                   d / v[0]])
    write_csv(folder / "summary.csv", ["arm", "scope", "metric", "n", "mean", "sd", "ci95_low",
                                       "ci95_high", "p05", "p50", "p95"], summary)
    write_csv(folder / "comparison.csv", ["arm", "baseline", "scope", "metric", "n",
                                          "mean_difference", "ci95_low", "ci95_high",
                                          "relative_change"], comparison)
    if series is not None:
        first, days = datetime.date.fromisoformat(series[0]), series[1]
        rows = []
        for arm in ARMS:
            for day in range(days):
                date = (first + datetime.timedelta(days=day)).isoformat()
                rows.append([arm, 0, day, date, "shop", 10 + day % 7, day % 3, 0, 1, 1, 1])
        write_csv(folder / "timeseries.csv",
                  ["arm", "replication", "day", "date", "node", "on_hand", "backorders",
                   "on_order", "orders_placed", "demand_received", "arrivals"], rows)
    return folder

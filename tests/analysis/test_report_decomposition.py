"""The decomposition's waterfall (decomposition.csv of `c2msim decompose`): from the base arm
through each lever's Shapley value to the arm with every lever, then the residual to the target,
each bar where the previous one ended, coloured by the metric's better direction."""

import json
import tempfile
import unittest
from pathlib import Path

import matplotlib.colors as mcolors
from report_folder import write_catalogue, write_csv

from c2msim_report import decomposition, page
from c2msim_report.charts import plt
from c2msim_report.load import Run

HEADER = ["metric", "scope", "kind", "lever", "mean", "ci95_low", "ci95_high", "own_effect",
          "own_effect_ci95_low", "own_effect_ci95_high", "replications"]


def rows_of(metric, base, levers, target):
    """decomposition.csv rows: `levers` is [(name, shapley, half CI)]; the rest follows."""
    every = base + sum(v for _, v, _ in levers)
    rows = [[metric, "system", "base", "", base, base - 10, base + 10, "", "", "", 4]]
    for name, v, half in levers:
        rows.append([metric, "system", "lever", name, v, v - half, v + half, v, v - half,
                     v + half, 4])
    rows += [[metric, "system", "all_levers", "", every, every - 10, every + 10, "", "", "", 4],
             [metric, "system", "total", "", every - base, every - base - 5, every - base + 5,
              "", "", "", 4],
             [metric, "system", "target", "", target, target - 1, target + 1, "", "", "", 4],
             [metric, "system", "residual", "", target - every, target - every - 2,
              target - every + 2, "", "", "", 4]]
    return rows


def write_decomposition_folder(folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {"scenario": "scenario.yaml", "scenario_name": "tiny", "arms": ["traditional", "c2m"],
                "baseline": "traditional", "base": "traditional", "target": "c2m", "seed": 1,
                "replications": 4, "currency": "EUR", "events": [],
                "levers": [{"name": "price", "overrides": [
                               {"key_path": "arms.traditional.nodes[shop].markup",
                                "value": "0.08"}]},
                           {"name": "assortment", "overrides": [
                               {"key_path": "arms.traditional.nodes[shop].stock.stocked_variants",
                                "value": "all"}]}]}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    write_catalogue(folder, "EUR")
    # Profit (higher is better): price +300, assortment -100; lead time (lower is better): price
    # +0.5, assortment -1.5; fill rate undefined in every replication (no row has a value).
    rows = rows_of("profit", 1000.0, [("price", 300.0, 50.0), ("assortment", -100.0, 50.0)],
                   1500.0)
    rows += rows_of("lead_time_mean", 4.0, [("price", 0.5, 0.1), ("assortment", -1.5, 0.2)], 2.0)
    rows += [["fill_rate", "system", kind, lever, "nan", "nan", "nan", "", "", "", 0]
             for kind, lever in (("base", ""), ("lever", "price"), ("lever", "assortment"),
                                 ("all_levers", ""), ("total", ""), ("target", ""),
                                 ("residual", ""))]
    write_csv(folder / "decomposition.csv", HEADER, rows)
    return folder


class Waterfall(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.run = Run(write_decomposition_folder(Path(self.tmp.name) / "out"))

    def tearDown(self):
        self.tmp.cleanup()
        plt.close("all")

    def rows(self, metric):
        d = self.run.decomposition
        return d[d.metric == metric]

    def test_each_lever_starts_where_the_previous_bar_ended(self):
        bars = decomposition.steps(self.rows("profit"))
        self.assertEqual([(b[0], b[1], b[2]) for b in bars],
                         [("base", 0.0, 1000.0), ("price", 1000.0, 300.0),
                          ("assortment", 1300.0, -100.0), ("every lever", 0.0, 1200.0),
                          ("residual", 1200.0, 300.0), ("target", 0.0, 1500.0)])
        # Each whisker is the step's CI around where its bar ends.
        self.assertEqual(bars[1][3:5], (1250.0, 1350.0))
        self.assertEqual(bars[2][3:5], (1150.0, 1250.0))
        self.assertEqual(bars[4][3:5], (1498.0, 1502.0))

    def test_a_lever_is_green_when_it_moves_the_metric_the_better_way(self):
        for metric, expected in (("profit", [decomposition.BETTER, decomposition.WORSE]),
                                 ("lead_time_mean", [decomposition.WORSE, decomposition.BETTER])):
            with self.subTest(metric=metric):
                fig, ax = plt.subplots()
                decomposition.draw_waterfall(ax, self.run, metric, "system", self.rows(metric))
                colours = [mcolors.to_hex(p.get_facecolor()) for p in ax.patches]
                self.assertEqual(len(colours), 6)
                self.assertEqual(colours[1:3], [c.lower() for c in expected])
                self.assertEqual(colours[3], decomposition.ALL_LEVERS.lower())
                labels = [t.get_text() for t in ax.get_xticklabels()]
                self.assertEqual(labels, ["traditional", "price", "assortment", "every lever",
                                          "residual", "c2m"])

    def test_a_metric_undefined_in_every_replication_is_not_drawn(self):
        self.assertEqual(decomposition.steps(self.rows("fill_rate")), [])
        page_text = page.build_html(self.run)
        self.assertIn("<h2>Decomposition: where the difference comes from</h2>", page_text)
        self.assertEqual(page_text.count("<img"), 1)
        self.assertIn("arms.traditional.nodes[shop].markup = 0.08", page_text)


class Folder(unittest.TestCase):
    def test_a_decompose_folder_is_read_without_a_summary(self):
        with tempfile.TemporaryDirectory() as tmp:
            run = Run(write_decomposition_folder(Path(tmp) / "out"))
            self.assertIsNone(run.summary)
            self.assertEqual(run.arms, ["traditional", "c2m"])
            # The rows that are no lever have an empty lever, not NaN.
            self.assertEqual(set(run.decomposition.lever), {"", "price", "assortment"})


if __name__ == "__main__":
    unittest.main()

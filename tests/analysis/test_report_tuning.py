"""The tuning section (tuning.csv and the manifest of `c2msim tune`): the trajectory chart, the
status in words and the table of the values that changed."""

import json
import tempfile
import unittest
from pathlib import Path

from report_folder import write_catalogue, write_csv

from c2msim_report import page, tuning
from c2msim_report.charts import plt
from c2msim_report.load import Run

HEADER = ["arm", "stage", "evaluation", "iteration", "incumbent", "accepted", "feasible",
          "replications", "objective_mean", "objective_ci95_low", "objective_ci95_high", "point"]


def write_tune_folder(folder, status="improved"):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {"scenario": "scenario.yaml", "scenario_name": "tiny", "seed": 1, "currency": "EUR",
                "events": [], "objective": {"metric": "profit", "scope": "system",
                                            "goal": "maximise"},
                "constraints": ["fill_rate >= 0.5"],
                "tuned": [{"arm": "traditional", "tuned_arm": "traditional-tuned",
                           "overlay": "tuned-traditional.yaml", "status": status,
                           "replications_used": 120,
                           "variables": [{"key": "arms.traditional.nodes[shop].stock.policy.r_Q.r",
                                          "from": 0, "to": 60, "start": 10, "tuned": 24,
                                          "start_from": "file"},
                                         {"key": "arms.traditional.nodes[shop].stock.policy.r_Q.Q",
                                          "from": 1, "to": 60, "start": 30, "tuned": 30,
                                          "start_from": "file"}],
                           "confirmation": {"replications": 8, "difference": {
                               "mean": 150.0, "ci95_low": 100.0, "ci95_high": 200.0}}}]}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    write_catalogue(folder, "EUR")
    point = "arms.traditional.nodes[shop].stock.policy.r_Q.r=10"
    rows = [["traditional", "search", 0, 0, "true", "true", "true", 4, 1000, 990, 1010, point],
            ["traditional", "search", 1, 1, "true", "true", "true", 4, 1100, 1090, 1110, point],
            ["traditional", "search", 2, 1, "false", "false", "false", 0, "nan", "nan", "nan",
             point],
            ["traditional", "search", 3, 2, "false", "true", "false", 4, 1200, 1150, 1250, point],
            ["traditional", "selection", 4, 3, "true", "true", "true", 10, 1120, 1100, 1140, point],
            ["traditional", "confirmation-start", 5, 4, "false", "true", "true", 8, 980, 960,
             1000, point],
            ["traditional", "confirmation-selected", 6, 4, "true", "true", "true", 8, 1130, 1110,
             1150, point]]
    write_csv(folder / "tuning.csv", HEADER, rows)
    return folder


class TuningSection(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.folder = write_tune_folder(Path(self.tmp.name) / "out")

    def tearDown(self):
        self.tmp.cleanup()
        plt.close("all")

    def test_a_tune_folder_is_an_output_folder_of_its_tuned_arms(self):
        run = Run(self.folder)
        self.assertEqual(run.arms, ["traditional"])
        self.assertEqual(len(run.tuning), 7)
        self.assertTrue(run.tuning.incumbent.iloc[0])  # "true" reads as a boolean

    def test_the_page_draws_the_trajectory_and_lists_what_changed(self):
        html = page.build_html(Run(self.folder))
        self.assertIn("Tuning traditional", html)
        self.assertIn("improved: the tuned values beat the start", html)
        self.assertIn("+150 [+100, +200] (paired 95% CI)", html)
        self.assertEqual(html.count("data:image/png;base64,"), 1)
        # The level changed, the batch size did not.
        self.assertIn("<td>24</td><td>changed</td>", html)
        self.assertIn("<td>30</td><td></td>", html)

    def test_the_chart_marks_points_not_shown_feasible_and_the_confirmation(self):
        run = Run(self.folder)
        rows = run.tuning[run.tuning.arm == "traditional"]
        # The chart is drawn (and checked by the labelling rule) on axes kept by a spy.
        drawn = []
        subplots = plt.subplots

        def spy(*args, **kwargs):
            fig, ax = subplots(*args, **kwargs)
            drawn.append(ax)
            return fig, ax
        tuning.plt.subplots = spy
        try:
            tuning.chart_trajectory(run, "traditional", rows)
        finally:
            tuning.plt.subplots = subplots
        legend = [t.get_text() for t in drawn[0].get_legend().get_texts()]
        self.assertIn("a point searched (not shown feasible)", legend)
        self.assertIn("the selected point, confirmed (95% CI)", legend)
        self.assertIn("the start, confirmed (95% CI)", legend)

    def test_a_kept_start_is_said_in_words(self):
        folder = write_tune_folder(Path(self.tmp.name) / "kept", status="not_shown")
        self.assertIn("not shown: the best point found is not shown to beat the start",
                      page.build_html(Run(folder)))


if __name__ == "__main__":
    unittest.main()

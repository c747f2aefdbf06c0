"""The time-series chart marks the manifest's dated events that the series covers, each named,
and shows 30 days either side of them."""

import tempfile
import unittest
from pathlib import Path

import matplotlib.dates as mdates
from report_folder import write_folder

from c2msim_report import timeseries
from c2msim_report.charts import plt
from c2msim_report.load import Run


def windows(ax):
    """The shaded spans of a panel as (label, first day, day after the last), in drawing order."""
    spans = []
    for p in ax.patches:  # axvspan: a Polygon in Debian's matplotlib, a Rectangle in later ones
        xs = p.get_patch_transform().transform(p.get_path().vertices)[:, 0]
        first, end = (mdates.num2date(x).date().isoformat() for x in (min(xs), max(xs)))
        spans.append((p.get_label(), first, end))
    return spans


class EventWindows(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()
        plt.close("all")

    def run_of(self, events, series=("2019-01-01", 365)):
        return Run(write_folder(Path(self.tmp.name) / "out", events=events, series=series))

    def test_only_the_events_the_series_covers_are_marked(self):
        run = self.run_of([("Spring sale", "2019-04-10", 5), ("Next year", "2020-06-01", 3),
                           ("New year", "2018-12-30", 4)])
        covered = timeseries.covered_events(run)
        # "New year" overlaps the series' first days; "Next year" is after its last.
        self.assertEqual([e.name for e in covered], ["Spring sale", "New year"])

    def test_each_window_is_shaded_and_named_in_every_panel(self):
        run = self.run_of([("Spring sale", "2019-04-10", 5), ("Autumn fair", "2019-05-20", 2)])
        fig = timeseries.draw_timeseries(run, timeseries.covered_events(run))
        panels = [ax for ax in fig.axes if ax.get_ylabel() == "on hand (units)"]
        self.assertEqual(len(panels), 2)  # one per arm
        for ax in panels:
            self.assertEqual(windows(ax), [("Spring sale window", "2019-04-10", "2019-04-15"),
                                           ("Autumn fair window", "2019-05-20", "2019-05-22")])
            labels = ax.get_legend_handles_labels()[1]
            self.assertIn("Spring sale window", labels)
            self.assertIn("Autumn fair window", labels)
            # 30 days before the first window to 30 days after the last.
            days = [mdates.num2date(x).date().isoformat()
                    for line in ax.get_lines() for x in mdates.date2num(line.get_xdata())]
            self.assertEqual((min(days), max(days)), ("2019-03-11", "2019-06-20"))

    def test_events_of_one_name_are_named_once(self):
        run = self.run_of([("Sale", "2019-04-10", 5), ("Sale", "2019-04-25", 5)])
        fig = timeseries.draw_timeseries(run, timeseries.covered_events(run))
        labels = fig.axes[0].get_legend_handles_labels()[1]
        self.assertEqual(labels.count("Sale window"), 1)
        self.assertEqual(len(windows(fig.axes[0])), 2)

    def test_the_section_is_titled_after_the_events(self):
        run = self.run_of([("Spring sale", "2019-04-10", 5), ("<Autumn> fair", "2019-05-20", 2)])
        (section,) = timeseries.sections(run)
        self.assertIn("<h2>Inventory over time around Spring sale and &lt;Autumn&gt; fair</h2>",
                      section)
        self.assertIn("30 days either side of the Spring sale and &lt;Autumn&gt; fair windows.",
                      section)
        self.assertNotIn("11.11", section)

    def test_without_a_covered_event_the_whole_series_is_shown(self):
        for events, says in (([], "the scenario has no dated event"),
                             ([("Next year", "2020-06-01", 3)],
                              "none of the scenario's dated events falls in it")):
            with self.subTest(events=events):
                run = self.run_of(events)
                (section,) = timeseries.sections(run)
                self.assertIn("<h2>Inventory over time</h2>", section)
                self.assertIn(says, section)
                fig = timeseries.draw_timeseries(run, [])
                self.assertEqual(windows(fig.axes[0]), [])
                days = mdates.date2num(fig.axes[0].get_lines()[0].get_xdata())
                self.assertEqual(len(days), 365)

    def test_the_festival_of_the_shipped_scenarios_is_found_as_before(self):
        run = self.run_of([("11.11", "2019-11-01", 11)])
        (section,) = timeseries.sections(run)
        self.assertIn("<h2>Inventory over time around 11.11</h2>", section)
        self.assertIn("30 days either side of the 11.11 window.", section)


if __name__ == "__main__":
    unittest.main()

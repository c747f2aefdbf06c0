"""The report reads units, labels, directions, the currency and the dated events from the output
folder, and refuses a folder that does not hold them."""

import contextlib
import io
import json
import tempfile
import unittest
import warnings
from pathlib import Path

from report_folder import CATALOGUE, write_folder

from c2msim_report import headline, page
from c2msim_report.load import NotAnOutputDirectory, Run


class FolderTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name) / "out"

    def tearDown(self):
        self.tmp.cleanup()

    def refused(self, folder):
        """report.py's exit status and message for `folder`."""
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            status = page.main([str(folder), "--quiet"])
        return status, err.getvalue()


class RefusesOlderFolders(FolderTest):
    def test_a_folder_without_metrics_csv_is_refused_naming_the_folder(self):
        write_folder(self.dir, catalogue=None)
        with self.assertRaises(NotAnOutputDirectory):
            Run(self.dir)
        status, err = self.refused(self.dir)
        self.assertEqual(status, 2)
        self.assertIn(f"{self.dir}: no metrics.csv", err)
        self.assertIn("older c2msim", err)
        self.assertFalse((self.dir / "report.html").exists())

    def test_a_manifest_without_currency_or_events_is_refused(self):
        for key in ("currency", "events"):
            with self.subTest(key=key):
                write_folder(self.dir)
                manifest = json.loads((self.dir / "manifest.json").read_text())
                del manifest[key]
                (self.dir / "manifest.json").write_text(json.dumps(manifest))
                status, err = self.refused(self.dir)
                self.assertEqual(status, 2)
                self.assertIn(f"{self.dir / 'manifest.json'}: no {key}", err)

    def test_a_malformed_event_is_refused_by_its_index_and_key(self):
        cases = [(("sale", "2019-02-30", 3), "events[0].start: expected a date YYYY-MM-DD, "
                                             "found '2019-02-30'"),
                 (("sale", "2019-02-01", 0), "events[0].days: expected a whole number >= 1"),
                 (("sale", "2019-02-01", "3"), "events[0].days: expected a whole number >= 1")]
        for event, message in cases:
            with self.subTest(event=event):
                write_folder(self.dir, events=[event])
                status, err = self.refused(self.dir)
                self.assertEqual(status, 2)
                self.assertIn(message, err)

    def test_a_malformed_catalogue_is_refused_at_its_line(self):
        bad_direction = [row if row[0] != "fill_rate" else row[:4] + (2,) + row[5:]
                         for row in CATALOGUE]
        write_folder(self.dir, catalogue=bad_direction)
        status, err = self.refused(self.dir)
        self.assertEqual(status, 2)
        self.assertIn("metrics.csv:3: better of fill_rate is '2'; expected one of -1, 0, 1", err)

        write_folder(self.dir, catalogue=[row[:7] for row in CATALOGUE])  # no definition
        (self.dir / "metrics.csv").write_text(
            "metric,scopes,unit,label,better,share,headline\nprofit,system,EUR,Profit,1,0,1\n")
        status, err = self.refused(self.dir)
        self.assertEqual(status, 2)
        self.assertIn("metrics.csv:1: missing column(s) definition", err)


class ReadsTheFolder(FolderTest):
    def test_the_currency_comes_from_the_manifest_not_the_scenario_file(self):
        write_folder(self.dir, currency="CHF")
        # The scenario file the manifest names says otherwise (edited after the run).
        (self.dir / "scenario.yaml").write_text("name: tiny\ncurrency: USD\n")
        run = Run(self.dir)
        self.assertEqual(run.currency, "CHF")
        with warnings.catch_warnings():
            # The markup chart of this folder, which has no markup, draws bars of NaN.
            warnings.simplefilter("ignore", RuntimeWarning)
            page_text = page.build_html(run)
        self.assertIn("amounts in CHF", page_text)
        self.assertIn("Profit <small>(CHF)</small>", page_text)
        self.assertNotIn("USD", page_text)

    def test_the_headline_is_the_catalogues_in_its_order_with_its_labels_and_units(self):
        write_folder(self.dir)
        run = Run(self.dir)
        self.assertEqual([m.name for m in run.headline], ["lead_time_mean", "fill_rate", "profit"])
        table = headline.headline_table(run)
        rows = [table.index(s) for s in ("Customer lead time, mean <small>(days)</small>",
                                         "Fill rate <small>(%)</small>",
                                         "Profit <small>(EUR)</small>")]
        self.assertEqual(rows, sorted(rows))
        self.assertNotIn("Holding cost", table)  # not a headline metric
        self.assertNotIn("Inventory turnover", table)  # not in this catalogue

    def test_the_catalogues_direction_colours_a_difference(self):
        # c2m's lead time is 2 days longer, its fill rate 0.4 lower, its profit 2000 higher.
        write_folder(self.dir)
        table = headline.headline_table(Run(self.dir))
        self.assertIn("<td class='bad'>+2 [+1.99, +2.01]", table)
        self.assertIn("<td class='bad'>−40.0%", table)
        self.assertIn("<td class='good'>+2,000.0", table)
        # The same differences, with the directions of the catalogue turned round.
        flipped = [row[:4] + (-row[4],) + row[5:] for row in CATALOGUE]
        write_folder(self.dir, catalogue=flipped)
        table = headline.headline_table(Run(self.dir))
        self.assertIn("<td class='good'>+2 [+1.99, +2.01]", table)
        self.assertIn("<td class='good'>−40.0%", table)
        self.assertIn("<td class='bad'>+2,000.0", table)

    def test_a_share_is_shown_in_per_cent_in_the_findings(self):
        write_folder(self.dir)
        self.assertIn("fill rate 90.0% → 50.0%", headline.findings(Run(self.dir)))

    def test_the_events_are_the_manifests(self):
        write_folder(self.dir, events=[("Spring sale", "2019-04-10", 5)])
        (event,) = Run(self.dir).events
        self.assertEqual(event.name, "Spring sale")
        self.assertEqual(str(event.start.date()), "2019-04-10")
        self.assertEqual(str(event.last_day.date()), "2019-04-14")


if __name__ == "__main__":
    unittest.main()

#!/usr/bin/python3
"""One-page HTML report of a c2msim run, for a strategist to read in a minute.

Usage: report.py OUTDIR [--output FILE] [--quiet]

Reads the output directory of `c2msim run` (summary.csv, comparison.csv, replications.csv,
metrics.csv, manifest.json, and when present timeseries.csv, network-ARM.dot, sweep.csv,
breakeven.json and decomposition.csv) and writes OUTDIR/report.html: one self-contained file,
every chart a PNG embedded as base64. Sections whose input file is absent are left out. Exit status 0 on success,
2 when the folder is not a c2msim output directory (or one written by a c2msim too old to
describe its metrics in metrics.csv), 1 on any other failure.

The work is done by the package c2msim_report beside this file.
"""

import sys
from pathlib import Path

sys.dont_write_bytecode = True  # leave no __pycache__ beside the package
# The package next to this file, wherever it is run from (C2MSIM_ANALYSIS_DIR may point here).
sys.path.insert(0, str(Path(__file__).resolve().parent))

from c2msim_report.page import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

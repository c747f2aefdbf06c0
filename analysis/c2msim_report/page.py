"""The page: the title and the run's description, then each section whose input is there."""

import argparse
import html
import sys
from pathlib import Path

from . import (breakeven, bullwhip, decomposition, headline, markup, networks, service, sweep,
               timeseries, tuning)
from .load import NotAnOutputDirectory, Run

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
    if run.currency:
        meta += f"; amounts in {run.currency}"
    body = [f"<h1>{html.escape(title)}</h1><p class='meta'>{html.escape(meta)}</p>"]
    if run.summary is not None:
        for section in (headline, markup, service, bullwhip, timeseries):
            body += section.sections(run)
    if run.sweep is not None:
        body += sweep.sections(run)
    if run.breakeven is not None:
        body += breakeven.sections(run)
    if run.decomposition is not None:
        body += decomposition.sections(run)
    if run.tuning is not None:
        body += tuning.sections(run)
    body += networks.sections(run)
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title><style>{STYLE}</style>"
            f"<script>{CHECK_SCRIPT}</script></head><body>" + "\n".join(b for b in body if b) +
            "</body></html>\n")


def main(argv):
    parser = argparse.ArgumentParser(prog="report.py",
                                     description="Write the HTML report of a c2msim run.")
    parser.add_argument("outdir",
                        help="output folder of `c2msim run`, `breakeven`, `decompose` or `tune`")
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
    try:
        tmp.write_text(page, encoding="utf-8")
        tmp.replace(target)
    except OSError as e:
        sys.stderr.write(f"report: error: cannot write {target}: {e.strerror}\n")
        return 1
    if not args.quiet:
        print(target)
    return 0

"""The one-page HTML report of a c2msim output folder (run, sweep or break-even).

load reads the folder; format writes numbers; charts holds what every chart shares; one module per
section of the page (headline, markup, service, bullwhip, timeseries, sweep, breakeven, networks);
page puts them together and is what analysis/report.py runs.
"""

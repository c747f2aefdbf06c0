"""Numbers as the page shows them: values, means with their CI, paired differences."""

import math


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


def verdict(row, better):
    """"good" or "bad" for a significant difference in a metric with a better direction, else
    "" (a row of comparison.csv, or a dict with the same keys)."""
    if not significant(row) or better == 0:
        return ""
    return "good" if (row["mean_difference"] > 0) == (better > 0) else "bad"


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

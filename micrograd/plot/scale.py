"""Axes: limits fitted to the data, data coordinates mapped onto the page, round ticks."""

import math


def usable(x, logx, y, logy):
    """Whether a point can be drawn: finite, and positive on a log axis."""
    return all(
        math.isfinite(v) and (v > 0 or not log) for v, log in ((x, logx), (y, logy))
    )


def fit(values, log):
    """Limits that show ``values`` with a margin of 5% on each side."""
    if not values:
        return (1.0, 10.0) if log else (0.0, 1.0)
    lo, hi = min(values), max(values)
    if log:
        lo, hi = math.log10(lo), math.log10(hi)
    if lo == hi:
        lo, hi = lo - 0.5, hi + 0.5
    pad = (hi - lo) * 0.05
    lo, hi = lo - pad, hi + pad
    return (10**lo, 10**hi) if log else (lo, hi)


class Scale:
    """Data coordinates along one axis mapped to ``start``..``end`` on the page."""

    def __init__(self, lim, log, start, end):
        self.lim, self.log, self.start, self.end = lim, log, start, end
        self.a, self.b = (math.log10(v) for v in lim) if log else lim

    def __call__(self, v):
        t = math.log10(v) if self.log else v
        return self.start + (t - self.a) / (self.b - self.a) * (self.end - self.start)

    def ticks(self, count=4):
        """About ``count`` round values inside the limits, with their labels: powers of
        ten on a log axis that spans at least two of them."""
        lo, hi = sorted(self.lim)
        if self.log and len(ticks := _log_ticks(lo, hi, count)) >= 2:
            return ticks
        return _linear_ticks(lo, hi, count)


def _linear_ticks(lo, hi, count):
    raw = (hi - lo) / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw * (1 - 1e-9))
    digits = next(d for d in range(12) if abs(round(step, d) - step) < step * 1e-6)
    first, ticks = math.ceil(lo / step - 1e-9), []
    while (value := (first + len(ticks)) * step) <= hi * (1 + 1e-12) + step * 1e-9:
        text = f"{value:.{digits}f}" if 1e-4 <= step < 1e5 else f"{value:.2g}"
        ticks.append((value, _minus(text)))
    return ticks


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _log_ticks(lo, hi, count):
    first, last = math.ceil(math.log10(lo) - 1e-9), math.floor(math.log10(hi) + 1e-9)
    every = max(1, math.ceil((last - first + 1) / count))
    powers = [k for k in range(first, last + 1) if k % every == 0]
    plain = all(-3 <= k <= 4 for k in powers)

    def label(k):
        return f"{10.0**k:g}" if plain else "10" + str(k).translate(_SUPERSCRIPT)

    return [(10.0**k, label(k)) for k in powers]


def _minus(text):
    text = "0" if text.strip("-0.") == "" else text
    return text.replace("-", "\u2212")

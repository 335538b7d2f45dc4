"""A panel drawn as SVG: :func:`render` writes the ``<svg>`` of one :class:`Plot`, its grid,
marks, frame, labels and legend."""

import math
from html import escape

from micrograd.plot.frame import Frame, text_width
from micrograd.plot.style import FONT, LINE, MARKER_SIZE, ROOT_STYLE, WIDTH


def _n(v):
    """A coordinate, to a tenth of a unit."""
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _text(x, y, text, anchor="middle", extra=""):
    return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def render(plot, limits, name=None, alt=None):
    """The ``<svg>`` of one panel: an image with a name and a description when given them,
    else hidden from assistive technology (the container around it speaks for it)."""
    f = Frame(plot, limits)
    xticks, yticks = f.x.ticks(), f.y.ticks()
    entries, rows = _legend(plot)
    legend_top = f.bottom + 6 + LINE * (2 if plot.xlabel else 1)
    height = legend_top + LINE * rows + 8
    head = '<svg xmlns="http://www.w3.org/2000/svg" class="mg-plot"'
    if alt is None:
        head, about = head + ' aria-hidden="true"', ""
    else:
        head += ' role="img"'
        about = f"<title>{escape(name)}</title><desc>{escape(alt)}</desc>"
    frame = (
        f'<rect x="{_n(f.left)}" y="{_n(f.top)}" width="{_n(f.right - f.left)}"'
        f' height="{_n(f.bottom - f.top)}" fill="none" stroke="currentColor"'
        ' stroke-opacity=".6"/>'
    )
    return "".join(
        [
            f'{head} viewBox="0 0 {WIDTH} {_n(height)}" width="{WIDTH}"'
            f' height="{_n(height)}" font-size="{FONT}" style="{ROOT_STYLE}">{about}',
            _draw_grid(f, xticks, yticks),
            *(_draw_mark(m, f) for m in plot.marks),
            frame,
            *_draw_labels(plot, f, xticks, yticks),
            *_draw_legend(entries, legend_top),
            "</svg>",
        ]
    )


def _draw_grid(f, xticks, yticks):
    d = [f"M{_n(f.x(v))} {_n(f.top)}V{_n(f.bottom)}" for v, _ in xticks]
    d += [f"M{_n(f.left)} {_n(f.y(v))}H{_n(f.right)}" for v, _ in yticks]
    return f'<path d="{"".join(d)}" stroke="currentColor" stroke-opacity=".14" fill="none"/>'


def _draw_labels(plot, f, xticks, yticks):
    """Tick labels, axis labels and the title."""
    yield '<g fill="currentColor">'
    for value, label in xticks:
        yield _text(f.x(value), f.bottom + LINE, label)
    for value, label in yticks:
        yield _text(f.left - 5, f.y(value) + FONT * 0.35, label, anchor="end")
    if plot.xlabel:
        yield _text((f.left + f.right) / 2, f.bottom + 2 * LINE + 2, plot.xlabel)
    if plot.ylabel:
        middle = (f.top + f.bottom) / 2
        yield _text(
            -middle, 8 + FONT * 0.8, plot.ylabel, extra=' transform="rotate(-90)"'
        )
    for i, line in enumerate(f.titles):
        yield _text(WIDTH / 2, 6 + FONT + LINE * i, line, extra=' font-weight="600"')
    yield "</g>"


def _draw_mark(m, f):
    if m.kind == "cells":
        d = "".join(_rect(rect, f) for rect in m.rects)
        style = f"fill:{m.colour};fill-opacity:var(--mg-shade,.2)"
        return f'<path d="{d}" style="{style}"/>' if d else ""
    if m.kind in ("hline", "vline"):
        return _draw_reference(m, f)
    points = [(f.x(x), f.y(y)) for x, y in zip(m.xs, m.ys) if f.usable(x, y)]
    drawn = _draw_line(m, f) if m.kind == "line" else ""
    if m.marker:
        inside = [p for p in points if f.inside(*p)]
        drawn += _markers(inside, m.marker, m.colour)
    return drawn


def _draw_reference(m, f):
    """A thin line across the plotting area, if its value is inside the limits."""
    if m.kind == "hline":
        y = f.y(m.value) if f.usable(f.x.lim[0], m.value) else -1
        d = f"M{_n(f.left)} {_n(y)}H{_n(f.right)}"
        visible = f.top <= y <= f.bottom
    else:
        x = f.x(m.value) if f.usable(m.value, f.y.lim[0]) else -1
        d = f"M{_n(x)} {_n(f.top)}V{_n(f.bottom)}"
        visible = f.left <= x <= f.right
    if not visible:
        return ""
    return f'<path d="{d}" stroke="currentColor" stroke-opacity=".55" fill="none"/>'


def _draw_line(m, f):
    """The line's visible pieces, clipped to the plotting area, as one path."""
    d, end = [], None
    box = (f.left, f.top, f.right, f.bottom)
    pairs = list(zip(m.xs, m.ys))
    for (x0, y0), (x1, y1) in zip(pairs, pairs[1:]):
        piece = None
        if f.usable(x0, y0) and f.usable(x1, y1):
            piece = _clip((f.x(x0), f.y(y0)), (f.x(x1), f.y(y1)), box)
        if piece is None:
            end = None  # a gap: the next visible piece starts a new subpath
            continue
        a, b = piece
        if end is None or math.dist(a, end) > 1e-6:
            d.append(f"M{_n(a[0])} {_n(a[1])}")
        d.append(f"L{_n(b[0])} {_n(b[1])}")
        end = b
    if not d:
        return ""
    dash = f' stroke-dasharray="{m.dash}"' if m.dash else ""
    return (
        f'<path d="{"".join(d)}" fill="none" stroke-width="{_n(m.width)}"{dash}'
        f' stroke-linejoin="round" style="stroke:{m.colour}"/>'
    )


def _clip(p, q, box):
    """The part of the segment p-q inside ``box`` (Liang-Barsky), or None."""
    (x0, y0), (x1, y1), (left, top, right, bottom) = p, q, box
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for step, room in (
        (-dx, x0 - left),
        (dx, right - x0),
        (-dy, y0 - top),
        (dy, bottom - y0),
    ):
        if step == 0:
            if room < 0:
                return None
            continue
        t = room / step
        if step < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return (x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy)


def _rect(rect, f):
    """A rectangle in data coordinates as a subpath, cut to the plotting area."""
    x0, x1, y0, y1 = rect
    x0, x1 = sorted(min(max(f.x(x), f.left), f.right) for x in (x0, x1))
    y0, y1 = sorted(min(max(f.y(y), f.top), f.bottom) for y in (y0, y1))
    if x1 - x0 < 1e-9 or y1 - y0 < 1e-9:
        return ""
    return f"M{_n(x0)} {_n(y0)}H{_n(x1)}V{_n(y1)}H{_n(x0)}z"


def _marker_path(marker, x, y, r=MARKER_SIZE):
    if marker == "circle":
        return f"M{_n(x - r)} {_n(y)}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0 {-2 * r} 0z"
    if marker == "square":
        r *= 0.9
        return f"M{_n(x - r)} {_n(y - r)}h{_n(2 * r)}v{_n(2 * r)}h{_n(-2 * r)}z"
    if marker == "cross":
        return f"M{_n(x - r)} {_n(y - r)}l{2 * r} {2 * r}m0 {-2 * r}l{-2 * r} {2 * r}"
    return f"M{_n(x - r)} {_n(y)}h{2 * r}M{_n(x)} {_n(y - r)}v{2 * r}"  # plus


def _markers(points, marker, colour):
    """All the markers of a series as one path: filled shapes edged in the text colour,
    or strokes for the cross and the plus."""
    if not points:
        return ""
    d = "".join(_marker_path(marker, x, y) for x, y in points)
    if marker in ("circle", "square"):
        style = f"fill:{colour}"
        return (
            f'<path d="{d}" stroke="currentColor" stroke-width=".7" stroke-opacity=".8"'
            f' style="{style}"/>'
        )
    return f'<path d="{d}" fill="none" stroke-width="2" style="stroke:{colour}"/>'


def _legend(plot):
    """The legend's entries, flowed in rows under the x axis: ((x, row), mark), and the
    number of rows."""
    entries, x, row = [], 8.0, 0
    for m in plot.marks:
        if not m.label:
            continue
        width = 26 + text_width(m.label)
        if x > 8 and x + width > WIDTH - 8:
            x, row = 8.0, row + 1
        entries.append(((x, row), m))
        x += width + 14
    return entries, (row + 1 if entries else 0)


def _draw_legend(entries, top):
    if not entries:
        return
    yield '<g class="legend">'
    for (x, row), m in entries:
        y = top + LINE * row + LINE / 2
        if m.kind == "line":
            dash = f' stroke-dasharray="{m.dash}"' if m.dash else ""
            d = f"M{_n(x)} {_n(y)}h20"
            yield (
                f'<path d="{d}" fill="none" stroke-width="{_n(m.width)}"{dash}'
                f' style="stroke:{m.colour}"/>'
            )
        if m.marker:
            yield _markers([(x + 10, y)], m.marker, m.colour)
        yield _text(x + 25, y + FONT * 0.35, m.label, "start", ' fill="currentColor"')
    yield "</g>"

"""The sizes and colours every panel shares.

Colours are CSS custom properties with fallbacks (``var(--mg-blue, #1b6ac9)``), and text takes
the page's colour and font: the site's stylesheet adapts them to its light and dark schemes, and
an SVG saved on its own still looks right. Text is 14 units high in a panel 264 units wide: it
stays at least 11 CSS pixels wherever a panel is at least 208 pixels wide (the output of a lab's
cell on a 320-pixel phone is 216).
"""

WIDTH = 264  # a panel's width, in SVG units
FONT = 14  # the size of all text, in SVG units
LINE = 18  # the height of a line of text
PLOT_HEIGHT = 150  # the height of the plotting area, unless its aspect is equal

COLOURS = {
    "blue": "var(--mg-blue, #1b6ac9)",
    "orange": "var(--mg-orange, #d95f02)",
    "green": "var(--mg-green, #1b9e77)",
    "purple": "var(--mg-purple, #7570b3)",
    "grey": "var(--mg-grey, #b4b4b4)",
    "text": "currentColor",
}
# the colours handed in turn to lines and points that are not given one
SERIES = ("blue", "orange", "green", "purple")
# the colours of the classes -1 and +1, which are told apart by their markers too
NEGATIVE, POSITIVE = "orange", "blue"
MARKERS = ("circle", "square", "cross", "plus")
STYLES = {"solid": "", "dashed": "6 4", "dotted": "1.5 3"}
MARKER_SIZE = 3.5  # half the width of a marker
ROOT_STYLE = (
    "color:var(--md-typeset-color,var(--jp-content-font-color1,#1f2328));"
    "font-family:var(--md-text-font-family,system-ui,sans-serif)"
)

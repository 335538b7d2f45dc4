"""Code blocks and tables, made light for the browser and scrollable by keyboard.

- Code blocks: the browser restyles a whole page several times as it starts, so Pygments'
  spans around names and spaces are unwrapped (the theme draws both in the code's own
  colour; on a long lesson they are a fifth of the page's elements), and each block's copy
  button is written here, with Material's markup, rather than added by the theme's script
  one block at a time, each addition followed by a measure of the page (content.code.copy
  is off; the theme's clipboard handler serves these buttons all the same).
- Tables scroll sideways on a narrow screen, inside the box the theme wraps them in:
  focusable, a table lets a keyboard scroll that box. The theme's script moves each table
  into that box as the page starts; in a box of its own (div.mg-table), the move restyles
  that box only, not the whole article.
"""

import itertools
import re

_TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)
# A name or a space (unwrapped), or the start of a code block (its copy button goes there).
_CODE = re.compile(
    r'<span class="[nw]">(?P<plain>[^<]*)</span>'
    r"|(?P<pre><pre[^>]*>(?:<span></span>)?)<code>"
)


def focusable_tables(content):
    return _TABLE.sub(
        lambda m: f'<div class="mg-table"><table tabindex="0">{m[1]}</table></div>',
        content,
    )


def light_code(content):
    """Code blocks with the spans that change nothing unwrapped, and their copy buttons."""
    number = itertools.count(1)

    def rewrite(match):
        if match["pre"] is None:
            return match["plain"]
        target = f"mg-code-{next(number)}"
        return (
            f'{match["pre"]}<nav class="md-code__nav"><button class="md-code__button"'
            f' title="Copy to clipboard" data-clipboard-target="#{target}"'
            f' data-md-type="copy"></button></nav><code id="{target}">'
        )

    return _CODE.sub(rewrite, content)

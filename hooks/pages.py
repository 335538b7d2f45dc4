"""Build hooks for what every page carries besides its text.

- Description: each page's ``<meta name="description">`` and link-preview tags
  (overrides/partials/social-meta.html) come from its first paragraph, cut at a sentence end
  near 160 characters, unless the page's front matter sets ``description:``.
- The 404 page is rendered with relative URLs; overrides/404.html chooses their base.
"""

import html
import re
from urllib.parse import urlsplit

from markupsafe import Markup

MAX_CHARS = 160
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _text(fragment):
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def _summary(text):
    """Whole sentences of ``text`` up to MAX_CHARS, leaving out any that leads into a list."""
    summary = ""
    for sentence in _SENTENCE_END.split(text):
        if sentence.endswith(":"):
            continue
        if summary and len(summary) + 1 + len(sentence) > MAX_CHARS:
            if len(summary) < MAX_CHARS // 2:  # too short alone: cut into the next one
                summary = f"{summary} {sentence}"
            break
        summary = f"{summary} {sentence}".strip()
    if len(summary) > MAX_CHARS:
        summary = summary[: MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return summary


def describe(content):
    """A summary of the first paragraph of ``content`` (HTML) that reads as prose, or None."""
    for match in _PARAGRAPH.finditer(content):
        text = _text(match[1])
        if len(text) >= 40 and text[-1] in ".!?:" and (summary := _summary(text)):
            return summary
    return None


def set_description(content, page):
    """The page's description: its front matter's, or its first paragraph's."""
    description = page.meta.get("description") or describe(content)
    if description:
        # The theme writes it into an attribute as it is: escape it here, once.
        page.meta["description"] = Markup(html.escape(str(description)))


def not_found_context(context, template_name, config):
    if template_name == "404.html":
        context["base_url"] = "."
        context["project_path"] = urlsplit(config["site_url"] or "/").path or "/"
    return context

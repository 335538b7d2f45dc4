"""Playgrounds, where a lesson asks for one: ``<!-- course:playground NAME -->``.

The marker becomes that playground's HTML, written by ``course_playgrounds.markup``
(web/python/course_playgrounds/): its labelled controls and its first picture, drawn now
by the same code that redraws it in the page (web/playground.js). On GitHub the marker
stays an invisible comment. An unknown name is an error (hooks/markers.py says where).
"""

from hooks import features, load, model

course_playgrounds = load.web_module("course_playgrounds")


def playground(marker, page, files):
    """The playground's markup; the first of a page is number 1 (its ids say which)."""
    name = marker.args[0] if len(marker.args) == 1 else None
    if name not in course_playgrounds.PLAYGROUNDS:
        known = ", ".join(course_playgrounds.PLAYGROUNDS)
        raise ValueError(f"name one playground of: {known}")
    markers = [m for m in model.data(page).markers if m.name == "playground"]
    markup = course_playgrounds.markup(name, index=markers.index(marker) + 1)
    features.used(markup, page.file.src_uri)  # a feature of web/features.json
    return markup

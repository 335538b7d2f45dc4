"""Links from a page to another part of the site: relative URLs, made from MkDocs' own
``files`` and ``page`` (never by counting slashes), so they work under any base path."""

from mkdocs.utils import get_relative_url


def root(page):
    """The site's root, relative to ``page``: ``"../../"`` from ``02-value/backpropagation/``,
    ``""`` from the home page."""
    url = get_relative_url(".", page.url)
    return "" if url == "." else f"{url}/"


def link(path, page, files):
    """The site path ``path`` (a page's URL, with or without ``#anchor``) relative to
    ``page``; a path that is no page of the site is an error."""
    target, sign, anchor = path.partition("#")
    if target not in {f.url for f in files.documentation_pages()}:
        raise ValueError(f"{path!r} is no page of the site")
    return get_relative_url(target, page.url) + sign + anchor

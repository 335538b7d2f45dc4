"""The page model: what the build learns about a page once, kept on ``page.meta["course"]``
for the passes that come later (hooks/passes.py says in which order they run)."""

from dataclasses import dataclass, field


@dataclass
class Marker:
    """A ``<!-- course:NAME ARGS -->`` marker of the page's Markdown (hooks/markers.py)."""

    name: str
    args: tuple
    line: int  # in the Markdown file, from 1
    text: str  # as written


@dataclass
class PageData:
    markers: list = field(default_factory=list)
    notebook: object = None  # a lab's notebook (jupytext), read once (hooks/labs.py)

    def args(self, name):
        """The arguments of every marker called ``name``, in page order, each once."""
        found = (arg for m in self.markers if m.name == name for arg in m.args)
        return list(dict.fromkeys(found))


def data(page):
    """The page's data, made on first use."""
    return page.meta.setdefault("course", PageData())

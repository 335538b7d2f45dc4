"""The site's build hooks, as mkdocs.yml lists them: this entry, and hooks/passes.py,
where the passes run in the order it states.

Each event goes to the function of the same name in hooks/passes.py. Before each build
(``on_config``), hooks/load.py forgets the repository's modules if one of their files
changed: under ``mkdocs serve`` the next build, and every fence it runs, then imports them
as they are now. A pass's ``ValueError`` stops the build with its message alone.
"""

import importlib
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent


def _importable():
    """The repository's folders as packages (hooks, scripts), as the tests import them:
    mkdocs puts back its own sys.path once this module is loaded."""
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))


_importable()
from hooks import load  # noqa: E402

passes = None


def _pass(event, *args):
    try:
        return getattr(passes, event)(*args)
    except ValueError as error:
        raise PluginError(str(error)) from error


def on_config(config):
    global passes
    _importable()
    load.refresh()
    passes = importlib.import_module("hooks.passes")
    return _pass("on_config", config)


def on_files(files, config):
    return _pass("on_files", files, config)


def on_pre_page(page, config, files):
    return _pass("on_pre_page", page, config, files)


def on_page_markdown(markdown, page, config, files):
    return _pass("on_page_markdown", markdown, page, config, files)


def on_page_content(html, page, config, files):
    return _pass("on_page_content", html, page, config, files)


def on_post_page(output, page, config):
    return _pass("on_post_page", output, page, config)


def on_template_context(context, template_name, config):
    return _pass("on_template_context", context, template_name, config)


def on_post_build(config):
    return _pass("on_post_build", config)

"""Shared test utilities."""

import importlib
import os

import pytest


def require(name):
    """Import an optional test dependency.

    Locally a missing package skips the test. On CI (the ``CI`` environment variable
    is set) it is imported directly, so a missing package fails the test instead of
    hiding it behind a skip.
    """
    if os.environ.get("CI"):
        return importlib.import_module(name)
    return pytest.importorskip(name)

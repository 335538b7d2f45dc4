import pytest

from tests.site_build import build_site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site, built with ``mkdocs build --strict`` (the build fails the test on any warning)."""
    dest = tmp_path_factory.mktemp("site")
    seconds, _ = build_site(dest)
    print(f"\nsite built in {seconds:.1f} s")
    return dest

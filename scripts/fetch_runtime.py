"""Fetch the in-page runtime (Pyodide's core, viz.js) into build/runtime/, checked by sha256.

Each npm tarball is fetched with ``npm pack`` (which uses npm's cache), its sha256 compared
with the pin below, and the few files the site serves are unpacked:

    build/runtime/pyodide/   pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm,
                             python_stdlib.zip, pyodide-lock.json, LICENSE.txt
    build/runtime/viz/       viz.js, LICENSE.txt

Run by the site build (hooks/runtime.py); also by hand: ``python scripts/fetch_runtime.py``.
Nothing is fetched again while build/runtime/ holds what the pins name.
"""

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / "build" / "runtime"
LICENSES = ROOT / "web" / "licenses"

PYODIDE_NOTICE = """\
Pyodide {version} (https://pyodide.org), the CPython interpreter compiled to WebAssembly, with
its standard library. Copyright the Pyodide contributors. Distributed unmodified, except
that the default package address is the site's own folder rather than a CDN (no package is
loaded), under the Mozilla Public License 2.0, whose text follows. Its source code is at
https://github.com/pyodide/pyodide.

"""
VIZ_NOTICE = """\
Viz.js {version} (https://github.com/mdaines/viz-js), Graphviz compiled to WebAssembly.
Copyright (c) Michael Daines. MIT license. It contains Graphviz (Eclipse Public License 2.0,
https://graphviz.org) and Expat (MIT license, https://libexpat.github.io) in object code form.
"""

# The CDN that pyodide.mjs names as its default package address; replaced by the folder the
# runtime is served from, so that no file of the site names another host.
PYODIDE_CDN = "https://cdn.jsdelivr.net/pyodide/v${U}/full/"
PYODIDE_LOCAL = "./"


def _rewrite_pyodide_mjs(text):
    if text.count(PYODIDE_CDN) != 1:
        raise RuntimeError(
            "pyodide.mjs: the default package address was not found once"
        )
    text = text.replace(PYODIDE_CDN, PYODIDE_LOCAL)
    return text.replace("//# sourceMappingURL=pyodide.mjs.map", "")


def _trim_lock(text):
    """The lock file with its ABI ``info`` only: the site ships no package."""
    return json.dumps({"info": json.loads(text)["info"], "packages": {}})


# name, version, sha256 of the npm tarball, {file in the tarball: (file served, transform)}
PINS = [
    (
        "pyodide",
        "314.0.7",
        "66b7949e5a0cba2250b586d7e368bf12fb482800748d182c4618254b685ffaa0",
        {
            "pyodide.mjs": ("pyodide.mjs", _rewrite_pyodide_mjs),
            "pyodide.asm.mjs": ("pyodide.asm.mjs", None),
            "pyodide.asm.wasm": ("pyodide.asm.wasm", None),
            "python_stdlib.zip": ("python_stdlib.zip", None),
            "pyodide-lock.json": ("pyodide-lock.json", _trim_lock),
        },
    ),
    (
        "@viz-js/viz",
        "3.31.0",
        "7dc0189874849cca2fed7cbe88bf334cd0e6e012db16657794a812ad6f2b8c70",
        {"dist/viz.js": ("viz.js", None)},
    ),
]


def folder(name):
    return DEST / name.split("/")[-1]


def _stamp(name, version, sha256):
    return f"{name}@{version} {sha256}\n"


def _npm_pack(spec, workdir):
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm was not found: run `make setup` (it installs Node.js)")
    proc = subprocess.run(
        [npm, "pack", spec, "--json", "--silent"],
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"npm pack {spec} failed:\n{proc.stderr.strip()}")
    (info,) = json.loads(proc.stdout)
    return Path(workdir) / info["filename"]


def _unpack(tarball, files, out):
    with tarfile.open(tarball) as tar:
        for member, (served, transform) in files.items():
            data = tar.extractfile(f"package/{member}").read()
            if transform is not None:
                data = transform(data.decode("utf-8")).encode("utf-8")
            (out / served).write_bytes(data)


def _notice(name, version):
    if name == "pyodide":
        return PYODIDE_NOTICE.format(version=version) + (
            LICENSES / "MPL-2.0.txt"
        ).read_text(encoding="utf-8")
    return VIZ_NOTICE.format(version=version)


def fetch(log=print):
    """Make build/runtime/ hold exactly the pinned files; return the folder."""
    for name, version, sha256, files in PINS:
        out = folder(name)
        stamp = out / ".stamp"
        if stamp.is_file() and stamp.read_text() == _stamp(name, version, sha256):
            continue
        log(f"fetching {name}@{version} with npm pack")
        with tempfile.TemporaryDirectory() as tmp:
            tarball = _npm_pack(f"{name}@{version}", tmp)
            digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
            if digest != sha256:
                raise RuntimeError(
                    f"{name}@{version}: the tarball's sha256 is {digest}, "
                    f"expected {sha256}: refusing to use it"
                )
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            _unpack(tarball, files, out)
        (out / "LICENSE.txt").write_text(_notice(name, version), encoding="utf-8")
        stamp.write_text(_stamp(name, version, sha256))
    return DEST


def sizes():
    """{path under build/runtime/: bytes} for every file the site serves."""
    return {
        p.relative_to(DEST).as_posix(): p.stat().st_size
        for p in sorted(DEST.rglob("*"))
        if p.is_file() and p.name != ".stamp"
    }


if __name__ == "__main__":
    try:
        fetch()
    except RuntimeError as e:
        sys.exit(str(e))
    for path, size in sizes().items():
        print(f"{size / 1e6:8.2f} MB  build/runtime/{path}")

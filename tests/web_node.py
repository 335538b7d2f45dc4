"""The page's modules that need no browser (web/*.js), run by Node as ES modules.

from tests.web_node import node
node("console.log(JSON.stringify(s.due({}, 0)));", "schedule.js")
"""

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")


def node(module, script, given=None):
    """Run ``script`` as an ES module that imports web/<module> as `s`, with ``given`` (as
    JSON) in `given`; what it prints, as JSON."""
    if NODE is None:
        raise AssertionError("Node.js is needed to test web/ (make setup installs it)")
    url = (ROOT / "web" / module).as_uri()
    read = 'import {readFileSync} from "node:fs";\n'
    read += 'const given = JSON.parse(readFileSync(0, "utf8"));\n'
    source = f'import * as s from "{url}";\n{read}{script}'
    proc = subprocess.run(
        [NODE, "--input-type=module", "-e", source],
        input=json.dumps(given),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)

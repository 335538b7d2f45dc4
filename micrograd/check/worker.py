"""The command line's worker: ``python -P -m micrograd.check.worker``, started by
:func:`micrograd.check.hosts.check_file`, never by hand.

It reads its order (JSON) from standard input, which is then closed: the plan of examples,
the learner's file, the limits, a per-run secret and the number of a private pipe. It
moves that pipe to a random descriptor, takes the checker's own modules out of reach,
loads the learner's file and sends, on the pipe, each message tagged with the secret and
its number in sequence. It decides nothing.
"""

import json
import os
import secrets
import sys
import traceback

from micrograd.check.observe import (
    LoadError,
    isolate,
    limit_memory,
    load,
    observe_namespace,
    writer,
)


def main():
    order = json.loads(sys.stdin.buffer.read())
    sys.stdin.close()
    given, fd = order.pop("fd"), 200 + secrets.randbelow(800)
    os.dup2(given, fd, inheritable=False)
    os.close(given)
    emit = writer(fd, order.pop("nonce"))
    limit_memory(order["memory"])
    path = order["file"]
    try:
        with open(path, "rb") as f:
            source = f.read()
        isolate()
        try:
            module, printed = load(
                source,
                path,
                os.path.dirname(path),
                seconds=order["plan"]["load"],
                run=order["timeout"],
            )
        except LoadError as exc:
            emit("load_error", exc.payload())
            return
        observe_namespace(order["plan"], module.__dict__, emit, path, printed)
    except BaseException:  # a mistake of the checker itself: say so, blame no learner
        emit("internal", {"traceback": traceback.format_exc()})


if __name__ == "__main__":
    main()

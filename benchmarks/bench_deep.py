"""Memory per node and the speed of a very deep graph, for this package and micrograd 0.1.0.

The graph is the chain ``x = x * 1.0001 + 0.5``: each step makes four Values (two
constants, a product and a sum) and adds two operations to the depth.

- bytes per Value: the memory traced by ``tracemalloc`` while building a chain of
  100,000 Values, divided by 100,000; this counts each Value with everything it owns
  (its tuples or sets, its numbers, the original's closures).
- seconds to build (forward) and differentiate (backward) a chain of 400,000 Values,
  200,000 operations deep. The original's recursive ``backward`` stops with a
  RecursionError there; that is reported, not hidden.

    python benchmarks/bench_deep.py
"""

import argparse
import gc
import pathlib
import sys
import time
import tracemalloc

sys.path.append(str(pathlib.Path(__file__).resolve().parent))
from _original import REPO, import_micrograd, original_micrograd, report, run_child  # noqa: E402

MEMORY_VALUES = 100_000
DEEP_VALUES = 400_000
RATE, SHIFT = 1.0001, 0.5


def chain(Value, n_values):
    """The leaf and the end of a chain of ``n_values`` Values (four per step)."""
    leaf = x = Value(1.0)
    for _ in range(n_values // 4):
        x = x * RATE + SHIFT
    return leaf, x


def measure(path):
    """In a child process: the figures for the micrograd found at ``path``."""
    engine, _ = import_micrograd(path)
    Value = engine.Value
    figures = {}

    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    leaf, x = chain(Value, MEMORY_VALUES)
    figures["bytes_per_value"] = (
        tracemalloc.get_traced_memory()[0] - before
    ) / MEMORY_VALUES
    tracemalloc.stop()
    del leaf, x
    gc.collect()

    start = time.perf_counter()
    leaf, x = chain(Value, DEEP_VALUES)
    figures["forward"] = time.perf_counter() - start
    print(f"forward: {figures['forward']:.3f} s", flush=True)
    start = time.perf_counter()
    try:
        x.backward()
    except RecursionError:
        figures["backward"] = "RecursionError"
    else:
        figures["backward"] = time.perf_counter() - start
        expected = RATE ** (DEEP_VALUES // 4)  # d(end)/d(leaf)
        figures["grad_error"] = abs(leaf.grad - expected) / expected
    backward = figures["backward"]
    print(
        "backward:",
        f"{backward:.3f} s" if isinstance(backward, float) else backward,
        flush=True,
    )
    report(figures)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--original", metavar="DIR",
                        help="a directory where micrograd 0.1.0 is installed already "
                             "(default: install it into a temporary directory)")  # fmt: skip
    parser.add_argument("--only-ours", action="store_true", help="skip micrograd 0.1.0")
    parser.add_argument("--child", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return measure(args.child)

    print("this package:", flush=True)
    runs = {"this package": run_child(__file__, REPO, [], "ours")}
    if not args.only_ours:
        with original_micrograd(args.original) as original:
            print("micrograd 0.1.0:", flush=True)
            runs["micrograd 0.1.0"] = run_child(__file__, original, [], "0.1.0")

    titles = [
        f"bytes per Value ({MEMORY_VALUES:,} Values)",
        f"forward, {DEEP_VALUES:,} Values",
        f"backward, {DEEP_VALUES // 2:,} ops deep",
        "leaf gradient, relative error",
    ]
    columns = [cells(r) for r in runs.values()]
    print()
    print(f"{'':34}" + "".join(f"{name:>18}" for name in runs))
    for i, title in enumerate(titles):
        print(f"{title:34}" + "".join(f"{column[i]:>18}" for column in columns))


def cells(figures):
    """One run's figures as the text of its column."""

    def seconds(s):
        return f"{s:.3f} s" if isinstance(s, float) else s

    error = figures.get("grad_error")
    return [
        f"{figures['bytes_per_value']:.0f}",
        seconds(figures["forward"]),
        seconds(figures["backward"]),
        "-" if error is None else f"{error:.1e}",
    ]


if __name__ == "__main__":
    main()

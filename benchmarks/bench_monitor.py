"""What the monitor costs: the moons demo's training with and without it, in one process.

The training loop is bench_moons.py's, the original demo's: MLP(2, [16, 16, 1]) on 100
moons, hinge loss plus L2, full batch, learning rate from 1.0 down to 0.1, seed 1337. The
monitored run calls ``monitor.record(loss)`` at every step. Both runs start from the same
weights and must compute the same losses (the monitor only reads); they take turns, each
is timed in CPU time, and the fastest of each kind is compared, so that other work on the
machine weighs little. Prints both times,
the ratio (target: at most 1.15), how the monitor's time splits between the steps whose
graph it walks and the others, and what the instruments read on this healthy run (the
figures its thresholds were set against). Exits with an error if the losses differ or
the monitor finds anything wrong with the demo.

    python benchmarks/bench_monitor.py             # 100 steps, 3 times each: about 2 minutes
    python benchmarks/bench_monitor.py --steps 20  # a quick look
"""

import argparse
import math
import pathlib
import random
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
sys.path.append(str(pathlib.Path(__file__).resolve().parent))
from bench_moons import make_moons  # noqa: E402

from micrograd import monitor as instruments  # noqa: E402
from micrograd.engine import Value  # noqa: E402
from micrograd.nn import MLP  # noqa: E402

TARGET = 1.15


def train(steps, seed, monitor_it):
    """The demo's loop: its losses, its CPU seconds, the monitor (or None) and the CPU
    seconds of each record()."""
    X, y = make_moons(n_samples=100, noise=0.1, seed=seed)
    random.seed(seed)
    model = MLP(2, [16, 16, 1])
    monitor = instruments.Monitor(model) if monitor_it else None
    losses, spent = [], []
    start = time.process_time()
    for k in range(steps):
        inputs = [list(map(Value, xrow)) for xrow in X]
        scores = list(map(model, inputs))
        losses_ = [(1 + -yi * si).relu() for yi, si in zip(y, scores, strict=True)]
        data_loss = sum(losses_) * (1.0 / len(losses_))
        reg_loss = 1e-4 * sum(p * p for p in model.parameters())
        total_loss = data_loss + reg_loss
        model.zero_grad()
        total_loss.backward()
        if monitor:
            began = time.process_time()
            monitor.record(total_loss)
            spent.append(time.process_time() - began)
        learning_rate = 1.0 - 0.9 * k / 100
        for p in model.parameters():
            p.data -= learning_rate * p.grad
        losses.append(total_loss.data)
    return losses, time.process_time() - start, monitor, spent


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=100, help="training steps (100)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each kind (3)")
    parser.add_argument(
        "--seed", type=int, default=1337, help="data and weights (1337)"
    )
    args = parser.parse_args()
    print(
        f"monitor overhead: the moons demo, {args.steps} steps, seed {args.seed},"
        f" {args.rounds} runs with and without the monitor, in turns (CPU time)"
    )
    runs = {False: [], True: []}  # without and with: (losses, seconds, monitor, spent)
    for r in range(args.rounds):
        for watched in (False, True) if r % 2 == 0 else (True, False):
            runs[watched].append(train(args.steps, args.seed, watched))
    if any(run[0] != runs[False][0][0] for run in runs[True] + runs[False]):
        sys.exit("the monitored run computed other losses: the monitor changed the run")
    base = min(run[1] for run in runs[False])
    _, with_it, monitor, spent = min(runs[True], key=lambda run: run[1])
    ratio = with_it / base
    verdict = "meets" if ratio <= TARGET else "ABOVE"
    print(
        f"without the monitor: {base:7.2f} s  ({1000 * base / args.steps:.1f} ms a step,"
        " the fastest run)"
    )
    print(
        f"with the monitor:    {with_it:7.2f} s  (record() itself: {sum(spent):.2f} s,"
        f" {sum(spent) / base:.1%} of a run without it)"
    )
    print(f"overhead ratio:      {ratio:7.3f}x  ({verdict} the target of {TARGET}x)")
    print_split(monitor, spent)
    print_readings(monitor)


def print_split(monitor, spent):
    """A record's cost on the steps whose graph it walks and on the others."""
    walked = [s.leftover is not None for s in monitor.history]
    parts = {
        w: [t for t, v in zip(spent, walked, strict=True) if v == w] for w in (1, 0)
    }
    print(
        f"one record():        {1000 * sum(parts[0]) / len(parts[0]):.2f} ms,"
        f" {1000 * sum(parts[1]) / len(parts[1]):.1f} ms with the graph walked"
        f" ({len(parts[1])} of {len(spent)} steps)"
    )


def print_readings(monitor):
    """What the instruments read on the demo, against the thresholds; exit if it is flagged."""
    history = monitor.history
    ratios = [layer.update for s in history for layer in s.layers if layer.update]
    dead = [
        [s.layers[i].dead for s in history if s.leftover is not None] for i in (0, 1)
    ]
    jumps = [b.loss / a.loss for a, b in zip(history, history[1:], strict=False)]
    moved = [sum(s.layers[i].update or 0.0 for s in history) for i in range(3)]
    print(
        f"update ratio:        {min(ratios):.2g} to {max(ratios):.2g}"
        f" (lr-too-high at {instruments.TOO_HIGH:g})"
    )
    print(
        f"largest loss jump:   {max(jumps):.2f}x (lr-too-high at {instruments.JUMP:g}x)"
    )
    print(
        f"moved in the run:    {min(moved):.2f} to {max(moved):.2f} of the weights' size"
        f" (lr-too-low below {instruments.TOO_LOW:g})"
    )
    for i, fractions in enumerate(dead):
        print(
            f"dead ReLUs, layer {i + 1}: up to {max(fractions):.0%},"
            f" {fractions[-1]:.0%} at the end (dead-relu above {instruments.MOSTLY_DEAD:.0%})"
        )
    left = max(s.leftover for s in history if s.leftover is not None)
    print(
        f"left-over gradient:  {left:.2g} (stale-grad above {instruments.LEFTOVER:g})"
    )
    findings = monitor.diagnose()
    print(f"diagnosis:           {'; '.join(map(str, findings)) or 'nothing wrong'}")
    if findings or not all(map(math.isfinite, ratios)):
        sys.exit("the monitor flags the original demo's healthy run")


if __name__ == "__main__":
    main()

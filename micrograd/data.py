"""Small two-class data sets in pure Python, for training toy classifiers.

Every generator returns ``(X, y)``: ``X`` a list of points ``[x1, x2]`` (floats)
and ``y`` a list of labels, **-1 or +1** (not 0 or 1: the hinge loss wants ±1).
The first class (-1) gets ``n_samples // 2`` points, the second (+1) the rest,
in a shuffled order. Pass ``seed`` to get the same data every time.

>>> X, y = make_moons(4, seed=0)
>>> len(X), sorted(y)
(4, [-1, -1, 1, 1])
"""

import math
import random

__all__ = ["make_moons", "make_circles", "make_blobs", "train_test_split"]


def _check(n_samples, noise, noise_name="noise"):
    if not isinstance(n_samples, int) or n_samples < 2:
        raise ValueError(
            f"n_samples must be an integer >= 2 (one per class), got {n_samples!r}"
        )
    if not noise >= 0:
        raise ValueError(f"{noise_name} must be >= 0, got {noise!r}")


# --8<-- [start:moons]
def _linspace(start, stop, n, endpoint=True):
    """``n`` evenly spaced numbers from ``start`` to ``stop`` (included if ``endpoint``)."""
    steps = n - 1 if endpoint else n
    return [start + (stop - start) * i / steps for i in range(n)] if steps else [start]


def _finish(points, rng, noise):
    """Shuffle the ``[x1, x2, label]`` rows, add Gaussian noise to the points, split off labels."""
    rng.shuffle(points)
    X = [
        [x1 + rng.gauss(0.0, noise), x2 + rng.gauss(0.0, noise)] for x1, x2, _ in points
    ]
    y = [label for _, _, label in points]
    return X, y


def make_moons(n_samples=100, noise=0.1, seed=None):
    """Two interleaving half circles, as scikit-learn's ``make_moons``.

    Label -1: the upper half circle ``(cos t, sin t)``; label +1: the lower one,
    ``(1 - cos t, 0.5 - sin t)``; ``t`` evenly spaced from 0 to pi. ``noise`` is
    the standard deviation of the Gaussian noise added to every coordinate.

    >>> X, y = make_moons(100, noise=0.1, seed=0)
    >>> len(X), y.count(-1), y.count(+1)
    (100, 50, 50)
    """
    _check(n_samples, noise)
    n_out = n_samples // 2
    n_in = n_samples - n_out
    outer = [[math.cos(t), math.sin(t), -1] for t in _linspace(0.0, math.pi, n_out)]
    inner = [
        [1 - math.cos(t), 1 - math.sin(t) - 0.5, 1]
        for t in _linspace(0.0, math.pi, n_in)
    ]
    return _finish(outer + inner, random.Random(seed), noise)
    # --8<-- [end:moons]


def make_circles(n_samples=100, noise=0.05, factor=0.5, seed=None):
    """A circle of radius 1 (label -1) around a circle of radius ``factor`` (label +1).

    >>> X, y = make_circles(8, noise=0.0, seed=0)
    >>> sorted({round(math.hypot(a, b), 6) for a, b in X})
    [0.5, 1.0]
    """
    _check(n_samples, noise)
    if not 0 < factor < 1:
        raise ValueError(
            f"factor (inner radius / outer radius) must be in (0, 1), got {factor}"
        )
    n_out = n_samples // 2
    n_in = n_samples - n_out
    t_out = _linspace(0.0, 2 * math.pi, n_out, endpoint=False)
    t_in = _linspace(0.0, 2 * math.pi, n_in, endpoint=False)
    outer = [[math.cos(t), math.sin(t), -1] for t in t_out]
    inner = [[factor * math.cos(t), factor * math.sin(t), 1] for t in t_in]
    return _finish(outer + inner, random.Random(seed), noise)


def make_blobs(
    n_samples=100, centers=((-1.0, -1.0), (1.0, 1.0)), spread=0.5, seed=None
):
    """Two round Gaussian clouds: label -1 around ``centers[0]``, +1 around ``centers[1]``.

    ``spread`` is the standard deviation of each cloud. Far apart, the two classes can
    be split by a straight line: data for a single neuron.

    >>> X, y = make_blobs(200, centers=[(-5, 0), (5, 0)], seed=0)
    >>> all((x1 > 0) == (label > 0) for (x1, x2), label in zip(X, y))
    True
    """
    _check(n_samples, spread, "spread")
    if len(centers) != 2 or any(len(c) != 2 for c in centers):
        raise ValueError(f"centers must be two points (x1, x2), got {centers!r}")
    (a1, a2), (b1, b2) = centers
    n_first = n_samples // 2
    points = [[a1, a2, -1]] * n_first + [[b1, b2, 1]] * (n_samples - n_first)
    return _finish(points, random.Random(seed), spread)


def train_test_split(X, y, test_fraction=0.25, seed=None):
    """Shuffle the samples and split them: returns ``X_train, X_test, y_train, y_test``.

    The test set gets ``ceil(test_fraction * len(X))`` samples (as in scikit-learn).

    >>> X_train, X_test, y_train, y_test = train_test_split(list(range(8)), [1] * 8, seed=0)
    >>> len(X_train), len(X_test), sorted(X_train + X_test) == list(range(8))
    (6, 2, True)
    """
    if len(X) != len(y):
        raise ValueError(f"got {len(X)} samples in X but {len(y)} labels in y")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be in (0, 1), got {test_fraction}")
    n_test = math.ceil(test_fraction * len(X))
    if n_test >= len(X):
        raise ValueError(
            f"{len(X)} samples are too few to split off {test_fraction:.0%}"
        )
    order = list(range(len(X)))
    random.Random(seed).shuffle(order)
    test, train = order[:n_test], order[n_test:]
    return (
        [X[i] for i in train],
        [X[i] for i in test],
        [y[i] for i in train],
        [y[i] for i in test],
    )

"""Toy data sets: shapes, labels, geometry, noise, seeding, splitting, errors."""

import math
import statistics

import pytest

from micrograd.data import make_blobs, make_circles, make_moons, train_test_split

GENERATORS = [make_moons, make_circles, make_blobs]


@pytest.mark.parametrize("make", GENERATORS)
@pytest.mark.parametrize("n", [2, 7, 100])
def test_shapes_and_plus_minus_one_labels(make, n):
    X, y = make(n, seed=0)
    assert len(X) == len(y) == n
    assert all(len(p) == 2 and all(type(c) is float for c in p) for p in X)
    assert set(y) == {-1, 1}
    assert y.count(-1) == n // 2 and y.count(1) == n - n // 2


@pytest.mark.parametrize("make", GENERATORS)
def test_a_seed_makes_the_data_reproducible(make):
    assert make(50, seed=3) == make(50, seed=3)
    assert make(50, seed=3) != make(50, seed=4)
    assert make(50) != make(50)  # no seed: fresh randomness


@pytest.mark.parametrize("make", GENERATORS)
def test_samples_are_shuffled(make):
    _, y = make(100, seed=0)
    assert y != sorted(y)


def test_noise_free_moons_lie_on_their_half_circles():
    X, y = make_moons(101, noise=0.0, seed=0)
    for (x1, x2), label in zip(X, y, strict=True):
        if label == -1:  # upper half of the unit circle around (0, 0)
            assert math.hypot(x1, x2) == pytest.approx(1.0) and x2 >= -1e-12
        else:  # lower half of the unit circle around (1, 0.5)
            assert (
                math.hypot(x1 - 1, x2 - 0.5) == pytest.approx(1.0) and x2 <= 0.5 + 1e-12
            )
    # evenly spaced from one end to the other: both ends are there
    assert sorted(round(p[0], 9) for p in X)[:1] == [-1.0]
    assert sorted(round(p[0], 9) for p in X)[-1:] == [2.0]


def test_moons_noise_has_the_requested_standard_deviation():
    X, y = make_moons(4000, noise=0.2, seed=0)
    clean, _ = make_moons(4000, noise=0.0, seed=0)  # same seed: same shuffle
    offsets = [a[i] - b[i] for a, b in zip(X, clean, strict=True) for i in (0, 1)]
    assert statistics.fmean(offsets) == pytest.approx(0.0, abs=0.01)
    assert statistics.stdev(offsets) == pytest.approx(0.2, rel=0.05)


def test_noise_free_circles_have_radius_one_and_factor():
    X, y = make_circles(40, noise=0.0, factor=0.3, seed=0)
    for (x1, x2), label in zip(X, y, strict=True):
        assert math.hypot(x1, x2) == pytest.approx(1.0 if label == -1 else 0.3)
    angles = sorted(
        round(math.atan2(x2, x1), 9)
        for (x1, x2), label in zip(X, y, strict=True)
        if label == -1
    )
    assert len(set(angles)) == 20  # evenly spread, no point repeated


def test_blobs_gather_around_their_centers():
    X, y = make_blobs(2000, centers=[(-3.0, 1.0), (2.0, 4.0)], spread=0.5, seed=0)
    for label, (c1, c2) in [(-1, (-3.0, 1.0)), (1, (2.0, 4.0))]:
        points = [p for p, yi in zip(X, y, strict=True) if yi == label]
        assert statistics.fmean(p[0] for p in points) == pytest.approx(c1, abs=0.05)
        assert statistics.fmean(p[1] for p in points) == pytest.approx(c2, abs=0.05)
        assert statistics.stdev(p[0] for p in points) == pytest.approx(0.5, rel=0.1)


@pytest.mark.parametrize("make", GENERATORS)
@pytest.mark.parametrize("n", [0, 1, -5, 2.5, "100"])
def test_too_few_samples_is_an_error(make, n):
    with pytest.raises(ValueError, match="n_samples"):
        make(n)


@pytest.mark.parametrize(
    "make, keyword",
    [(make_moons, "noise"), (make_circles, "noise"), (make_blobs, "spread")],
)
def test_negative_noise_is_an_error(make, keyword):
    with pytest.raises(ValueError, match=keyword):
        make(10, **{keyword: -0.1})


@pytest.mark.parametrize("factor", [0, 1, 1.5, -0.5])
def test_circles_factor_must_be_between_zero_and_one(factor):
    with pytest.raises(ValueError, match="factor"):
        make_circles(10, factor=factor)


@pytest.mark.parametrize(
    "centers", [[(0, 0)], [(0, 0), (1, 1), (2, 2)], [(0, 0), (1, 1, 1)]]
)
def test_blobs_want_two_centers(centers):
    with pytest.raises(ValueError, match="two points"):
        make_blobs(10, centers=centers)


def test_train_test_split_sizes_and_alignment():
    X = [[float(i), -float(i)] for i in range(10)]
    y = [i % 2 * 2 - 1 for i in range(10)]
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_fraction=0.25, seed=0
    )
    assert (len(X_train), len(X_test)) == (7, 3)  # ceil(2.5) = 3 test samples
    assert sorted(X_train + X_test) == sorted(X)  # every sample exactly once
    for xs, ys in [(X_train, y_train), (X_test, y_test)]:
        assert all(
            y[int(x[0])] == label for x, label in zip(xs, ys, strict=True)
        )  # pairs kept
    assert train_test_split(X, y, seed=0) == train_test_split(X, y, seed=0)
    assert train_test_split(X, y, seed=0) != train_test_split(X, y, seed=1)


@pytest.mark.parametrize("fraction", [0, 1, -0.2, 1.5])
def test_train_test_split_fraction_must_be_between_zero_and_one(fraction):
    with pytest.raises(ValueError, match="test_fraction"):
        train_test_split([[0.0, 0.0]] * 4, [1] * 4, test_fraction=fraction)


def test_train_test_split_errors():
    with pytest.raises(ValueError, match="3 samples .* 2 labels"):
        train_test_split([[0.0, 0.0]] * 3, [1, -1])
    with pytest.raises(ValueError, match="too few"):
        train_test_split([[0.0, 0.0]], [1], test_fraction=0.5)

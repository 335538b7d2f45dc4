"""Losses and accuracy: values, gradients, bit-identity with the original demo, errors."""

import math
import random

import pytest
from pytest import approx

from micrograd.engine import Value
from micrograd.losses import accuracy, hinge_loss, l2_penalty, mse_loss
from micrograd.nn import MLP


def test_hinge_loss_value_and_gradients():
    scores = [Value(2.0), Value(-0.5), Value(0.3), Value(-1.0)]
    loss = hinge_loss(scores, [1, 1, -1, -1])
    # max(0, 1 - y*s): 0 (margin met), 1.5, 1.3, 0 (exactly on the margin)
    assert loss.data == approx((0 + 1.5 + 1.3 + 0) / 4)
    loss.backward()
    assert [s.grad for s in scores] == approx([0.0, -1 / 4, 1 / 4, 0.0])


def demo_losses(model, X, y):
    """The original micrograd demo's loss, verbatim."""
    inputs = [list(map(Value, xrow)) for xrow in X]
    scores = list(map(model, inputs))
    losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores, strict=True)]
    data_loss = sum(losses) * (1.0 / len(losses))
    alpha = 1e-4
    reg_loss = alpha * sum(p * p for p in model.parameters())
    return data_loss, reg_loss


def test_hinge_and_l2_are_bit_identical_to_the_original_demo():
    rng = random.Random(0)
    X = [[rng.uniform(-2, 2), rng.uniform(-2, 2)] for _ in range(20)]
    y = [rng.choice([-1, 1]) for _ in X]
    model = MLP(2, [8, 1], seed=0)
    data_loss, reg_loss = demo_losses(model, X, y)
    (data_loss + reg_loss).backward()
    expected_grads = [p.grad for p in model.parameters()]

    model.zero_grad()
    scores = [model(list(map(Value, x))) for x in X]
    ours, ours_reg = hinge_loss(scores, y), l2_penalty(model.parameters())
    (ours + ours_reg).backward()
    assert (ours.data, ours_reg.data) == (data_loss.data, reg_loss.data)
    assert [p.grad for p in model.parameters()] == expected_grads


def test_mse_loss_value_and_gradients():
    preds = [Value(1.0), Value(3.0), Value(-2.0)]
    targets = [0.0, Value(1.0), -2.0]
    loss = mse_loss(preds, targets)
    assert loss.data == approx((1 + 4 + 0) / 3)
    loss.backward()
    assert [p.grad for p in preds] == approx([2 * 1 / 3, 2 * 2 / 3, 0.0])
    assert targets[1].grad == approx(-2 * 2 / 3)


def test_l2_penalty_value_and_gradients():
    params = [Value(1.0), Value(-2.0), Value(0.5)]
    penalty = l2_penalty(params)
    assert penalty.data == approx(1e-4 * (1 + 4 + 0.25))
    penalty.backward()
    assert [p.grad for p in params] == approx([2e-4 * p.data for p in params])
    assert l2_penalty(params, alpha=0.5).data == approx(0.5 * 5.25)


def test_accuracy_counts_the_right_side_of_zero():
    scores = [Value(2.0), Value(-0.5), Value(0.3), Value(0.0)]
    assert accuracy(scores, [1, -1, 1, -1]) == 1.0  # a score of 0 counts as negative
    assert accuracy(scores, [1, 1, 1, 1]) == 0.5
    assert accuracy(scores, [-1, 1, -1, 1]) == 0.0
    assert type(accuracy(scores, [1, 1, 1, 1])) is float


def test_generators_are_accepted():
    scores = [Value(2.0), Value(-0.5)]
    assert hinge_loss(iter(scores), iter([1, -1])).data == 0.25  # (0 + 0.5) / 2
    assert l2_penalty(p for p in scores).data == approx(1e-4 * 4.25)


@pytest.mark.parametrize("fn", [hinge_loss, mse_loss, accuracy])
def test_length_mismatch_names_both_lengths(fn):
    with pytest.raises(ValueError, match=r"3 .* 2 "):
        fn([Value(1.0), Value(2.0), Value(3.0)], [1, -1])


@pytest.mark.parametrize("fn", [hinge_loss, mse_loss, accuracy])
def test_empty_inputs_are_an_error(fn):
    with pytest.raises(ValueError, match="no"):
        fn([], [])


def test_l2_penalty_of_no_parameters_is_an_error():
    with pytest.raises(ValueError, match="no parameters"):
        l2_penalty([])


@pytest.mark.parametrize("label", [0, 2, 0.5])
def test_hinge_loss_wants_plus_or_minus_one_labels(label):
    with pytest.raises(ValueError, match="-1 or \\+1"):
        hinge_loss([Value(1.0), Value(2.0)], [1, label])


def test_accuracy_counts_a_nan_score_as_wrong():
    nan = Value(math.nan)
    assert accuracy([nan], [1]) == 0.0
    assert accuracy([nan], [-1]) == 0.0
    assert accuracy([nan, Value(2.0), Value(-1.0)], [-1, 1, -1]) == 2 / 3


@pytest.mark.parametrize("label", [0, 2, 0.5, -2, math.nan, "1"])
@pytest.mark.parametrize("fn", [hinge_loss, accuracy])
def test_labels_must_be_plus_or_minus_one(fn, label):
    with pytest.raises(ValueError, match="-1 or \\+1"):
        fn([Value(1.0), Value(2.0)], [1, label])


NOT_SEQUENCES = {
    "dict": {0: Value(1.0), 1: Value(2.0)},  # would give its keys
    "str": "ab",
    "NoneType": None,
    "set": {Value(1.0), Value(2.0)},  # has no order
    "int": 3,
}


@pytest.mark.parametrize("type_name", NOT_SEQUENCES)
@pytest.mark.parametrize("fn", [hinge_loss, mse_loss, accuracy])
def test_scores_that_are_not_a_sequence_are_a_type_error(fn, type_name):
    with pytest.raises(TypeError, match=f"must be a sequence.*got {type_name}"):
        fn(NOT_SEQUENCES[type_name], [1, -1])
    with pytest.raises(TypeError, match=f"must be a sequence.*got {type_name}"):
        fn([Value(1.0), Value(2.0)], NOT_SEQUENCES[type_name])


def test_l2_penalty_wants_a_sequence_of_values():
    with pytest.raises(TypeError, match="must be a sequence.*got NoneType"):
        l2_penalty(None)
    with pytest.raises(TypeError, match="parameters must be Values, got float"):
        l2_penalty([Value(1.0), 2.0])


@pytest.mark.parametrize("fn", [hinge_loss, mse_loss, accuracy])
def test_scores_must_be_values(fn):
    with pytest.raises(TypeError, match=r"must be Values, got float: 0\.5 \(item 1\)"):
        fn([Value(1.0), 0.5], [1, -1])

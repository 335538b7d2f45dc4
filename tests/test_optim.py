"""SGD and the linear learning-rate schedule."""

import math

import pytest

from micrograd.engine import Value
from micrograd.nn import MLP
from micrograd.optim import SGD, linear_schedule


def test_step_moves_each_parameter_against_its_gradient():
    a, b = Value(1.0), Value(-2.0)
    a.grad, b.grad = 0.5, -3.0
    opt = SGD([a, b], lr=0.1)
    opt.step()
    assert (a.data, b.data) == (1.0 - 0.1 * 0.5, -2.0 - 0.1 * -3.0)
    assert (a.grad, b.grad) == (0.5, -3.0)  # step() leaves the gradients alone
    assert opt.steps == 1


def test_zero_grad():
    model = MLP(2, [3, 1], seed=0)
    opt = SGD(model.parameters())
    model([1.0, 2.0]).backward()
    assert any(p.grad != 0.0 for p in model.parameters())
    opt.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_a_few_steps_make_a_loss_smaller():
    w = Value(3.0)
    opt = SGD([w], lr=0.25)
    for _ in range(5):
        opt.zero_grad()
        (w * w).backward()
        opt.step()
    assert w.data == 3.0 * 0.5**5  # w -= 0.25 * 2w halves w every step
    assert opt.steps == 5


def test_a_schedule_is_called_with_the_step_count():
    asked = []

    def schedule(k):
        asked.append(k)
        return 1.0 / (k + 1)

    p = Value(0.0)
    p.grad = 1.0
    opt = SGD([p], lr=schedule)
    assert opt.lr == 1.0
    for _ in range(3):
        opt.step()
    assert p.data == -(1.0 + 1 / 2 + 1 / 3)
    assert opt.lr == 1 / 4
    assert asked == [0, 0, 1, 2, 3]


def test_constant_lr_property():
    assert SGD([Value(1.0)], lr=0.3).lr == 0.3
    assert SGD([Value(1.0)]).lr == 0.1


def test_linear_schedule_reproduces_the_original_demo_bit_for_bit():
    lr = linear_schedule(1.0, 0.1, 100)
    assert [lr(k) for k in range(100)] == [1.0 - 0.9 * k / 100 for k in range(100)]
    assert lr(100) == lr(1000) == 0.1  # then stays at the end value


def test_linear_schedule_can_end_at_zero_and_sgd_takes_it_to_the_end():
    lr = linear_schedule(0.5, 0.0, 10)
    assert lr(0) == 0.5 and lr(5) == 0.25 and lr(10) == 0.0
    p = Value(1.0)
    p.grad = 1.0
    opt = SGD([p], lr=linear_schedule(1.0, 0.0, 2))
    for _ in range(4):  # the rates 1.0, 0.5, then 0.0 twice: no error mid-training
        opt.step()
    assert p.data == 1.0 - 1.0 - 0.5
    assert opt.steps == 4 and opt.lr == 0.0


def test_a_learning_rate_of_zero_leaves_the_parameters_alone():
    p = Value(2.0)
    p.grad = 3.0
    opt = SGD([p], lr=0)
    opt.step()
    assert p.data == 2.0 and opt.steps == 1


def test_a_warm_up_schedule_may_start_at_zero():
    lr = linear_schedule(0.0, 1.0, 4)
    assert [lr(k) for k in range(6)] == [0.0, 0.25, 0.5, 0.75, 1.0, 1.0]


RATES = [0, 0.0, 0.1, 3, -0.1, -1, math.nan, math.inf, -math.inf]


@pytest.mark.parametrize("rate", RATES)
def test_sgd_and_schedules_agree_about_every_learning_rate(rate):
    def accepted(make):
        try:
            make()
        except ValueError:
            return False
        return True

    def sgd_step(schedule):
        SGD([Value(1.0)], lr=schedule).step()

    verdicts = {
        "SGD(lr=rate)": accepted(lambda: SGD([Value(1.0)], lr=rate)),
        "a schedule giving rate": accepted(lambda: sgd_step(lambda k: rate)),
        "linear_schedule(rate, 1, 10)": accepted(lambda: linear_schedule(rate, 1, 10)),
        "linear_schedule(1, rate, 10)": accepted(lambda: linear_schedule(1, rate, 10)),
    }
    assert len(set(verdicts.values())) == 1, verdicts
    assert verdicts["SGD(lr=rate)"] == (0 <= rate < math.inf)


@pytest.mark.parametrize("lr", [-0.1, math.nan, math.inf])
def test_a_learning_rate_that_is_negative_or_not_finite_is_an_error(lr):
    with pytest.raises(ValueError, match=f"rate must be a number >= 0, got {lr}"):
        SGD([Value(1.0)], lr=lr)


@pytest.mark.parametrize("lr", ["0.1", None, [0.1]])
def test_a_learning_rate_that_is_not_a_number_is_a_type_error(lr):
    name = type(lr).__name__
    with pytest.raises(TypeError, match=f"learning rate must be a number.*got {name}"):
        SGD([Value(1.0)], lr=lr)


def test_a_schedule_that_goes_negative_stops_the_step_and_names_it():
    opt = SGD([Value(1.0)], lr=lambda k: 1.0 - k)  # 1, 0, then -1
    opt.step()
    opt.step()
    with pytest.raises(ValueError, match="at step 2 must be a number >= 0, got -1"):
        opt.step()
    with pytest.raises(TypeError, match="at step 0 must be a number, got str"):
        SGD([Value(1.0)], lr=lambda k: "fast").step()


@pytest.mark.parametrize(
    "args, error",
    [
        ((-1.0, 0.1, 10), ValueError),
        ((1.0, -0.1, 100), ValueError),
        ((math.nan, 0.1, 100), ValueError),
        ((1.0, math.inf, 100), ValueError),
        ((1.0, 0.1, 0), ValueError),
        ((1.0, 0.1, -5), ValueError),
        ((1.0, 0.1, 10.5), TypeError),
        ((1.0, 0.1, None), TypeError),
        (("1.0", 0.1, 10), TypeError),
    ],
)
def test_linear_schedule_rejects_bad_arguments(args, error):
    with pytest.raises(error):
        linear_schedule(*args)


def test_passing_the_method_instead_of_the_list_is_a_clear_error():
    model = MLP(2, [1], seed=0)
    with pytest.raises(TypeError, match=r"model.parameters\(\).*got method"):
        SGD(model.parameters)
    with pytest.raises(TypeError, match=r"model.parameters\(\).*got MLP"):
        SGD(model)
    with pytest.raises(TypeError, match=r"model.parameters\(\).*got NoneType"):
        SGD(None)


def test_no_parameters_or_non_values_are_errors():
    with pytest.raises(ValueError, match="no parameters"):
        SGD([])
    with pytest.raises(TypeError, match="float"):
        SGD([Value(1.0), 2.0])

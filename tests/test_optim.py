"""SGD and the linear learning-rate schedule."""

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


def test_linear_schedule_can_end_at_zero():
    lr = linear_schedule(0.5, 0.0, 10)
    assert lr(0) == 0.5 and lr(5) == 0.25 and lr(10) == 0.0


@pytest.mark.parametrize("lr", [0, -0.1])
def test_a_learning_rate_that_is_not_positive_is_an_error(lr):
    with pytest.raises(ValueError, match="positive"):
        SGD([Value(1.0)], lr=lr)


def test_a_schedule_that_reaches_zero_stops_the_step():
    opt = SGD([Value(1.0)], lr=linear_schedule(1.0, 0.0, 2))
    opt.step()
    opt.step()
    with pytest.raises(ValueError, match="at step 2"):
        opt.step()


@pytest.mark.parametrize(
    "args", [(0.0, 0.1, 100), (1.0, -0.1, 100), (1.0, 0.1, 0), (-1.0, 0.1, 10)]
)
def test_linear_schedule_rejects_bad_arguments(args):
    with pytest.raises(ValueError):
        linear_schedule(*args)


def test_passing_the_method_instead_of_the_list_is_a_clear_error():
    model = MLP(2, [1], seed=0)
    with pytest.raises(TypeError, match=r"model.parameters\(\)"):
        SGD(model.parameters)


def test_no_parameters_or_non_values_are_errors():
    with pytest.raises(ValueError, match="no parameters"):
        SGD([])
    with pytest.raises(TypeError, match="float"):
        SGD([Value(1.0), 2.0])

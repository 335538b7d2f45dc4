"""The monitor: its instruments are the numbers the test computes by itself from the same run;
each planted fault is found at its step and layer; healthy runs give no finding, at several
seeds and learning rates and with the original demo's schedule."""

import math
import re
import xml.etree.ElementTree as ET

import pytest

from micrograd import monitor as mon
from micrograd.check.concepts import CONCEPTS
from micrograd.data import make_moons
from micrograd.engine import Value
from micrograd.losses import hinge_loss, l2_penalty
from micrograd.monitor import Finding, Monitor, Reading, Step
from micrograd.nn import MLP
from micrograd.optim import linear_schedule
from micrograd.plot import html


def norm(values):
    return math.sqrt(sum(v * v for v in values))


def units_off(model, X):
    """Per hidden layer, the fraction of its units whose weighted sum is positive on no
    point of ``X``: the forward pass written out here."""
    off, inputs = [], [list(x) for x in X]
    for layer in model.layers[:-1]:
        sums = [
            [
                sum(w.data * xi for w, xi in zip(n.w, x)) + n.b.data
                for n in layer.neurons
            ]
            for x in inputs
        ]
        fired = [any(row[j] > 0 for row in sums) for j in range(len(layer.neurons))]
        off.append(fired.count(False) / len(fired))
        inputs = [[max(s, 0.0) for s in row] for row in sums]
    return off


def train(
    lr=0.1, steps=20, sizes=(8, 8, 1), n=30, seed=0, fault=None, watch=None, blowup=None
):
    """A run on the moons, the course's loop with one planted ``fault``: "no-zero" (the
    gradients are never reset), "by-hand" (reset by a loop, not zero_grad()), "twice"
    (backward() called twice), "reset-late" (reset after backward()), "uphill" (+= in the
    update), "dead-bias" (first-layer biases at -4). ``lr`` is a number or a schedule;
    ``watch(model, X, loss)`` is called at each record; at step ``blowup`` the loss gets an
    infinite term. Returns the monitor."""
    X, y = make_moons(n, noise=0.1, seed=seed)
    model = MLP(2, list(sizes), seed=seed)
    if fault == "dead-bias":
        for neuron in model.layers[0].neurons:
            neuron.b.data = -4.0
    monitor = Monitor(model)
    rate = lr if callable(lr) else (lambda k: lr)
    for k in range(steps):
        loss = hinge_loss([model(x) for x in X], y) + l2_penalty(model.parameters())
        if k == blowup:
            loss = loss + math.inf
        if fault == "by-hand":
            for p in model.parameters():
                p.grad = 0
        elif fault != "no-zero":
            model.zero_grad()
        loss.backward()
        if fault == "twice":
            loss.backward()
        if fault == "reset-late":
            model.zero_grad()
        monitor.record(loss)
        if watch:
            watch(model, X, loss)
        sign = 1 if fault == "uphill" else -1
        for p in model.parameters():
            p.data += sign * rate(k) * p.grad
    return monitor


def found(monitor):
    return [(f.concept, f.step, f.layer) for f in monitor.diagnose()]


# --- the instruments --------------------------------------------------------------------


def test_each_instrument_is_the_number_computed_from_the_run():
    seen = []  # per step: the loss, each layer's gradient norm, parameters, dead units

    def watch(model, X, loss):
        layers = [layer.parameters() for layer in model.layers]
        seen.append(
            (
                loss.data,
                [norm(p.grad for p in ps) for ps in layers],
                [[p.data for p in ps] for ps in layers],
                [[p.grad for p in ps] for ps in layers],
                units_off(model, X),
            )
        )

    monitor = train(lr=0.3, steps=17, watch=watch)
    history = monitor.history
    assert len(history) == 17
    walked = [k for k, s in enumerate(history) if s.leftover is not None]
    assert walked == [0, 1, 8, 16]
    for k, step in enumerate(history):
        loss, grads, data, _, off = seen[k]
        assert step.loss == loss
        assert [layer.grad for layer in step.layers] == pytest.approx(grads, rel=1e-12)
        if k + 1 < len(history):  # the update made after step k, seen at step k + 1
            after = seen[k + 1][2]
            for layer, new, old in zip(step.layers, after, data):
                moved = norm(a - b for a, b in zip(new, old))
                assert layer.update == pytest.approx(moved / norm(old), rel=1e-12)
            assert step.direction == pytest.approx(-1.0, abs=1e-12)  # plain SGD
        else:
            assert step.direction is None and step.layers[0].update is None
        if k in walked:
            assert [layer.dead for layer in step.layers] == [*off, None]
            assert step.leftover < 1e-12  # zero_grad(): nothing left over
        else:
            assert {layer.dead for layer in step.layers} == {None}
            assert step.leftover is None


def test_left_over_gradients_are_measured_exactly():
    grads = []

    def watch(model, X, loss):
        grads.append([p.grad for p in model.parameters()])

    monitor = train(lr=0.2, steps=2, fault="no-zero", watch=watch)
    # step 1 holds step 0's gradient plus its own: the left-over part is step 0's
    before, now = grads
    own = [g1 - g0 for g0, g1 in zip(before, now)]
    assert monitor.history[0].leftover < 1e-12
    assert monitor.history[1].leftover == pytest.approx(norm(before) / norm(own), 1e-9)


def test_a_run_that_kills_its_relus_shows_them_dead():
    monitor = train(lr=0.5, steps=9, fault="dead-bias")
    for k in (0, 1, 8):
        assert [layer.dead for layer in monitor.history[k].layers] == [1.0, 1.0, None]


# --- planted faults: each found at its step and layer ------------------------------------

PLANTED = {
    "lr-too-high": (dict(lr=5.0), ("lr-too-high", 0, 0)),
    "lr-too-low": (dict(lr=1e-4), ("lr-too-low", 0, None)),
    "dead-relu": (dict(lr=0.5, fault="dead-bias"), ("dead-relu", 0, 0)),
    "stale-grad": (dict(lr=0.2, fault="no-zero"), ("stale-grad", 1, None)),
    "update-direction": (dict(lr=0.1, fault="uphill"), ("update-direction", 0, None)),
}


@pytest.mark.parametrize("concept", PLANTED)
def test_a_planted_fault_is_found_first_at_its_step_and_layer(concept):
    kwargs, expected = PLANTED[concept]
    findings = found(train(**kwargs))
    assert findings[0] == expected, findings


def test_each_planted_fault_is_named_alone_where_it_is_the_only_one():
    assert found(train(lr=1e-4)) == [("lr-too-low", 0, None)]
    assert found(train(lr=0.2, fault="no-zero", steps=12)) == [("stale-grad", 1, None)]
    assert found(train(lr=0.1, fault="uphill", steps=10)) == [
        ("update-direction", 0, None)
    ]
    # a dead first layer leaves the second nothing to fire on: both are dead
    assert found(train(lr=0.5, fault="dead-bias")) == [
        ("dead-relu", 0, 0),
        ("dead-relu", 0, 1),
    ]


def test_a_second_backward_in_one_step_is_a_stale_gradient():
    assert found(train(lr=0.1, steps=2, fault="twice"))[0] == ("stale-grad", 0, None)


def test_gradients_reset_after_backward_are_not_called_stale():
    monitor = train(lr=0.3, steps=10, fault="reset-late")
    assert monitor.history[1].leftover == 1.0  # all of this step's gradient is missing
    assert found(monitor) == [("lr-too-low", 0, None)]  # and nothing moves


def test_a_run_that_climbs_until_it_overflows_is_still_named_uphill():
    monitor = train(lr=0.3, steps=20, fault="uphill")
    assert not math.isfinite(monitor.history[-1].loss)
    findings = found(monitor)
    assert findings[0] == ("update-direction", 0, None)
    assert {concept for concept, *_ in findings} == {"update-direction", "lr-too-high"}


def test_the_messages_give_the_evidence():
    (high, *_) = train(lr=5.0, steps=3).diagnose()
    assert re.fullmatch(
        r"at step 0 the update of the first layer was [\d.]+× the size of its weights",
        high.message,
    )
    (stale,) = train(lr=0.2, steps=2, fault="no-zero").diagnose()
    assert re.fullmatch(
        r"at step 1 the gradients held more than this step's backward pass gives: the"
        r" extra, left from earlier steps, was 1.\d+× the size of the step's own gradient",
        stale.message,
    )
    assert str(stale) == f"[stale-grad] {stale.message}"
    first, _ = train(lr=0.5, steps=17, fault="dead-bias").diagnose()
    assert first.message == (
        "from step 0 on, most ReLUs of the first layer fired on no example"
        " (100% at step 16): they pass back no gradient"
    )


def test_a_loss_that_stops_being_finite_is_a_step_too_large():
    monitor = train(lr=0.05, steps=6, blowup=3)
    assert monitor.history[3].loss == math.inf
    assert monitor.diagnose() == [
        Finding(
            "lr-too-high",
            3,
            None,
            "at step 3 the loss was inf: the steps grew until it overflowed",
        )
    ]
    assert "(highest inf)" in monitor.describe()
    assert html(monitor.plot(), alt=monitor.describe())  # draws, with a gap in the loss


def test_a_loss_that_jumps_tenfold_is_a_step_too_large():
    quiet = [Reading(1.0, update=0.1)]
    history = [Step(1.0, quiet), Step(0.8, quiet), Step(7.9, quiet), Step(0.5, quiet)]
    assert mon.lr_too_high(history) == []
    history[2].loss = 8.1  # 10.1 times the step before
    ((step, layer, message),) = mon.lr_too_high(history)
    assert (step, layer) == (2, None)
    assert message == "at step 2 the loss jumped 10.1× in one step, from 0.8 to 8.1"


def test_dead_relus_must_stay_dead_for_the_last_two_walks():
    def history(dead):
        steps = [Step(1.0, [Reading(1.0)]) for _ in range(len(dead))]
        for step, fraction in zip(steps, dead):
            step.leftover, step.layers[0].dead = 0.0, fraction
        return steps

    assert mon.dead_relu(history([0.9])) == []  # too few walks to tell
    assert mon.dead_relu(history([0.9, 0.9, 0.5, 0.9])) == []  # half is not most
    ((step, layer, _),) = mon.dead_relu(history([0.2, 0.75, 0.9, 0.6, 0.9]))
    assert (step, layer) == (1, 0)  # dead since the second walk


# --- healthy runs: nothing to say --------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_demos_schedule_is_healthy(seed):
    monitor = train(lr=linear_schedule(1.0, 0.1, 100), steps=100, n=50, seed=seed)
    assert monitor.diagnose() == []


@pytest.mark.parametrize(
    ("lr", "sizes", "seed"),
    [
        (0.01, (8, 8, 1), 0),
        (0.05, (16, 16, 1), 1),
        (0.1, (8, 1), 2),
        (0.3, (8, 8, 1), 3),
        (0.5, (16, 16, 1), 4),
        (0.5, (8, 1), 5),
    ],
)
def test_ordinary_rates_are_healthy(lr, sizes, seed):
    assert train(lr=lr, sizes=sizes, seed=seed, steps=30).diagnose() == []


def test_gradients_reset_by_hand_are_not_stale():
    monitor = train(lr=0.2, steps=12, fault="by-hand")
    assert max(s.leftover for s in monitor.history if s.leftover is not None) < 1e-12
    assert monitor.diagnose() == []


# --- the figure, the concepts, bad input -------------------------------------------------


def test_the_figure_has_a_panel_per_instrument_and_the_guideline():
    monitor = train(lr=0.3, steps=9)
    figure = monitor.plot()
    titles = [p.title for p in figure.plots]
    assert titles == ["loss", "gradient", "update / weights", "dead ReLUs"]
    assert [p.logy for p in figure.plots] == [True, True, True, False]
    update = figure.plots[2]
    guide = update.marks[0]
    assert (guide.label, guide.ys, guide.dash) == ("guide", [1e-3, 1e-3], "6 4")
    assert [m.label for m in update.marks[1:]] == [
        "first layer",
        "second layer",
        "third layer",
    ]
    assert [p.xlim for p in figure.plots] == [(0, 8)] * 4  # every panel: steps 0 to 8
    # the dead ReLUs of the hidden layers, at the steps whose graph was walked
    dead = figure.plots[3]
    assert [(m.label, m.xs) for m in dead.marks] == [
        ("first layer", [0, 1, 8]),
        ("second layer", [0, 1, 8]),
    ]
    markup = html(figure, alt=monitor.describe())
    root = ET.fromstring(markup)
    assert (
        root.get("role") == "img"
        and len(list(root.iter("{http://www.w3.org/2000/svg}svg"))) == 4
    )


def test_the_description_says_what_the_panels_show():
    said = train(lr=0.3, steps=9).describe()
    assert said.startswith("Four panels against 9 steps. The loss goes from")
    assert "The first layer: gradient norm" in said
    assert "dead ReLUs" in said and "Diagnosis: nothing wrong found." in said
    uphill = train(lr=0.1, steps=4, fault="uphill").describe()
    assert "Diagnosis: at step 0 the parameters moved along their gradient" in uphill


def test_every_concept_is_in_the_registry_with_graded_hints():
    assert set(mon.CONCEPTS) == set(PLANTED)
    for concept in mon.CONCEPTS:
        assert len(CONCEPTS[concept].hints) == 3


def test_bad_use_gets_a_clear_error():
    model = MLP(2, [3, 1], seed=0)
    monitor = Monitor(model)
    with pytest.raises(TypeError, match="record\\(\\) needs the loss Value, got float"):
        monitor.record(1.5)
    with pytest.raises(ValueError, match="call loss.backward\\(\\) first"):
        monitor.record(model([1.0, 2.0]))
    with pytest.raises(TypeError, match="Monitor watches a Module, got list"):
        Monitor([Value(1.0)])
    assert Monitor(model).diagnose() == []
    assert "No step recorded yet" in Monitor(model).describe()

"""The nn library: structure, initialisation and seeding. That the network learns the
moons (100% after 100 steps, the loss from above 0.05 to below it) is asserted where a
reader sees it: the page "Training the MLP" (docs/05-full-picture/training-the-mlp.md)."""

import random
from itertools import pairwise

import pytest

from micrograd.engine import Value
from micrograd.nn import MLP, Layer, Neuron


def test_parameter_count():
    sizes = [2, 16, 16, 1]
    expected = sum((nin + 1) * nout for nin, nout in pairwise(sizes))  # weights + bias
    assert len(MLP(2, [16, 16, 1]).parameters()) == expected == 337
    assert len(Neuron(5).parameters()) == 6
    assert len(Layer(3, 4).parameters()) == 16


def test_parameters_are_each_neurons_weights_then_bias_layer_by_layer():
    model = MLP(3, [4, 2, 1], seed=7)
    expected = [p for layer in model.layers for n in layer.neurons for p in n.w + [n.b]]
    assert [id(p) for p in model.parameters()] == [id(p) for p in expected]
    # The weights were drawn in that same order: uniform(-1, 1), nin per neuron, bias 0.
    rng = random.Random(7)
    drawn = []
    for nin, nout in [(3, 4), (4, 2), (2, 1)]:
        for _ in range(nout):
            drawn += [rng.uniform(-1, 1) for _ in range(nin)] + [0.0]
    assert [p.data for p in model.parameters()] == drawn


def test_weights_uniform_in_minus_one_one_and_biases_zero():
    model = MLP(10, [50, 50, 1], seed=0)
    weights = [w for layer in model.layers for n in layer.neurons for w in n.w]
    biases = [n.b for layer in model.layers for n in layer.neurons]
    data = [w.data for w in weights]
    assert all(-1 <= x <= 1 for x in data)
    assert min(data) < -0.99 and max(data) > 0.99
    assert abs(sum(data) / len(data)) < 0.05
    assert all(b.data == 0.0 for b in biases)


def test_hidden_layers_are_relu_and_the_last_layer_is_linear():
    model = MLP(2, [8, 8, 1], seed=3)
    assert [[n.nonlin for n in layer.neurons] for layer in model.layers] == [
        [True] * 8
    ] * 2 + [[False]]
    grid = [[x / 2, y / 2] for x in range(-6, 7) for y in range(-6, 7)]
    hidden = [v.data for point in grid for v in model.layers[0](point)]
    assert min(hidden) == 0.0  # ReLU clips at 0 ...
    assert max(hidden) > 0.0
    outputs = [model(point).data for point in grid]
    assert min(outputs) < 0.0 < max(outputs)  # ... the last layer does not


def test_a_neuron_computes_its_weighted_sum():
    n = Neuron(2, nonlin=False, seed=0)
    n.w[0].data, n.w[1].data, n.b.data = 2.0, -1.0, 0.5
    assert n([3.0, 4.0]).data == 2.0 * 3.0 - 4.0 + 0.5
    n.nonlin = True
    assert n([-3.0, 4.0]).data == 0.0  # relu(-9.5)


def test_a_one_neuron_layer_returns_a_value_a_wider_one_a_list():
    assert isinstance(Layer(3, 1)([1.0, 2.0, 3.0]), Value)
    out = Layer(3, 4)([1.0, 2.0, 3.0])
    assert (
        isinstance(out, list)
        and len(out) == 4
        and all(isinstance(v, Value) for v in out)
    )
    assert isinstance(MLP(3, [4, 1])([1.0, 2.0, 3.0]), Value)


def data(model):
    return [p.data for p in model.parameters()]


def test_seed_and_rng_make_initialisation_reproducible():
    assert data(MLP(2, [4, 1], seed=5)) == data(MLP(2, [4, 1], seed=5))
    assert data(MLP(2, [4, 1], seed=5)) != data(MLP(2, [4, 1], seed=6))
    assert data(MLP(2, [4, 1], rng=random.Random(5))) == data(MLP(2, [4, 1], seed=5))
    assert [w.data for w in Neuron(3, seed=1).w] == [
        w.data for w in Neuron(3, seed=1).w
    ]
    with pytest.raises(ValueError, match="seed or rng"):
        MLP(2, [4, 1], seed=1, rng=random.Random(1))


def test_without_a_seed_the_global_random_generator_is_used():
    random.seed(42)
    first = data(MLP(2, [4, 1]))
    random.seed(42)
    assert data(MLP(2, [4, 1])) == first
    assert data(MLP(2, [4, 1], seed=42)) == first  # same draws as random.seed(42)
    assert data(MLP(2, [4, 1])) != first  # and the global state moved on


def test_zero_grad():
    model = MLP(2, [3, 1], seed=0)
    model([1.0, -2.0]).backward()
    assert any(p.grad != 0.0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


@pytest.mark.parametrize("x", [[1.0], [1.0, 2.0, 3.0]])
def test_wrong_input_length_is_an_error_naming_both_lengths(x):
    with pytest.raises(ValueError, match=rf"2 inputs, got {len(x)}"):
        MLP(2, [3, 1], seed=0)(x)


def test_repr_shows_the_structure():
    assert repr(MLP(2, [2, 1], seed=0)) == (
        "MLP of [Layer of [ReLUNeuron(2), ReLUNeuron(2)], Layer of [LinearNeuron(2)]]"
    )


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: MLP(2, []), "at least one layer"),
        (lambda: MLP(2, [0, 1]), r"nouts\[0\] must be at least 1, got 0"),
        (lambda: MLP(2, [16, -3, 1]), r"nouts\[1\] must be at least 1, got -3"),
        (lambda: MLP(0, [4, 1]), "nin must be at least 1, got 0"),
        (lambda: MLP(-2, [1]), "nin must be at least 1, got -2"),
        (lambda: Layer(3, 0), "nout must be at least 1, got 0"),
        (lambda: Layer(0, 2), "nin must be at least 1, got 0"),
        (lambda: Neuron(0), "nin must be at least 1, got 0"),
    ],
)
def test_sizes_must_be_positive(build, message):
    with pytest.raises(ValueError, match=message):
        build()


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: MLP(2, 16), "nouts must be a list of layer sizes, such as"),
        (lambda: MLP(2, None), "nouts must be a list of layer sizes"),
        (lambda: MLP(2, "16"), "nouts must be a list of layer sizes"),
        (lambda: MLP(2, [16.0, 1]), r"nouts\[0\] must be a whole number, got float"),
        (lambda: MLP(2.5, [1]), "nin must be a whole number, got float"),
        (lambda: Layer(3, "4"), "nout must be a whole number, got str"),
        (lambda: Neuron(True), "nin must be a whole number, got bool"),
        (lambda: Neuron(None), "nin must be a whole number, got NoneType"),
    ],
)
def test_sizes_must_be_whole_numbers(build, message):
    with pytest.raises(TypeError, match=message):
        build()


def test_sizes_may_be_any_integer_type_and_nouts_any_sequence():
    import numpy as np

    model = MLP(np.int64(2), (np.int64(3), 1), seed=0)
    assert len(model.parameters()) == 3 * 3 + 4
    assert len(MLP(2, range(1, 3), seed=0).parameters()) == 3 + 2 * 2


NOT_SEQUENCES = {
    "dict": lambda: {0: 1.0, 1: 2.0},  # would give its keys
    "generator": lambda: (x for x in [1.0, 2.0]),
    "str": lambda: "ab",
    "NoneType": lambda: None,
    "set": lambda: {1.0, 2.0},  # has no order
    "bytes": lambda: b"ab",
}


@pytest.mark.parametrize("type_name", NOT_SEQUENCES)
@pytest.mark.parametrize(
    "model", [MLP(2, [3, 1], seed=0), Layer(2, 3), Neuron(2)], ids=repr
)
def test_inputs_that_are_not_a_sequence_are_a_type_error(model, type_name):
    with pytest.raises(TypeError, match=rf"inputs must be a sequence.*got {type_name}"):
        model(NOT_SEQUENCES[type_name]())


@pytest.mark.parametrize(
    "x, type_name",
    [([1.0, None], "NoneType"), ([1.0, "2"], "str"), ([[1.0], 2], "list")],
)
def test_inputs_that_are_not_numbers_name_their_type(x, type_name):
    with pytest.raises(TypeError, match=f"real number, got {type_name}"):
        MLP(2, [3, 1], seed=0)(x)


def test_inputs_may_be_lists_tuples_arrays_or_values():
    import numpy as np

    model = MLP(2, [3, 1], seed=0)
    expected = model([1.0, -2.0]).data
    for x in [(1.0, -2.0), np.array([1.0, -2.0]), [Value(1.0), Value(-2.0)], [1, -2]]:
        assert model(x).data == expected

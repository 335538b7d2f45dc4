"""The course's vocabulary of mistakes: one entry per concept id, the one source for the
checker's reports, the docs' table, the page's pitfall marks and the tutor prompt.

Each concept has a title, the lesson section that teaches it (a path of the site, with its
heading's anchor) and graded hints: the first a question, the next where to look, the
last the rule in words; never code. A ``fallback`` concept is named when no specific
mistake is recognised, or by the checker itself (an error, a time limit).
"""

import re
from dataclasses import dataclass

SITE = "https://micrograd-course.github.io/micrograd-course/"


@dataclass(frozen=True)
class Concept:
    id: str
    title: str
    lesson: str  # the section that teaches it: "02-value/backpropagation/#why"
    hints: tuple = ()
    fallback: bool = False


class UnknownConcept(ValueError):
    """Concept ids that are not in the registry, and where they come from."""


def check_known(ids, where):
    """Raise :class:`UnknownConcept`, naming them and ``where`` they come from, if any of
    ``ids`` is not in the registry."""
    unknown = [i for i in dict.fromkeys(ids) if i not in CONCEPTS]
    if unknown:
        raise UnknownConcept(
            f"{where}: unknown concept id{'s' * (len(unknown) > 1)} "
            f"{', '.join(map(repr, unknown))}: not in micrograd/check/concepts.py"
        )


def lesson_url(concept):
    return SITE + concept.lesson


def markdown_path(concept):
    """The lesson as the path of its Markdown file under docs/, with the anchor."""
    return page_path(concept.lesson)


def page_path(lesson):
    """A site path (``02-value/backpropagation/#why``) as the path of its Markdown file
    under docs/, with the anchor."""
    page, _, anchor = lesson.partition("#")
    page = page.rstrip("/")
    page = f"{page}/index.md" if "/" not in page else f"{page}.md"
    return f"{page}#{anchor}" if anchor else page


def table(docs="../"):
    """The concepts as a Markdown table, for a page ``docs`` away from docs/."""
    rows = ["| Id | What it is about | Taught in |", "| --- | --- | --- |"]
    for c in CONCEPTS.values():
        page = c.lesson.split("#")[0].strip("/").split("/")[-1].replace("-", " ")
        rows.append(f"| `{c.id}` | {c.title} | [{page}]({docs}{markdown_path(c)}) |")
    return "\n".join(rows)


def _parse(text):
    """Entries: a line ``id: title`` (``id (fallback): title``), then, indented, the
    lesson and the numbered hints (a hint may go on over more indented lines)."""
    for entry in re.split(r"\n(?=\S)", text.strip()):
        head, lesson, *rest = entry.splitlines()
        key, _, title = head.partition(": ")
        hints = re.split(r"\n\s*\d\. ", "\n" + "\n".join(rest))[1:]
        yield Concept(
            key.removesuffix(" (fallback)"),
            title,
            lesson.strip(),
            tuple(" ".join(h.split()) for h in hints),
            key.endswith(" (fallback)"),
        )


CONCEPTS = {
    c.id: c
    for c in _parse(
        """
not-implemented (fallback): A piece is not written yet
    exercises/#run-the-checker
cannot-load (fallback): The file could not be checked
    exercises/#exit-status
error (fallback): Your code raised an exception
    exercises/#when-your-code-raises-an-error
    1. Which line of your file does the error point to, and what was the example doing when
       it ran?
    2. Run the example yourself and print the values on that line just before it.
    3. Read the error's last line: it names what Python could not do (an attribute that does
       not exist, two types it cannot combine...).
timeout (fallback): Your code did not finish in time
    exercises/#time-and-memory
    1. Is there a loop whose condition never changes, or a walk through the graph that keeps
       coming back to nodes it has seen?
    2. Run the example yourself and interrupt it (Ctrl-C): the traceback shows where it was.
    3. Every loop must make progress towards its end; a walk through the graph must remember
       the nodes it has visited.
slow (fallback): Your code is slow
    exercises/#time-and-memory
    1. Every example finished, but they took long together: does your code redo work it has
       already done?
    2. Time one example yourself; if it is only slow, the command line allows more time
       with --timeout.
    3. A backward pass visits each node once; building a topological order is one walk
       through the graph.
memory (fallback): Your code used too much memory
    exercises/#time-and-memory
    1. Does a list or a graph keep growing, step after step?
    2. Look for things kept from earlier steps, such as whole Values where a number would
       do.
    3. Keep numbers (.data), not Values, of what you record; on the command line,
       --memory sets the limit.
own-code: The exercise is to write this yourself
    exercises/#the-exercises
    1. Is the class or function the checker found written in your file, or is it the
       course's own?
    2. Look at your imports: importing, renaming or subclassing the course's version does
       not count.
    3. Write the piece yourself from the starter file; helper modules of your own are fine.
value-fields: A Value holds its number and its gradient
    02-value/wrapping-scalars/#what-a-value-stores
    1. What does a new Value need to remember, before any operation runs?
    2. Look at __init__: what are .data and .grad set to?
    3. .data is the number given; .grad starts at 0, because nothing has flowed back yet.
returns-value: Every result is a new Value
    02-value/wrapping-scalars/#operator-overloading-builds-the-graph
    1. What would backward() need from the result of an operation, that a plain number (or
       a list) does not have?
    2. Look at what your operation returns, and whether it changes its inputs.
    3. Each operation returns a new Value that remembers its inputs; the inputs stay as they
       were. Numbers taken from .data have no graph behind them.
forward-pass (fallback): An operation computes the wrong number
    02-value/wrapping-scalars/#tracing-a-forward-pass
    1. Which number should the output hold, computed by hand from the inputs?
    2. Look at the line that computes the output's .data.
    3. The output's data is the operation applied to the inputs' data: a + b, a * b, a to
       the n, tanh, e to the x, or the input itself when positive and 0 otherwise.
number-operands: A plain number on the right
    02-value/wrapping-scalars/#operator-overloading-builds-the-graph
    1. In a + 1, what is `other`, and does it have a .data?
    2. Look at the start of __add__ and __mul__.
    3. When the other operand is a plain number, turn it into a Value first.
reflected-operators: A plain number on the left
    02-value/wrapping-scalars/#numbers-on-the-left-reflected-operations
    1. For 1 + a, which object does Python ask first, and which one next?
    2. Look for the reflected methods, __radd__ and __rmul__ (and __rsub__ where a number
       is subtracted), and at what they return.
    3. Python first asks the number, which cannot add a Value, then the Value's reflected
       method, with the Value as self and the number as other: 1 + a must build the same
       graph as a + 1, and 1 - a must still compute 1 - a.
backward-pass (fallback): backward() must fill in every gradient
    02-value/backpropagation/#three-rules-for-backward
    1. After backward(), which gradients should be set, and to what?
    2. Look at backward(): what it sets first, and which nodes it visits.
    3. backward() sets the output's gradient to 1, then visits every node so that each
       passes its gradient on to its inputs.
seed-gradient: backward() starts with a gradient of 1 at the output
    02-value/backpropagation/#three-rules-for-backward
    1. What is the derivative of the output with respect to itself?
    2. Look at the first thing backward() does, before walking the graph.
    3. The chain rule multiplies gradients: unless the output's own gradient is set to 1
       before the walk, only zeros flow back.
local-derivative:add: The local derivative of +
    02-value/backpropagation/#the-chain-rule-one-node-at-a-time
    1. When a or b moves by a little, how much does a + b move?
    2. Look at what your + records for backward(): the number each input's gradient is
       multiplied by. Work it out on paper at the example's numbers.
    3. d(a + b)/da = 1 and d(a + b)/db = 1: both inputs receive the output's gradient as it
       is.
local-derivative:mul: The local derivative of *
    02-value/backpropagation/#the-chain-rule-one-node-at-a-time
    1. When a moves by a little, how much does a * b move?
    2. Look at what your * records for backward(): the number each input's gradient is
       multiplied by. Work it out on paper at the example's numbers.
    3. d(a * b)/da = b and d(a * b)/db = a: each input's local derivative is the other
       input's value.
local-derivative:pow: The local derivative of **
    01-big-picture/derivatives/#a-function-and-its-slope
    1. What does the power rule say about the derivative of x to the n?
    2. Look at what your ** records for backward(): the number each input's gradient is
       multiplied by. Work it out on paper at the example's numbers.
    3. The power rule: the derivative of x to the n is n times x to the n - 1, at every x
       and for every n, negative and fractional too.
local-derivative:tanh: The local derivative of tanh
    02-value/more-operations/#the-local-derivatives
    1. Can the derivative of tanh be written with its output t alone?
    2. Look at what your tanh records for backward(): the number each input's gradient is
       multiplied by. Work it out on paper at the example's numbers.
    3. With t = tanh(x), the derivative is 1 - t squared: one minus the output squared.
local-derivative:exp: The local derivative of exp
    02-value/more-operations/#the-local-derivatives
    1. Which function is its own derivative?
    2. Look at what your exp records for backward(): the number each input's gradient is
       multiplied by. Work it out on paper at the example's numbers.
    3. e to the x is its own derivative: the local derivative of exp is its output.
local-derivative:relu: The local derivative of relu
    02-value/more-operations/#the-local-derivatives
    1. What is the slope of relu left of 0, right of 0, and at exactly 0?
    2. Look at what your relu records for backward(): the number each input's gradient is
       multiplied by. Work it out on paper at the example's numbers.
    3. relu's slope is 1 where the input is positive and 0 elsewhere, 0 included (the
       course's convention, as in micrograd and PyTorch).
chain-rule: Multiply by the output's gradient
    02-value/backpropagation/#the-chain-rule-one-node-at-a-time
    1. If the output of this operation is used further on, what else must an input's
       gradient depend on?
    2. Look at the line that adds to an input's gradient: what is the local derivative
       multiplied by?
    3. The chain rule: an input's gradient gets the local derivative times the gradient of
       the node that uses it.
reverse-order: Walk the graph from the output back
    02-value/backpropagation/#what-each-broken-rule-does
    1. When a node passes its gradient on, has it received its own yet?
    2. Look at the order in which backward() visits the nodes.
    3. A topological order lists each node after its inputs; backward() must go through it
       reversed, from the output back to the leaves.
grad-accumulation: A value used twice collects both gradients
    02-value/backpropagation/#what-each-broken-rule-does
    1. When one value feeds two operations, how many contributions does its gradient
       receive?
    2. Look at how gradients are written to .grad: replaced, or added to?
    3. Every contribution is added (+=), never assigned: a value used twice gets the sum of
       both.
topological-order: Each node passes its gradient on once, when complete
    02-value/backpropagation/#three-rules-for-backward
    1. When may a node pass its gradient on: before or after every node that uses it is
       done?
    2. Look at how backward() orders the nodes, and whether it remembers which ones it has
       visited.
    3. List each node after all its inputs (a depth-first walk with a visited set), then go
       through the list reversed: each node runs once, after all its users.
gradient (fallback): The gradients are wrong
    02-value/more-operations/#checking-every-rule-numerically
    1. Each operation passed alone: what changes when they are combined?
    2. Compare your gradients with numerical ones (micrograd.gradcheck) on the example.
    3. Every gradient is the sum, over every path to the output, of the products of the
       local derivatives along the path.
extra-operation: An extra operation is wrong
    02-value/more-operations/#more-operations
    1. Which operations is this one built from, and are those right?
    2. Work the example out by hand: the output, then each input's gradient.
    3. d(a - b) is 1 and -1; d(-a) is -1; d(a / b) is 1 / b and -a / b squared.
neuron-weights: One weight per input and a bias, each a Value
    03-neural-network/neuron/#the-model
    1. How many weights does a neuron with nin inputs have, where are they and its bias
       kept, and what kind of object is each?
    2. Look at __init__: n.w, a list, and n.b.
    3. Neuron(nin) keeps nin weights in the list n.w and one bias n.b, each a Value of its
       own, so that each can have a gradient.
weight-init: Weights start random, between -1 and 1
    03-neural-network/neuron/#the-model
    1. From which range should each starting weight be drawn, and what would the neurons
       learn if every weight started the same?
    2. Look at how __init__ makes each weight.
    3. Draw each weight, separately, uniformly between -1 and 1.
bias-init: The bias starts at 0
    03-neural-network/neuron/#what-the-parameters-mean
    1. What does the starter's contract say the bias starts at?
    2. Look at how __init__ makes the bias.
    3. The weights start random; the bias starts at 0, as in micrograd.
symmetry: Neurons must not start identical
    03-neural-network/module-pattern/#seeded-initialisation
    1. If two neurons start with the same weights, what do they compute, and what gradients
       do they get?
    2. Look at how your neurons get their start values: a fixed seed, or one neuron
       repeated?
    3. Neurons that start identical stay identical forever: each needs its own random
       weights.
neuron-bias: Add the bias
    03-neural-network/neuron/#the-model
    1. Where does the bias go in what a neuron computes?
    2. Look at the sum in __call__.
    3. A neuron computes the weighted sum of its inputs plus its bias, then the activation.
bias-before-activation: Add the bias before the activation
    03-neural-network/neuron/#the-model
    1. In what order do the sum, the bias and ReLU come?
    2. Look at where the bias is added in __call__.
    3. ReLU applies to w·x + b, the bias included: relu(w·x + b), not relu(w·x) + b.
activation: ReLU where it belongs
    03-neural-network/neuron/#relu-tanh-or-nothing
    1. Which activation does this exercise ask for, and when?
    2. Look at what __call__ applies, and how it uses nonlin.
    3. With nonlin=True a neuron applies ReLU (negative sums become 0); with nonlin=False it
       returns w·x + b unchanged.
nonlin-argument: Pass nonlin on
    03-neural-network/layers-and-mlps/#why-the-last-layer-is-linear
    1. Which argument tells a neuron, or a layer, whether to apply ReLU?
    2. Look at the parameters of __init__.
    3. Neuron(nin, nonlin=True) and Layer(nin, nout, nonlin=True): a layer hands nonlin to
       each neuron it makes.
neuron-forward (fallback): The neuron's output is wrong
    03-neural-network/neuron/#the-model
    1. What is w·x + b for the example, by hand?
    2. Look at __call__: each weight times its own input.
    3. Multiply each input by its weight, add the products and the bias, then apply ReLU
       when nonlin is True.
graph-broken: Compute with the Values themselves
    01-big-picture/what-is-micrograd/#a-graph-recorded-as-you-compute
    1. Does backward() know how your result was computed?
    2. Look for .data in your computation: a number taken from .data has no graph behind it.
    3. Compute with Value operations on the Values themselves, so that the graph reaches
       every parameter and input.
parameters: parameters() lists the model's own Values, once each
    03-neural-network/module-pattern/#one-base-class
    1. Which Values does training change, and how does it find them?
    2. Look at parameters(): is every weight and bias there, once, and the Value itself,
       not a list that holds it?
    3. parameters() returns one flat list of the very Value objects of the model, each
       once: a parameter missing is never trained, a copy is trained in vain.
parameter-order: Parameters in the standard order
    03-neural-network/module-pattern/#one-base-class
    1. In which order does micrograd list a neuron's, a layer's, a network's parameters?
    2. Look at the order parameters() builds its list in.
    3. Weights, then the bias, neuron by neuron, layer by layer: the order matters when
       parameters are saved, loaded or compared.
layer-size: A layer has nout neurons of nin inputs
    03-neural-network/layers-and-mlps/#a-layer-neurons-side-by-side
    1. In Layer(nin, nout), which number counts the neurons?
    2. Look at how __init__ makes the list layer.neurons.
    3. nout neurons side by side, each reading the same nin inputs.
layer-sizes: Each layer reads what the one before outputs
    03-neural-network/layers-and-mlps/#an-mlp-layers-in-a-row
    1. How many inputs does the second layer read?
    2. Look at the sizes you give each Layer.
    3. The first layer reads the nin inputs; every other layer reads as many inputs as the
       layer before has neurons.
layer-count: One layer per entry of nouts, in model.layers
    03-neural-network/layers-and-mlps/#an-mlp-layers-in-a-row
    1. How many layers does MLP(2, [4, 3, 1]) have, and how many neurons has each?
    2. Look at the loop that makes the layers, its first and its last turn, and at where
       the network keeps them.
    3. nouts lists every layer's number of neurons, the last layer's included: one layer
       per entry, kept in order in the list model.layers.
layer-output: What a layer returns
    03-neural-network/layers-and-mlps/#a-layer-neurons-side-by-side
    1. What should layer(x) give for a layer of several neurons, and of one?
    2. Look at what the layer's __call__ gives back.
    3. A list of its neurons' outputs, or the single output itself when there is one neuron.
last-layer-linear: The last layer is linear
    03-neural-network/layers-and-mlps/#why-the-last-layer-is-linear
    1. Can a score be negative if the last layer applies ReLU?
    2. Look at the nonlin each layer gets.
    3. Hidden layers apply ReLU; the last one does not, so that scores can be negative for
       one class and positive for the other.
mlp-forward (fallback): The network's output is wrong
    03-neural-network/layers-and-mlps/#tracing-a-forward-pass
    1. Does each layer get the output of the one before?
    2. Look at the network's __call__.
    3. Feed x to the first layer, its output to the next, and so on; return the last layer's
       output.
loss-sign: The sign of y·s
    04-training/loss-functions/#the-hinge-loss
    1. Should a point on the right side, with a large y·s, cost more or less?
    2. Look at the sign in front of y·s.
    3. Each example costs relu(1 - y·s): the cost falls as y·s grows.
loss-clamp: Points beyond the margin cost 0
    04-training/loss-functions/#the-hinge-loss
    1. What should a point on the right side by more than the margin cost?
    2. Look at how the cost is kept from going below 0: with a comparison, max(), or relu()?
    3. The cost is relu(1 - y·s): never below 0. Values cannot be compared, and relu keeps
       the graph.
loss-margin: The margin is 1
    04-training/loss-functions/#the-hinge-loss
    1. Should a score of 0.001 on the right side cost nothing?
    2. Look at the number the cost starts from.
    3. The cost is relu(1 - y·s): a point must be on the right side by at least 1 to cost
       nothing.
loss-mean: The mean over the examples
    04-training/loss-functions/#the-hinge-loss
    1. Should the loss grow when the data set grows?
    2. Look at what the sum of the costs is divided by.
    3. The loss is the sum of the costs divided by their number, the number of examples
       given, whatever it is.
loss-value (fallback): The hinge loss gives a wrong number
    04-training/loss-functions/#the-hinge-loss
    1. What does each example cost, by hand?
    2. Compute relu(1 - y·s) for each example of the checker's, then the mean.
    3. Each example costs relu(1 - y·s); the loss is their mean.
l2-square: Square each parameter
    04-training/loss-functions/#l2-regularization
    1. Should a weight of -2 be pulled towards 0 as much as a weight of 2?
    2. Look at what is summed over the parameters.
    3. The penalty is alpha times the sum of the squares of the parameters.
l2-alpha: Multiply by alpha
    04-training/loss-functions/#l2-regularization
    1. What sets how strongly the penalty counts?
    2. Look at what the sum of squares is multiplied by.
    3. The penalty is alpha times the sum of squares: not halved, not without alpha.
l2-sum: The sum over the parameters
    04-training/loss-functions/#l2-regularization
    1. Should the penalty of a big model be divided by its size?
    2. Look at whether the squares are added up or averaged.
    3. Add up the squares of all the parameters, without dividing.
l2-value (fallback): The L2 penalty gives a wrong number
    04-training/loss-functions/#l2-regularization
    1. What is the penalty of the example, by hand?
    2. Square each parameter, add them up, multiply by alpha.
    3. The penalty is alpha times the sum of the squared parameters.
zero-grad: Reset the gradients each step
    03-neural-network/module-pattern/#gradients-accumulate
    1. backward() adds to .grad: what happens to last step's gradients?
    2. Look for where, in a step, the gradients go back to 0.
    3. Each step: forward, then zero_grad, then backward, then the update, so that every
       update uses this step's gradients alone.
update-order: One order in every step
    04-training/training-loop/#why-this-order
    1. When your update runs, which gradients does it see?
    2. Look at the order of the lines in one step.
    3. Forward (scores, then the loss), zero_grad, backward, update: the update comes last,
       with the gradients backward() just computed.
forward-each-step: A forward pass in every step
    04-training/training-loop/#four-moves-again-and-again
    1. After an update, which loss does the next step's backward() work on?
    2. Look at where the scores and the loss are computed: inside the loop?
    3. Each step computes the scores and the loss again, with the parameters as they are
       now, then backward on that loss.
update-direction: Step against the gradient
    04-training/gradient-descent/#the-update-step
    1. The gradient points to where the loss grows: which way should a step go?
    2. Look at the sign in your update.
    3. Gradient descent moves each parameter by minus the learning rate times its gradient.
learning-rate: Use the learning rate
    04-training/gradient-descent/#the-update-step
    1. How big should one step be?
    2. Look at what the gradient is multiplied by in your update.
    3. Each parameter moves by minus lr times its gradient.
update-in-place: Change the model's own parameters
    04-training/gradient-descent/#the-update-step
    1. After your update, does the model see the new numbers?
    2. Look at what your update assigns to: a name, or .data?
    3. Giving the loop's name a new Value leaves the model as it was: change the .data of
       every parameter the model lists.
loss-penalty: The loss the exercise asks for
    04-training/training-loop/#one-loss-one-backward
    1. Is your loss exactly the one the contract asks for, or something more?
    2. Look at what is added to the hinge loss.
    3. This exercise trains on the mean hinge loss alone: an extra term (such as an L2
       penalty) changes every loss and every step.
loss-history: One loss per step, as a number
    04-training/training-loop/#the-loss-curve
    1. Which loss of a step should be recorded, and as what?
    2. Look at what you append to the list, and when.
    3. Record loss.data, the number, of the loss backward() was called on, once per step,
       and return the list.
training-loop (fallback): The losses differ from a correct run
    04-training/training-loop/#four-moves-again-and-again
    1. The first loss is right: what happens between two steps?
    2. Look at one step, line by line.
    3. Forward, zero_grad, backward, then the update: every parameter moves by -lr times its
       gradient.
lr-too-high: Steps too large for the loss
    05-full-picture/when-training-goes-wrong/#steps-too-large
    1. How far did one update move the weights, compared with their own size?
    2. Look at the update ratio in the first steps, and at the loss: does it leap up, or stop
       being a number?
    3. Lower the learning rate, by a factor of 3 to 10 at a time, until the loss falls
       steadily and no update comes near the size of the weights; a schedule may start high
       and fall.
lr-too-low: Steps too small to move the loss
    05-full-picture/when-training-goes-wrong/#steps-too-small
    1. At this rate, how many steps would the weights need to move by a tenth of their size?
    2. Look at the update ratio of every layer, and at how far the loss moved in the whole
       run.
    3. Raise the learning rate, by a factor of 3 to 10 at a time, until the loss moves within
       the run's steps; stop before it jumps.
dead-relu: ReLUs that never fire
    05-full-picture/when-training-goes-wrong/#dead-relus
    1. For how many examples is each hidden unit's weighted sum positive?
    2. Look at the dead fraction of each layer, and at what put the units there: the
       starting biases and weights, or one huge update.
    3. A ReLU that is negative on every example outputs 0 and passes back no gradient, so
       training cannot revive it: start biases at 0 and weights small, and keep the steps
       small enough not to push units off.
stale-grad: Gradients left over from earlier steps
    05-full-picture/when-training-goes-wrong/#gradients-left-over
    1. The backward pass adds to the gradients: what is already in them when it starts?
    2. Look for where, in each step, every gradient goes back to 0 before the backward pass.
    3. Reset every gradient to 0 once per step, before the backward pass, so that each update
       uses the gradient of this step's loss alone.
diagnosis: Name the cause the instruments show
    exercises/diagnosis/#read-the-panels-first
    1. Which panel looks least like the healthy run's, and from which step?
    2. Compare each panel with the healthy run's: the loss, the gradient, the update ratio
       against the guideline, the dead ReLUs; then read what diagnose() prints.
    3. Each cause leaves its own mark: an update ratio near 1 (steps too large) or far below
       the guideline (too small), a dead fraction above one half, gradients that grow,
       a loss that rises from the start, or healthy instruments with a low accuracy.
wrong-labels: Labels in the form the loss expects
    05-full-picture/when-training-goes-wrong/#what-the-instruments-cannot-see
    1. What does the hinge loss ask of a point whose label is 0?
    2. Look at the labels the loss is given, and at what relu(1 - label * score) is when
       the label is 0.
    3. The hinge loss wants labels -1 and +1: with a label of 0 a point costs 1 whatever its
       score and passes back no gradient, so the model never learns that class.
changed-data: Keep the run's data
    exercises/diagnosis/#what-a-fix-may-change
    1. Is the run you fixed still trained on the same points, with the same classes?
    2. Compare the lines that make X and y with the starter's.
    3. A fix changes the cause and nothing else: the same data, the same model, the same
       number of steps, so that the run shows what the fix did.
changed-model: Keep the model's size
    exercises/diagnosis/#what-a-fix-may-change
    1. Does your fixed run train the same network as the broken one?
    2. Compare the line that makes the model with the starter's.
    3. A fix changes the cause and nothing else: a bigger or smaller network hides what the
       fault did instead of removing it.
changed-steps: Keep the number of steps
    exercises/diagnosis/#what-a-fix-may-change
    1. Did your fixed run take as many recorded steps as the broken one?
    2. Compare the loop's range, and where monitor.record(loss) is called, with the
       starter's.
    3. The target is set for the run's number of steps, each one recorded once: more steps
       would hide a fault that only slows training.
"""
    )
}

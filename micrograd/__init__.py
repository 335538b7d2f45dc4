"""micrograd: a scalar autograd engine and a tiny neural-network library.

>>> from micrograd import Value
>>> x = Value(3.0)
>>> y = x * x + x
>>> y.backward()
>>> x.grad
7.0

The rest lives in submodules: ``micrograd.nn`` (neurons, layers, MLPs),
``micrograd.losses``, ``micrograd.optim``, ``micrograd.data``,
``micrograd.gradcheck`` and ``micrograd.monitor`` (instruments for a training run).
"""

from micrograd.engine import Value

__all__ = ["Value", "__version__"]

__version__ = "0.1.0"

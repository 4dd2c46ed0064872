"""Every numba kernel of the library is cached on disk (``cache=True``), and
``kernels_compile`` compiles each one a real call would use."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

from numba.core.caching import FunctionCache
from numba.core.registry import CPUDispatcher

import awaz.patterns.stats as stats_pkg
from awaz.patterns.stats.kernels import kernels_compile


def _kernels() -> dict[str, CPUDispatcher]:
    found = {}
    for info in pkgutil.iter_modules(stats_pkg.__path__):
        if info.name == "tests":
            continue
        module = importlib.import_module(f"awaz.patterns.stats.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, CPUDispatcher) and value.py_func.__module__ == module.__name__:
                found[f"{info.name}.{name}"] = value
    return found


def test_the_library_has_kernels() -> None:
    assert {"hotspots._crand_kernel", "_knox_kernels.permuted_counts"} <= set(_kernels())


def test_every_kernel_is_cached_on_disk() -> None:
    # Without cache=True numba gives the kernel a NullCache and compiles it in every process.
    uncached = [n for n, k in _kernels().items() if not isinstance(k._cache, FunctionCache)]
    assert uncached == []


def _called_from_python(kernels: dict[str, CPUDispatcher]) -> dict[str, CPUDispatcher]:
    """The kernels the library's Python code calls (outside the kernels themselves). A kernel
    called only from another is compiled into its caller, and a caller loaded from the cache
    brings it along, so only these need compiling themselves."""
    python = ""
    for info in pkgutil.iter_modules(stats_pkg.__path__):
        if info.name != "tests":
            python += inspect.getsource(importlib.import_module(f"awaz.patterns.stats.{info.name}"))
    for kernel in kernels.values():
        python = python.replace(inspect.getsource(kernel.py_func), "")
    return {n: k for n, k in kernels.items() if re.search(rf"\b{k.__name__}\(", python)}


def test_kernels_compile_compiles_every_kernel_the_library_calls() -> None:
    entry = _called_from_python(_kernels())
    assert {"hotspots._crand_kernel", "_knox_kernels.permuted_band_counts"} <= set(entry)
    kernels_compile()
    assert [name for name, kernel in entry.items() if not kernel.signatures] == []

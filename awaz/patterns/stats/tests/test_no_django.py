"""The analysis library stays free of Django, so it tests and benchmarks alone."""

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import awaz.patterns.stats as stats_pkg

ROOT = Path(__file__).resolve().parents[4]


def test_no_module_imports_django():
    modules = [
        f"awaz.patterns.stats.{m.name}"
        for m in pkgutil.iter_modules(stats_pkg.__path__)
        if m.name != "tests"
    ]
    assert modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(bad))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "", f"Django imported: {out.stdout}"

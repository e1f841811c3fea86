"""Planted bugs and a test file run against them: coverage, and which bugs went unnoticed.

A *mutant* is one function of ``course_app`` with one small change: the real snippet of
its source replaced by a planted one. While it is swapped in (``swapped_in``), the
function object keeps its identity and only its code changes, so every name that refers
to it — in a test file, in the notebook, in other modules — runs the planted bug.

``run_suite(test_file, module, mutants)`` runs a pytest file in this process, first
against the real module while coverage.py measures that module's lines and branches
(the figure ``pytest --cov --cov-branch`` prints), then once per mutant. A suite that
passes on the real module and fails on every mutant checks what it claims to check.
Without a module (``run_suite(test_file, None, mutants)``) nothing is measured: coverage
costs seconds, and the checks of the first notebooks answer in well under two.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import io
import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType, ModuleType

import coverage
import pytest

# The inner pytest loads only what a unit test file needs: no entry-point plugins (locust
# would patch the kernel with gevent; the rest cost seconds), no cache folders, and none of
# the built-in plugins that offer a test nothing (no fixture) but cost every session time:
# unraisableexception runs gc.collect() at each session's end, more than a second in a
# kernel's large heap. A check runs the file once per planted bug, so this halves its wait.
UNUSED_INNER_PLUGINS = (
    "cacheprovider",
    "unraisableexception",
    "threadexception",
    "doctest",
    "junitxml",
    "pastebin",
    "stepwise",
    "faulthandler",
    "setuponly",
    "setupplan",
)
INNER_PYTEST_OPTIONS = (
    "-q",
    *(option for name in UNUSED_INNER_PLUGINS for option in ("-p", f"no:{name}")),
    "-p",
    "pytest_asyncio.plugin",
    "--import-mode=importlib",
    "-o",
    "asyncio_default_fixture_loop_scope=function",
    "-W",
    "ignore::pytest.PytestAssertRewriteWarning",
)
PYTEST_PASSED, PYTEST_FAILED = 0, 1
# What a learner copy's test file raises until the learner writes it (coursekit's stub).
STUB_RAISED = "NotImplementedError: Exercise"


@dataclass(frozen=True)
class Mutant:
    """``function`` with ``real`` (a snippet found exactly once in its source) replaced by ``planted``."""

    name: str
    function: Callable
    real: str
    planted: str

    def code(self) -> CodeType:
        """The planted function's code, compiled at the real function's file and lines."""
        real_code = self.function.__code__
        source = textwrap.dedent(inspect.getsource(self.function))
        if source.count(self.real) != 1:
            raise ValueError(
                f"mutant {self.name!r}: {self.real!r} must occur exactly once in "
                f"{self.function.__qualname__}, found {source.count(self.real)} times"
            )
        tree = ast.parse(source.replace(self.real, self.planted))
        ast.increment_lineno(tree, real_code.co_firstlineno - 1)
        namespace = dict(self.function.__globals__)
        exec(compile(tree, real_code.co_filename, "exec"), namespace)  # noqa: S102 - our own planted source
        planted_code = namespace[self.function.__name__].__code__
        if planted_code.co_freevars != real_code.co_freevars:
            raise ValueError(
                f"mutant {self.name!r}: {self.function.__qualname__} uses variables of an "
                "enclosing scope (or super()); plant the bug in a function that does not"
            )
        return planted_code


@contextlib.contextmanager
def swapped_in(mutant: Mutant) -> Iterator[None]:
    """Run the planted bug in place of the real function, and put the real one back after."""
    planted_code = mutant.code()
    real_code = mutant.function.__code__
    mutant.function.__code__ = planted_code
    try:
        yield
    finally:
        mutant.function.__code__ = real_code


@dataclass
class SuiteResult:
    passed: bool  # every test passed on the real module
    report: str  # pytest's output on the real module
    coverage: float | None  # line and branch coverage of the module, in % (None: not measured)
    coverage_report: str  # coverage.py's table, with the missing lines and branches
    survivors: list[str] = field(default_factory=list)  # mutants no test noticed


def run_pytest(test_file: Path, *options: str) -> tuple[int, str]:
    """pytest on one file, in this process: (exit code, its output)."""
    output = io.StringIO()
    loaded_before = set(sys.modules)
    with (
        _plugin_autoload_off(),
        contextlib.redirect_stdout(output),
        contextlib.redirect_stderr(output),
    ):
        exit_code = pytest.main(
            [
                str(test_file),
                "--rootdir",
                str(test_file.parent),
                "-s",
                *INNER_PYTEST_OPTIONS,
                *options,
            ]
        )
    for name in set(sys.modules) - loaded_before:  # the test file itself: edited files load afresh
        if str(getattr(sys.modules[name], "__file__", "") or "").startswith(str(test_file.parent)):
            del sys.modules[name]
    return int(exit_code), output.getvalue()


def measure(test_file: Path, module: ModuleType) -> tuple[int, str, float, str]:
    """Run the file against the real module under coverage: exit code, output, %, table."""
    module_file = str(Path(module.__file__).resolve())
    measured = coverage.Coverage(
        branch=True, data_file=None, include=[module_file], config_file=False
    )
    measured.start()
    try:
        # The module was imported before coverage started; running its source once more
        # counts what an import runs (class and def lines), as pytest --cov would.
        exec(
            compile(Path(module_file).read_text(), module_file, "exec"),  # noqa: S102 - course_app's source
            {"__name__": f"{module.__name__}__measured"},
        )
        exit_code, report = run_pytest(test_file)
    finally:
        measured.stop()
    table = io.StringIO()
    percent = measured.report(file=table, show_missing=True)
    return exit_code, report, percent, table.getvalue()


def run_suite(test_file: Path, module: ModuleType | None, mutants: list[Mutant]) -> SuiteResult:
    """The test file against ``module`` (with coverage unless None), then against each mutant."""
    if module is None:
        (exit_code, report), percent, table = run_pytest(test_file), None, ""
    else:
        exit_code, report, percent, table = measure(test_file, module)
    result = SuiteResult(exit_code == PYTEST_PASSED, report, percent, table)
    if not result.passed and STUB_RAISED in report:  # the check then says "not started yet"
        raise NotImplementedError(
            f"{test_file.name} is still the exercise's stub: write your tests in its place"
        )
    if not result.passed:  # a planted bug only means something when the real code passes
        return result
    for mutant in mutants:
        with swapped_in(mutant):
            mutant_exit, mutant_report = run_pytest(test_file, "-x")
        if mutant_exit not in (PYTEST_PASSED, PYTEST_FAILED):
            raise RuntimeError(
                f"the tests could not run against {mutant.name!r}:\n{mutant_report[-2000:]}"
            )
        if mutant_exit == PYTEST_PASSED:
            result.survivors.append(mutant.name)
    return result


@contextlib.contextmanager
def _plugin_autoload_off() -> Iterator[None]:
    before = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = before

"""What a learner's test file is made of, read from its source without running it.

An exercise that says "write a ``unittest.TestCase``" or "write pytest fixtures" checks
that the file has one: passing on the real code and failing on planted bugs
(``workbook.mutants``) says the tests work, not that they take the form the lesson is about.
"""

from __future__ import annotations

import ast
from pathlib import Path


def dotted_name(node: ast.AST) -> str:
    """``pytest.fixture`` for ``@pytest.fixture``, ``@pytest.fixture(scope=…)`` alike."""
    if isinstance(node, ast.Call):
        return dotted_name(node.func)
    if isinstance(node, ast.Attribute):
        return f"{dotted_name(node.value)}.{node.attr}"
    if isinstance(node, ast.Name):
        return node.id
    return ""


def _tree(test_file: Path) -> ast.Module:
    try:
        return ast.parse(Path(test_file).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):  # missing or unreadable: running it says why
        return ast.Module(body=[], type_ignores=[])


def unittest_classes(test_file: Path) -> list[str]:
    """Classes whose base is a ``…TestCase`` (``unittest.TestCase``, ``IsolatedAsyncioTestCase``)."""
    return [
        node.name
        for node in ast.walk(_tree(test_file))
        if isinstance(node, ast.ClassDef)
        and any(dotted_name(base).endswith("TestCase") for base in node.bases)
    ]


def fixture_names(test_file: Path) -> list[str]:
    """Functions decorated as pytest fixtures (``pytest.fixture``, ``pytest_asyncio.fixture``)."""
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    return [
        node.name
        for node in ast.walk(_tree(test_file))
        if isinstance(node, functions)
        and any(dotted_name(d).split(".")[-1] == "fixture" for d in node.decorator_list)
    ]

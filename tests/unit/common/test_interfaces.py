"""Every interface (``Protocol``) in course_app only declares: its methods have no bodies.

A body in a Protocol runs for no implementation (each class brings its own method) and
can read attributes the interface never declares, as ``EventPublisher.answers`` once did.
"""

import ast
from pathlib import Path

import pytest

import course_app

pytestmark = pytest.mark.unit
APP = Path(course_app.__file__).parent


def is_declaration(statement: ast.stmt) -> bool:
    """A docstring or ``...``."""
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and (statement.value.value is Ellipsis or isinstance(statement.value.value, str))
    )


def protocol_methods_with_a_body(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and any(
            ast.unparse(base) == "Protocol" for base in node.bases
        ):
            found += [
                f"{node.name}.{item.name}"
                for item in node.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                and not all(is_declaration(statement) for statement in item.body)
            ]
    return found


def test_the_check_finds_a_method_body() -> None:
    source = (
        "class Publisher(Protocol):\n    async def answers(self) -> bool:\n        return self.up\n"
    )
    assert protocol_methods_with_a_body(source) == ["Publisher.answers"]


def test_no_protocol_in_course_app_has_a_method_body() -> None:
    found = {
        str(path.relative_to(APP)): protocol_methods_with_a_body(path.read_text())
        for path in APP.rglob("*.py")
    }
    assert {path: methods for path, methods in found.items() if methods} == {}

"""The range of an id a request brings, where the database stores it as a BIGINT.

A larger number would pass an ``int`` check and then fail in the database driver, a 500;
with this type it is a 400 like any other invalid input. Use it for path and query
parameters (``Annotated[BigIntId, Path()]``) and body fields alike.
"""

from typing import Annotated

from annotated_types import Ge, Le

from course_app.common.numbers import NotBool

BIGINT_MAX = 2**63 - 1  # PostgreSQL's BIGINT

BigIntId = Annotated[int, Ge(1), Le(BIGINT_MAX), NotBool]

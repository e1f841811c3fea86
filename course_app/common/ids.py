"""The range of an id a request brings, where the database stores it as a BIGINT.

A larger number would pass an ``int`` check and then fail in the database driver, a 500;
with this type it is a 400 like any other invalid input. Use it for path and query
parameters (``Annotated[BigIntId, Path()]``) and body fields alike.
"""

from typing import Annotated

from annotated_types import Ge, Le

from course_app.common.numbers import NotBool

BIGINT_MAX = 2**63 - 1  # PostgreSQL's BIGINT
# The largest id a request may bring: JavaScript's Number.MAX_SAFE_INTEGER. Above 2**53 a
# JSON number read as a double (by a browser, or a schema checker) skips integers, so the
# schema's "maximum" would not mean what the service checks; below it both agree exactly.
ID_MAX = 2**53 - 1

BigIntId = Annotated[int, Ge(1), Le(ID_MAX), NotBool]

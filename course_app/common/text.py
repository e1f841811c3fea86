"""Text that PostgreSQL can store.

PostgreSQL's text types cannot hold the NUL character (U+0000): a query with one fails
in the driver, which would surface as a 500. Refusing it where the request is parsed
turns that into the 400 every other invalid input gets. Put ``NoNul`` on every piece of
text a request brings: bodies, query parameters and path parameters alike.
"""

from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

# The same rule for clients that read the OpenAPI schema (generators such as schemathesis
# would otherwise send NUL and call the 400 a bug).
NO_NUL_PATTERN = r"^[^\x00]*$"


def refuse_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Text must not contain NUL characters")
    return value


class _NoNul:
    """``Annotated[str, NoNul]``: refuses NUL with a clear message, and says so in the schema."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_after_validator_function(refuse_nul, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        json_schema = handler(schema)
        json_schema.setdefault("pattern", NO_NUL_PATTERN)
        return json_schema


NoNul = _NoNul()

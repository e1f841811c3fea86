"""Numbers in request bodies, as JSON Schema means them: ``true`` is not 1.

pydantic's lax mode reads ``true`` as 1 and ``false`` as 0, so ``{"price": true}`` would
store a price of 1.0 — a request the OpenAPI schema calls invalid, quietly accepted. Mark
every number a request brings with ``NotBool`` (``2.0`` stays a valid integer, as JSON
Schema says).
"""

from pydantic import BeforeValidator


def refuse_bool(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError("Expected a number, not true or false")
    return value


NotBool = BeforeValidator(refuse_bool)

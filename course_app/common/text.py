"""Text that PostgreSQL can store.

PostgreSQL's text types cannot hold the NUL character (U+0000): a query with one fails
in the driver, which would surface as a 500. Refusing it where the request is parsed
turns that into the 400 every other invalid input gets. Put ``NoNul`` on every piece of
text a request brings: bodies, query parameters and path parameters alike.
"""

from pydantic import AfterValidator


def refuse_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Text must not contain NUL characters")
    return value


NoNul = AfterValidator(refuse_nul)

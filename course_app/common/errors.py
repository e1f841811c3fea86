"""Domain errors and the one JSON error format every service answers with.

Services raise these errors from the service layer; the HTTP layer turns them into
``{"error": "<human message>", "code": "<MACHINE_CODE>"}`` with a fitting status. Nothing
else reaches the client: no stack trace, no SQL text, no submitted password.
"""

from http import HTTPStatus


class DomainError(Exception):
    """A failure the caller can act on; ``status`` is its HTTP meaning."""

    status: int = HTTPStatus.BAD_REQUEST
    code: str = "BAD_REQUEST"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class InvalidInput(DomainError):
    status, code = HTTPStatus.BAD_REQUEST, "VALIDATION_ERROR"


class NotFound(DomainError):
    status, code = HTTPStatus.NOT_FOUND, "NOT_FOUND"


class Conflict(DomainError):
    status, code = HTTPStatus.CONFLICT, "CONFLICT"


class Unauthorized(DomainError):
    status, code = HTTPStatus.UNAUTHORIZED, "UNAUTHORIZED"


class Forbidden(DomainError):
    status, code = HTTPStatus.FORBIDDEN, "FORBIDDEN"


class UpstreamUnavailable(DomainError):
    """Another service or the broker did not answer; retrying later may work."""

    status, code = HTTPStatus.SERVICE_UNAVAILABLE, "UPSTREAM_UNAVAILABLE"

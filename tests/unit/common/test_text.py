"""Text PostgreSQL can store: a NUL character is a validation error, not a 500."""

from typing import Annotated

import pytest
from pydantic import TypeAdapter, ValidationError

from course_app.common.text import NoNul

pytestmark = pytest.mark.unit
text = TypeAdapter(Annotated[str, NoNul])


def test_ordinary_text_passes_unchanged() -> None:
    assert text.validate_python("Grüße, O'Brien") == "Grüße, O'Brien"


def test_a_nul_character_is_refused() -> None:
    with pytest.raises(ValidationError, match="NUL"):
        text.validate_python("te\x00a")

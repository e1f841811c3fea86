"""An id the database stores as BIGINT: 1 up to 2**63 - 1, anything else a validation error."""

import pytest
from pydantic import TypeAdapter, ValidationError

from course_app.common.ids import BIGINT_MAX, ID_MAX, BigIntId

pytestmark = pytest.mark.unit
ids = TypeAdapter(BigIntId)


@pytest.mark.parametrize("value", [1, 42, ID_MAX])
def test_ids_in_the_bigint_range_pass(value: int) -> None:
    assert ids.validate_python(value) == value


@pytest.mark.parametrize("value", [0, -1, ID_MAX + 1, BIGINT_MAX + 1])
def test_ids_outside_it_are_refused(value: int) -> None:
    with pytest.raises(ValidationError):
        ids.validate_python(value)


def test_the_bound_is_a_bigint_a_double_holds_exactly() -> None:
    assert BIGINT_MAX == 9_223_372_036_854_775_807
    assert ID_MAX <= BIGINT_MAX and int(float(ID_MAX)) == ID_MAX
    assert float(ID_MAX + 1) > float(ID_MAX)  # read as doubles, the bound still separates

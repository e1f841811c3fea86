"""Login answers an unknown email and a wrong password after the same work.

If an unknown email were refused at once while a known one pays for argon2, the response
time alone would tell an attacker which emails have accounts. Medians of a few logins
each, compared as a ratio with wide bounds, so a slow or busy machine slows both alike;
answering an unknown email at once (the bug this guards against) gives a ratio near 0.
"""

import statistics
import time

import pytest

from course_app.common.security import hash_password
from course_app.users.auth import AuthService
from course_app.users.domain import InvalidCredentials, NewUser
from course_app.users.fakes import InMemoryUserRepository
from unit.builders import TEST_SECRET

pytestmark = [pytest.mark.unit, pytest.mark.service("users"), pytest.mark.asyncio]
ATTEMPTS = 3


async def _median_seconds_to_refuse(auth: AuthService, email: str) -> float:
    times = []
    for _ in range(ATTEMPTS):
        started = time.perf_counter()
        with pytest.raises(InvalidCredentials):
            await auth.login(email, "not the password")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


async def test_an_unknown_email_costs_what_a_wrong_password_costs():
    repository = InMemoryUserRepository()
    await repository.add(
        NewUser("Ada", "ada@example.com", password_hash=await hash_password("the password"))
    )
    auth = AuthService(repository, secret=TEST_SECRET)
    with pytest.raises(InvalidCredentials):  # warm-up: the first unknown email makes the dummy hash
        await auth.login("nobody@example.com", "not the password")
    wrong_password = await _median_seconds_to_refuse(auth, "ada@example.com")
    unknown_email = await _median_seconds_to_refuse(auth, "nobody@example.com")
    ratio = unknown_email / wrong_password
    print(
        f"wrong password {wrong_password * 1000:.1f} ms, unknown email {unknown_email * 1000:.1f} ms"
    )
    assert 0.25 <= ratio <= 4.0, f"unknown email answered {ratio:.2f}x as fast as a wrong password"

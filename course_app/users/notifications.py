"""Telling a new user hello. The course has no mail server, so the real notifier logs.

The service layer depends on ``WelcomeNotifier`` only; a mail-gateway class with the
same method would slot in without touching it.
"""

import logging
from typing import Protocol

logger = logging.getLogger("course_app.users.notifications")


class WelcomeNotifier(Protocol):
    async def send_welcome_email(self, email: str) -> None: ...


class LoggingNotifier:
    async def send_welcome_email(self, email: str) -> None:
        # The domain only: an address is personal data and does not belong in logs.
        logger.info("welcome email queued for a user at %s", email.rpartition("@")[2])

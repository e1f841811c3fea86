"""Servers that live as long as a notebook needs them, and not a moment longer.

A ``with`` block cannot span notebook cells, so a notebook hands what it starts to
``keep``::

    from workbook.lifecycle import keep, release_all
    from course_app.provision import postgres

    pg = keep("postgres", postgres())   # entered now, stays up across cells
    ...
    release_all()                        # the notebook's last cell: stop everything

Running a ``keep`` cell again first stops what that name held, so re-running a notebook
never piles up servers. Whatever is still kept when the kernel exits is stopped then;
if the kernel is killed outright, the provisioning layer's reaper removes the servers.
"""

import atexit
from contextlib import AbstractContextManager, ExitStack
from typing import TypeVar

T = TypeVar("T")

_kept: dict[str, ExitStack] = {}


def keep(name: str, context_manager: AbstractContextManager[T]) -> T:
    """Enter ``context_manager`` under ``name`` and return what it gives."""
    release(name)
    stack = ExitStack()
    value = stack.enter_context(context_manager)
    _kept[name] = stack
    return value


def release(name: str) -> None:
    """Stop what ``name`` holds, if anything."""
    stack = _kept.pop(name, None)
    if stack is not None:
        stack.close()


def release_all() -> None:
    """Stop everything kept, newest first (a system before the database it uses)."""
    for name in reversed(list(_kept)):
        release(name)


atexit.register(release_all)

"""In-memory stand-ins for shared adapters, for unit tests and notebooks."""

from course_app.common.errors import UpstreamUnavailable
from course_app.events import Event


class RecordingPublisher:
    """Keeps published events in a list; ``broker_down = True`` makes publishing fail."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.broker_down = False

    async def publish_event(self, event: Event) -> None:
        if self.broker_down:
            raise UpstreamUnavailable("Message broker unavailable", code="BROKER_UNAVAILABLE")
        self.events.append(event)

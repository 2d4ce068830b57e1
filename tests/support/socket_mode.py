"""A double of Slack's Socket Mode endpoint on 127.0.0.1, served by the ``websockets`` library.

It says hello, pushes Events API envelopes, and records the acknowledgements
the app sends back; ping/pong and framing are the library's.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve

from tests.support.payloads import APP_ID, event_envelope


class SocketModeDouble:
    """Point the Web API double's ``apps.connections.open`` at ``url`` (``SlackDouble.ws_url``)."""

    def __init__(self) -> None:
        self.acks: list[dict] = []
        self.connections: list[ServerConnection] = []
        self._cond = threading.Condition()
        self._server = serve(self._handle, "127.0.0.1", 0, ping_interval=None)
        port = self._server.socket.getsockname()[1]
        self.url = f"ws://127.0.0.1:{port}/link/?ticket=test"
        self._thread = threading.Thread(target=self._server.serve_forever, name="socket-mode-double", daemon=True)
        self._thread.start()

    def _handle(self, connection: ServerConnection) -> None:
        with self._cond:
            self.connections.append(connection)
            self._cond.notify_all()
        self.send(connection, {"type": "hello", "num_connections": 1, "connection_info": {"app_id": APP_ID},
                               "debug_info": {"host": "double", "approximate_connection_time": 3600}})
        try:
            for message in connection:
                with self._cond:
                    self.acks.append(json.loads(message))
                    self._cond.notify_all()
        except ConnectionClosed:
            return

    def send(self, connection: ServerConnection, message: dict[str, Any]) -> None:
        connection.send(json.dumps(message))

    def push_event(self, event: dict, *, event_id: str, envelope_id: str, retry_attempt: int = 0) -> None:
        """Deliver an Events API envelope on the newest connection."""
        connection = self.wait_connected()
        self.send(connection, {"envelope_id": envelope_id, "type": "events_api", "accepts_response_payload": False,
                               "retry_attempt": retry_attempt, "retry_reason": "timeout" if retry_attempt else "",
                               "payload": event_envelope(event, event_id=event_id)})

    def wait_connected(self, timeout: float = 10.0) -> ServerConnection:
        with self._cond:
            if not self._cond.wait_for(lambda: self.connections, timeout):
                raise AssertionError("the app never opened a Socket Mode connection")
            return self.connections[-1]

    def wait_ack(self, envelope_id: str, timeout: float = 10.0) -> dict:
        with self._cond:
            found = self._cond.wait_for(
                lambda: [a for a in self.acks if a.get("envelope_id") == envelope_id], timeout)
            if not found:
                raise AssertionError(f"no ack for envelope {envelope_id}")
            return found[0]

    def close(self) -> None:
        self._server.shutdown()
        for connection in self.connections:
            connection.close()
        self._thread.join(10)

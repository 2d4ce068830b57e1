"""The one factory for the Bolt app (HTTP and Socket Mode), and the two ways of serving it.

HTTP: a threaded WSGI server with Bolt at ``/slack/events`` (signatures checked,
5-minute timestamp window) and ``/healthz``. Listeners ack at once and answer
in lazy listeners, so Slack gets its response well within 3 seconds.
"""

from __future__ import annotations

import json
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from socketserver import ThreadingMixIn
from typing import TYPE_CHECKING, Any, Callable, Iterable
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient

from assistant.slack import ask, buttons, home, manager, mentions, messages, stats
from assistant.slack.privacy import protect_vendor_loggers, vendor_logger
from assistant.slack.services import Services
from assistant.slack.webapi import make_client

if TYPE_CHECKING:
    from assistant.pipeline import Assistant
    from assistant.runtime import Runtime

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
SURFACES = (mentions, messages, ask, manager, stats, buttons, home)


def build_app(
    runtime: "Runtime",
    *,
    client: WebClient | None = None,
    services: Services | None = None,
    socket_mode: bool = False,
) -> App:
    """A Bolt App answering from ``runtime.assistant`` and refreshing with ``runtime.refresher``;
    ``client`` defaults to one for ``settings.slack_api_url``.

    Calls auth.test once (Bolt does, at construction). ``app.services`` holds
    the shared state (thread memory, records) for the servers and tests.
    """
    protect_vendor_loggers()
    settings = runtime.settings
    client = client or make_client(settings.slack_bot_token, base_url=settings.slack_api_url)
    services = services or Services.create(runtime)
    app = App(
        name="practice-assistant",
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        logger=vendor_logger(),
        process_before_response=False,
        listener_executor=ThreadPoolExecutor(max_workers=16, thread_name_prefix="bolt"),
        request_verification_enabled=not socket_mode,
        ignoring_self_events_enabled=True,
        url_verification_enabled=True,
        ssl_check_enabled=True,
    )

    def drop_duplicates(body: dict, next: Callable[[], Any]) -> BoltResponse | None:
        """Slack redelivers an event it thinks timed out (HTTP and Socket Mode): answer each event_id once."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not services.seen.add(f"event:{event_id}"):
            log.info("duplicate event dropped event_id=%s", event_id)
            return BoltResponse(status=200, body="")
        return next()

    app.use(drop_duplicates)
    for surface in SURFACES:
        surface.register(app, services)
    app.services = services  # type: ignore[attr-defined]
    return app


def health(assistant: "Assistant") -> tuple[int, dict[str, Any]]:
    """(status, body) for /healthz: 200 when a knowledge base version is live, else 503."""
    live = assistant.store.live_name()
    loaded = getattr(assistant, "_retriever", None) is not None
    body = {"ok": live is not None, "knowledge_base": "loaded" if (live and loaded) else ("ready" if live else "empty"),
            "version": live}
    return (200 if live else 503), body


class _Sink:
    """wsgiref prints application tracebacks (which may quote a payload) to stderr: swallow them."""

    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # no request lines, which carry query strings
        pass

    def get_stderr(self) -> _Sink:
        return _Sink()


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        log.warning("http request failed error=%s", type(sys.exc_info()[1]).__name__)


def wsgi_app(app: App | None, assistant: "Assistant") -> Callable[..., Iterable[bytes]]:
    """WSGI: Bolt at /slack/events (when ``app`` is given), health at /healthz, 404 elsewhere."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    bolt = SlackRequestHandler(app, path=EVENTS_PATH) if app is not None else None

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            status, body = health(assistant)
            payload = json.dumps(body).encode()
            start_response(f"{status} {'OK' if status == 200 else 'Service Unavailable'}",
                           [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
            return [payload]
        if bolt is None:
            start_response("404 Not Found", [("Content-Type", "text/plain"), ("Content-Length", "9")])
            return [b"Not Found"]
        return bolt(environ, start_response)

    return application


def make_http_server(app: App | None, assistant: "Assistant", *, host: str = "0.0.0.0",
                     port: int = 3000) -> WSGIServer:
    """A threaded HTTP server (not yet serving); ``port=0`` picks a free port (see ``server.server_port``).

    With ``app=None`` it serves /healthz only (Socket Mode's health endpoint for a container platform).
    """
    return make_server(host, port, wsgi_app(app, assistant), server_class=_ThreadingServer, handler_class=_Quiet)


def serve_http_in_thread(server: WSGIServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, name="slack-http", daemon=True)
    thread.start()
    return thread


def socket_mode_handler(app: App, app_token: str):
    """Bolt's built-in Socket Mode handler (no extra dependency); call ``.connect()`` or ``.start()``."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    return SocketModeHandler(app, app_token, logger=vendor_logger())

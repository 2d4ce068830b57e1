"""How the app is served: Bolt's ASGI adapter under uvicorn (Events API and /healthz), Socket Mode, and a
graceful stop that lets answers in progress finish.

Bolt's dispatch blocks until a listener acks, so it runs on a thread pool,
never on the event loop: /healthz stays fast while answers are being worked
out, and a burst of deliveries waits in a deep listen backlog rather than
being reset.
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Callable

import uvicorn
from slack_bolt import App
from slack_bolt.adapter.asgi import SlackRequestHandler
from slack_bolt.request import BoltRequest

from assistant.slack.app import health, socket_mode_handler

if TYPE_CHECKING:
    from assistant.pipeline import Assistant

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
DISPATCH_THREADS = 32  # requests waiting for their ack; the acks themselves run on Bolt's listener pool
DEFAULT_BACKLOG = 1024


class BoltAsgi(SlackRequestHandler):
    """Bolt's ASGI adapter with dispatch on a thread pool, ``/healthz``, and ``on_stop`` at lifespan shutdown
    (after uvicorn has stopped listening and finished the requests it had)."""

    def __init__(self, app: App | None, *, health: Callable[[], tuple[int, dict[str, Any]]],
                 on_stop: Callable[[], Any] | None = None) -> None:
        self.app = app  # type: ignore[assignment]
        self.path = EVENTS_PATH
        self._health = health
        self._on_stop = on_stop
        self._pool = ThreadPoolExecutor(max_workers=DISPATCH_THREADS, thread_name_prefix="http-dispatch")

    async def dispatch(self, request) -> Any:
        bolt_request = BoltRequest(body=await request.get_raw_body(), query=request.query_string,
                                   headers=request.get_headers())
        return await asyncio.get_running_loop().run_in_executor(self._pool, self.app.dispatch, bolt_request)

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http" and scope["path"] == HEALTH_PATH and scope["method"] in ("GET", "HEAD"):
            status, body = self._health()
            await _send(send, status, body=json.dumps(body).encode(), content_type="application/json")
        elif scope["type"] == "http" and self.app is None:
            await _send(send, 404, body=b"Not Found", content_type="text/plain")
        else:
            await super().__call__(scope, receive, send)

    async def _lifespan(self, receive: Callable, send: Callable) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self._on_stop is not None:
                    try:
                        await asyncio.get_running_loop().run_in_executor(None, self._on_stop)
                    except Exception as exc:  # the process is stopping anyway; ids only
                        log.error("stop failed error=%s", type(exc).__name__)
                self._pool.shutdown(wait=False)
                await send({"type": "lifespan.shutdown.complete"})
                return


async def _send(send: Callable, status: int, *, body: bytes, content_type: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class HttpServer:
    """uvicorn on a socket that is listening from construction (``port=0`` picks one: ``server_port``)."""

    def __init__(self, asgi: BoltAsgi, *, host: str = "0.0.0.0", port: int = 3000,
                 backlog: int = DEFAULT_BACKLOG) -> None:
        self.socket = socket.create_server((host, port), backlog=backlog)
        self.server_port: int = self.socket.getsockname()[1]
        self._server = uvicorn.Server(uvicorn.Config(
            asgi, lifespan="on", access_log=False, log_config=None, log_level="warning", backlog=backlog,
            timeout_graceful_shutdown=5, server_header=False))
        self._thread: threading.Thread | None = None

    def serve_forever(self) -> None:
        """Serve until SIGTERM or SIGINT (in the main thread) or :meth:`shutdown`; returns after a graceful stop."""
        if threading.current_thread() is threading.main_thread():
            # uvicorn re-raises the signal it stopped for once it is done: exit cleanly then, not by the signal.
            signal.signal(signal.SIGTERM, _exit_cleanly)
        self._server.run(sockets=[self.socket])

    def start_in_thread(self) -> "HttpServer":
        self._thread = threading.Thread(target=self.serve_forever, name="slack-http", daemon=True)
        self._thread.start()
        return self

    def shutdown(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(30)

    def server_close(self) -> None:
        self.socket.close()


def _exit_cleanly(signum: int, frame: Any) -> None:
    raise SystemExit(0)


def make_http_server(app: App | None, assistant: "Assistant", *, host: str = "0.0.0.0", port: int = 3000,
                     backlog: int = DEFAULT_BACKLOG, grace_s: float = 20.0) -> HttpServer:
    """Bolt at /slack/events and health at /healthz (``app=None``: health only, for Socket Mode). On stop,
    answers in progress get ``grace_s`` seconds to finish."""
    services = getattr(app, "services", None)

    def on_stop() -> None:
        if services is not None:
            services.stop(grace_s=grace_s)

    return HttpServer(BoltAsgi(app, health=lambda: health(assistant, services), on_stop=on_stop),
                      host=host, port=port, backlog=backlog)


def serve_http_in_thread(server: HttpServer) -> HttpServer:
    return server.start_in_thread()


def serve_socket_mode(app: App, app_token: str, *, grace_s: float = 20.0) -> None:
    """Bolt's built-in Socket Mode client until SIGTERM or SIGINT; then answers in progress may finish."""
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    handler = socket_mode_handler(app, app_token)
    handler.connect()
    stop.wait()
    handler.close()
    services = getattr(app, "services", None)
    if services is not None:
        services.stop(grace_s=grace_s)

"""The one factory for the Bolt app (HTTP and Socket Mode), and what /healthz says about it.

Listeners ack at once and hand the work to the bot's own pool, so Slack gets
its response well within 3 seconds; ``server.py`` serves the app.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Callable

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_sdk import WebClient

from assistant.slack import (approve, approved_list, ask, buttons, escalate, home, manager, mentions,
                             messages, stats)
from assistant.slack.privacy import protect_vendor_loggers, vendor_logger
from assistant.slack.services import Services
from assistant.slack.webapi import make_client

if TYPE_CHECKING:
    from assistant.pipeline import Assistant
    from assistant.runtime import Runtime

log = logging.getLogger(__name__)
SURFACES = (mentions, messages, ask, manager, stats, buttons, home, escalate, approve, approved_list)


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
    client = client or make_client(settings.slack_bot_token, base_url=settings.slack_api_url,
                                   retries=settings.slack_retries, timeout_s=settings.slack_timeout_s)
    services = services or Services.create(runtime, client=client)
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

    def drop_duplicates(body: dict, request: BoltRequest, next: Callable[[], Any]) -> BoltResponse | None:
        """Slack redelivers an event it thinks timed out (HTTP and Socket Mode): answer each event_id once."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not services.seen.add(f"event:{event_id}"):
            log.info("duplicate event dropped event_id=%s retry=%s", event_id, retry_num(request))
            return BoltResponse(status=200, body="")
        return next()

    def retrying_respond(context: BoltContext, next: Callable[[], Any]) -> BoltResponse | None:
        """Every listener's ``respond`` posts with the Web API's retry handlers (lazy listeners get it too)."""
        if context.response_url:
            context["respond"] = services.hook(context.response_url)
        return next()

    app.use(drop_duplicates)
    app.use(retrying_respond)
    for surface in SURFACES:
        surface.register(app, services)
    app.services = services  # type: ignore[attr-defined]
    services.courier.start()  # first hands over what an earlier run left unanswered
    return app


def health(assistant: "Assistant", services: Services | None = None) -> tuple[int, dict[str, Any]]:
    """(status, body) for /healthz: 200 when a knowledge base version is live, else 503; with the answers in
    progress and the replies waiting in the outbox (counts only)."""
    live = assistant.store.live_name()
    retriever = getattr(assistant, "_retriever", None)
    # "version" is the live pointer; "answering" the version questions are answered from. After a refresh they
    # differ until the new version has loaded in the background (questions meanwhile use the previous one).
    answering = retriever.version.name if retriever is not None else None
    body: dict[str, Any] = {"ok": live is not None, "version": live, "answering": answering,
                            "knowledge_base": "loaded" if (live and answering) else ("ready" if live else "empty")}
    if services is not None:
        body.update(services.stats())
    return (200 if live else 503), body


def retry_num(request: BoltRequest) -> str:
    """Slack's X-Slack-Retry-Num on a redelivery ("-" on a first delivery)."""
    values = request.headers.get("x-slack-retry-num") or ["-"]
    return str(values[0])


def socket_mode_handler(app: App, app_token: str):
    """Bolt's built-in Socket Mode handler (no extra dependency); call ``.connect()`` or ``.start()``."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    return SocketModeHandler(app, app_token, logger=vendor_logger())

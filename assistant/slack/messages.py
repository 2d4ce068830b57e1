"""Direct messages (every message) and follow-ups in threads the bot is answering in (no mention needed).

Bot messages, edits, deletions, joins and other subtypes are ignored; a channel
message that mentions the bot is left to its ``app_mention`` twin.
"""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from assistant.slack.answering import answer_in_thread
from assistant.slack.services import Services

ANSWERED_SUBTYPES = {None, "thread_broadcast"}


def wanted(event: dict, *, bot_user_id: str | None, knows_thread) -> bool:
    """Whether a ``message`` event is a question for us."""
    if event.get("subtype") not in ANSWERED_SUBTYPES or event.get("bot_id") or not event.get("user"):
        return False
    if event.get("channel_type") == "im":
        return True
    if bot_user_id and f"<@{bot_user_id}" in event.get("text", ""):
        return False  # the app_mention event answers it
    thread_ts = event.get("thread_ts")
    return bool(thread_ts) and thread_ts != event.get("ts") and knows_thread(event["channel"], thread_ts)


def register(app: App, services: Services) -> None:
    def acknowledge(ack: Ack) -> None:
        ack()

    def on_message(event: dict, context: BoltContext, client: WebClient) -> None:
        if not wanted(event, bot_user_id=context.bot_user_id, knows_thread=services.threads.knows):
            return
        channel, ts = event["channel"], event["ts"]
        if not services.seen.add(f"msg:{channel}:{ts}"):
            return
        answer_in_thread(
            services, client, surface="dm" if event.get("channel_type") == "im" else "thread",
            channel=channel, channel_type=event.get("channel_type", ""), user=event["user"], message_ts=ts,
            thread_ts=event.get("thread_ts"), text=event.get("text", ""), bot_user_id=context.bot_user_id,
        )

    app.event("message")(ack=acknowledge, lazy=[services.offload(on_message)])

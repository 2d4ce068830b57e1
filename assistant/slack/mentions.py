"""@-mentions in channels: the answer goes in the question's thread."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from assistant.slack.answering import answer_in_thread
from assistant.slack.services import Services


def register(app: App, services: Services) -> None:
    def acknowledge(ack: Ack) -> None:
        ack()

    def on_mention(event: dict, context: BoltContext, client: WebClient) -> None:
        if event.get("bot_id") or event.get("subtype"):
            return
        channel, ts = event["channel"], event["ts"]
        if not services.seen.add(f"msg:{channel}:{ts}"):  # its `message` copy got here first
            return
        answer_in_thread(
            services, client, surface="mention", channel=channel,
            channel_type="im" if channel.startswith("D") else "channel", user=event.get("user", ""),
            message_ts=ts, thread_ts=event.get("thread_ts"), text=event.get("text", ""),
            bot_user_id=context.bot_user_id,
        )

    app.event("app_mention")(ack=acknowledge, lazy=[services.offload(on_mention)])

"""@-mentions in channels: the answer goes in the question's thread."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from assistant.slack.answering import answer_in_thread, take
from assistant.slack.services import Services

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    def on_mention(ack: Ack, event: dict, context: BoltContext, client: WebClient) -> None:
        """Take the message on (durably, once) and hand the answer to the bot's pool, then ack."""
        if event.get("bot_id") or event.get("subtype"):
            log.debug("mention ignored channel=%s ts=%s reason=%s", event.get("channel"), event.get("ts"),
                      "bot" if event.get("bot_id") else "subtype")
        else:
            question = take(services, event, surface="mention", bot_user_id=context.bot_user_id,
                            channel_type="im" if event["channel"].startswith("D") else "channel")
            if question is not None:
                services.submit(answer_in_thread, services=services, client=client, question=question)
        ack()

    app.event("app_mention")(on_mention)

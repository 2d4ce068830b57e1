"""App Home: what the bot knows, how to ask, example questions."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from assistant.slack import blocks as bk
from assistant.slack.services import Services
from assistant.slack.webapi import call

log = logging.getLogger(__name__)

EXAMPLES = (
    "How often do social workers get supervision?",
    "How often are newly qualified social workers supervised?",
    "What should a management oversight record include?",
    "What did Ofsted say about strategy discussions in Stockton?",
)


def home_view(info: dict[str, Any]) -> dict[str, Any]:
    """The Home tab for a knowledge status (see assistant.status.knowledge_status)."""
    if info.get("version") is None:
        knows = "No documents are loaded yet, so I can't answer questions. A manager can load them with `/kb-refresh`."
    else:
        knows = (f"I answer from *{info['documents']} documents* ({info['passages']} passages), "
                 f"last refreshed {info.get('last_ingest') or 'at an unknown time'}.")
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Practice assistant"}},
        bk.section(knows),
        bk.section("Every answer quotes the council's documents and numbers its sources. When the documents don't "
                   "answer a question I say so, and show the nearest documents I checked."),
        {"type": "divider"},
        bk.section("*How to ask*\n"
                   "• Mention me in a channel: `@Practice assistant how often do social workers get supervision?`\n"
                   "• Send me a direct message.\n• Use `/ask your question` for a private answer you can share.\n"
                   "• Reply in my thread to ask a follow-up; I remember the thread's questions for a short while."),
        bk.section("*Examples*\n" + "\n".join(f"• _{bk.escape(q)}_" for q in EXAMPLES)),
        bk.context("Please avoid names and identifying details of children and families: I don't need them to find "
                   "the procedure. I never log your questions, and I forget them after a short while."),
    ]
    return {"type": "home", "blocks": bk.checked(blocks) or [bk.section(knows)]}


def register(app: App, services: Services) -> None:
    def acknowledge(ack: Ack) -> None:
        ack()

    def publish(event: dict, client: WebClient) -> None:
        from assistant.status import knowledge_status

        if event.get("tab") not in (None, "home"):
            return
        user = event.get("user", "")
        try:
            info = knowledge_status(services.assistant.store)
        except Exception as exc:
            log.warning("home status unavailable user=%s error=%s", user, type(exc).__name__)
            info = {"version": None}
        call(client.views_publish, what="views.publish", user_id=user, view=home_view(info))

    app.event("app_home_opened")(ack=acknowledge, lazy=[services.offload(publish)])

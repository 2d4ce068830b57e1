"""Direct messages (every message) and follow-ups in threads the bot is answering in (no mention needed,
but the reply must look like a question, so colleagues' "thanks!" in the thread is left alone).

Bot messages, edits, deletions, joins and other subtypes are ignored; a channel
message that mentions the bot is left to its ``app_mention`` twin.
"""

from __future__ import annotations

import logging
import re

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from assistant.slack.answering import answer_in_thread, take
from assistant.slack.services import Services

log = logging.getLogger(__name__)
ANSWERED_SUBTYPES = {None, "thread_broadcast"}
QUESTION_WORDS = {
    "what", "whats", "what's", "how", "when", "where", "who", "whom", "whose", "why", "which", "is", "are", "was",
    "were", "do", "does", "did", "can", "could", "should", "shall", "must", "may", "will", "would", "has", "have",
    "and", "also", "within", "if", "any", "tell", "explain", "show", "list", "give",
}


def looks_like_question(text: str) -> bool:
    """A thread reply meant for the bot rather than a colleague ("thanks!", "ok, will do")."""
    words = re.findall(r"[a-z']+", text.lower())
    return "?" in text or (bool(words) and words[0] in QUESTION_WORDS and len(words) >= 3)


def skip_reason(event: dict, *, bot_user_id: str | None, knows_thread) -> str | None:
    """Why a ``message`` event is not a question for us (a fixed word), or None when it is."""
    if event.get("subtype") not in ANSWERED_SUBTYPES:
        return "subtype"
    if event.get("bot_id") or not event.get("user"):
        return "bot"
    if event.get("channel_type") == "im":
        return None
    if bot_user_id and f"<@{bot_user_id}" in event.get("text", ""):
        return "mention-twin"  # the app_mention event answers it
    thread_ts = event.get("thread_ts")
    if not thread_ts or thread_ts == event.get("ts"):
        return "not-in-a-thread"
    if not knows_thread(event["channel"], thread_ts):
        return "not-our-thread"
    return None if looks_like_question(event.get("text", "")) else "not-a-question"


def wanted(event: dict, *, bot_user_id: str | None, knows_thread) -> bool:
    """Whether a ``message`` event is a question for us."""
    return skip_reason(event, bot_user_id=bot_user_id, knows_thread=knows_thread) is None


def register(app: App, services: Services) -> None:
    def on_message(ack: Ack, event: dict, context: BoltContext, client: WebClient) -> None:
        """Take a question for us on (durably, once) and hand the answer to the bot's pool, then ack."""
        reason = skip_reason(event, bot_user_id=context.bot_user_id, knows_thread=services.threads.knows)
        if reason is not None:  # ids only: the positive signal that a message was seen and left alone
            log.debug("message ignored channel=%s ts=%s reason=%s", event.get("channel"), event.get("ts"), reason)
        else:
            question = take(services, event, surface="dm" if event.get("channel_type") == "im" else "thread",
                            channel_type=event.get("channel_type", ""), bot_user_id=context.bot_user_id)
            if question is not None:
                services.submit(answer_in_thread, services=services, client=client, question=question)
        ack()

    app.event("message")(on_message)

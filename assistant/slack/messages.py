"""Direct messages (every message) and follow-ups in threads the bot is answering in (no mention needed,
but the reply must look like a question, so colleagues' "thanks!" in the thread is left alone).

Bot messages, edits, deletions, joins and other subtypes are ignored; a channel
message that mentions the bot is left to its ``app_mention`` twin.
"""

from __future__ import annotations

import re

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from assistant.slack.answering import answer_in_thread, take
from assistant.slack.services import Services

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


def wanted(event: dict, *, bot_user_id: str | None, knows_thread) -> bool:
    """Whether a ``message`` event is a question for us."""
    if event.get("subtype") not in ANSWERED_SUBTYPES or event.get("bot_id") or not event.get("user"):
        return False
    if event.get("channel_type") == "im":
        return True
    if bot_user_id and f"<@{bot_user_id}" in event.get("text", ""):
        return False  # the app_mention event answers it
    thread_ts = event.get("thread_ts")
    return (bool(thread_ts) and thread_ts != event.get("ts") and knows_thread(event["channel"], thread_ts)
            and looks_like_question(event.get("text", "")))


def register(app: App, services: Services) -> None:
    def on_message(ack: Ack, event: dict, context: BoltContext, client: WebClient) -> None:
        """Take a question for us on (durably, once) and hand the answer to the bot's pool, then ack."""
        if wanted(event, bot_user_id=context.bot_user_id, knows_thread=services.threads.knows):
            question = take(services, event, surface="dm" if event.get("channel_type") == "im" else "thread",
                            channel_type=event.get("channel_type", ""), bot_user_id=context.bot_user_id)
            if question is not None:
                services.submit(answer_in_thread, services=services, client=client, question=question)
        ack()

    app.event("message")(on_message)

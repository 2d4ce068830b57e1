"""/ask QUESTION: the answer privately, the question restated, a "Share in channel" button."""

from __future__ import annotations

import logging
import threading

from slack_bolt import Ack, App

from assistant.slack.answering import answer_privately
from assistant.slack.guards import rate_limited_text
from assistant.slack.memory import TTLCache
from assistant.slack.services import Services

log = logging.getLogger(__name__)
USAGE = "Type your question after the command, e.g. `/ask how often do social workers get supervision?`"
WORKING = "Looking that up… (only you can see this)"


def register(app: App, services: Services) -> None:
    # Bolt starts the lazy listener alongside the ack function, so both read one decision per trigger id.
    decisions: TTLCache[str] = TTLCache(300)
    lock = threading.Lock()

    def refusal(command: dict) -> str:
        """'' when the question goes ahead; otherwise the message the ack shows instead."""
        key = command.get("trigger_id") or f"{command.get('user_id')}:{command.get('text')}"
        with lock:
            decided = decisions.get(key)
            if decided is None:
                decided = ""
                if not command.get("text", "").strip():
                    decided = USAGE
                else:
                    wait_s = services.rate.check(command.get("user_id", ""))
                    if wait_s:
                        log.info("rate limited surface=ask user=%s wait_s=%d", command.get("user_id", ""), wait_s)
                        decided = rate_limited_text(wait_s)
                decisions.put(key, decided)
        return decided

    def acknowledge(ack: Ack, command: dict) -> None:
        ack(text=refusal(command) or WORKING)

    def run(command: dict) -> None:
        if refusal(command):
            return
        answer_privately(services, response_url=command.get("response_url", ""), user=command.get("user_id", ""),
                         channel=command.get("channel_id", ""), text=command.get("text", ""))

    app.command("/ask")(ack=acknowledge, lazy=[services.offload(run)])

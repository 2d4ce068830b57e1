"""Replies posted exactly once: at once when Slack takes them, later (the outbox) when it does not.

A thread reply carries message metadata naming the message it answers, so
before a held reply is posted again the thread is read back: a call that
timed out after Slack had posted it is not posted twice. A reply that cannot
be delivered within the outbox time-to-live is replaced by a short note
saying so (no content). At start, messages an earlier run took on but never
answered (it was stopped) get a note asking the person to ask again.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable

from slack_sdk import WebClient

from assistant.slack.blocks import note_blocks
from assistant.slack.ledger import Held, Ledger
from assistant.slack.privacy import where
from assistant.slack.webapi import Hook, Outcome, attempt

log = logging.getLogger(__name__)
REPLY_EVENT = "practice_assistant_reply"
THINKING = "eyes"  # the reaction on a question while it is being answered
MAX_WAIT_S = 60.0
PURGE_EVERY_S = 300.0
UNDELIVERED = ("Sorry, Slack wasn't accepting my messages, so I couldn't deliver my answer. Please ask again; "
               "if it keeps happening, give your administrator this reference: `{ref}`.")
INTERRUPTED = ("Sorry, I was restarted before I could answer this, so I have no answer for you. Please ask again "
               "(reference `{ref}`).")


class Courier:
    """Posts replies for one bot; ``start()`` runs the outbox in a background thread."""

    def __init__(self, client: WebClient, ledger: Ledger, *, ttl_s: float, first_retry_s: float,
                 hook: Callable[[str], Hook], clock: Callable[[], float] = time.time) -> None:
        self.client = client
        self.ledger = ledger
        self.ttl_s = ttl_s
        self.first_retry_s = first_retry_s
        self._hook = hook
        self._clock = clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.delivered_later = 0  # replies the outbox posted (for /healthz)

    # -- posting now -------------------------------------------------------------------------
    def thread_reply(self, key: str, *, ref: str, channel: str, thread_ts: str, message_ts: str, text: str,
                     blocks: list[dict[str, Any]]) -> str:
        """Reply in a thread once per ``key``: "posted", "held" (the outbox tries again), "refused" by Slack,
        or "already" posted."""
        if self.ledger.reply_ts(key):
            log.info("reply already posted ref=%s", ref)
            return "already"
        target = {"channel": channel, "thread_ts": thread_ts, "message_ts": message_ts}
        outcome = self._post(target, {"text": text, "blocks": blocks}, ref=ref)
        if outcome.ok:
            self.ledger.posted(key, reply_ts=str(outcome.response.get("ts") or "?"))
            return "posted"
        if outcome.transient:
            self.ledger.hold(key, ref=ref, kind="thread", target=target, reply={"text": text, "blocks": blocks},
                             due=self._clock() + max(self.first_retry_s, outcome.retry_after), ttl_s=self.ttl_s)
            log.info("reply held for another try ref=%s error=%s", ref, outcome.error)
            return "held"
        return "refused"

    def hook_reply(self, key: str, *, ref: str, url: str, message: dict[str, Any]) -> str:
        """Post ``message`` to a response_url: "posted", "held" or "refused" (ephemeral posts cannot be
        read back, so a held one is posted again without a check)."""
        outcome = attempt(self._hook(url), what="respond", ref=ref, **message)
        if outcome.ok:
            return "posted"
        if outcome.transient:
            self.ledger.hold(key, ref=ref, kind="hook", target={"url": url}, reply=message,
                             due=self._clock() + max(self.first_retry_s, outcome.retry_after), ttl_s=self.ttl_s)
            log.info("reply held for another try ref=%s error=%s", ref, outcome.error)
            return "held"
        return "refused"

    def _post(self, target: dict[str, Any], reply: dict[str, Any], *, ref: str) -> Outcome:
        return attempt(self.client.chat_postMessage, what="chat.postMessage", ref=ref, channel=target["channel"],
                       thread_ts=target["thread_ts"], text=reply["text"], blocks=reply["blocks"],
                       unfurl_links=False, unfurl_media=False,
                       metadata={"event_type": REPLY_EVENT,
                                 "event_payload": {"reply_to": target["message_ts"], "ref": ref}})

    # -- the outbox --------------------------------------------------------------------------
    def start(self) -> None:
        """Hand over what an earlier run left unanswered, then work through the outbox in the background."""
        for taken in self.ledger.unfinished():
            note = INTERRUPTED.format(ref=taken.ref)
            self.ledger.hold(taken.key, ref=taken.ref, kind="thread",
                             target={"channel": taken.channel, "thread_ts": taken.thread_ts,
                                     "message_ts": taken.message_ts},
                             reply={"text": note, "blocks": note_blocks(note)}, due=self._clock(), ttl_s=self.ttl_s)
            log.info("unanswered message handed over ref=%s channel=%s", taken.ref, taken.channel)
        self._thread = threading.Thread(target=self._run, name="slack-outbox", daemon=True)
        self._thread.start()

    def stop(self, *, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        purged = 0.0
        while not self._stop.is_set():
            try:
                self.run_due()
                if time.monotonic() - purged > PURGE_EVERY_S:
                    purged = time.monotonic()
                    self.ledger.purge()
            except Exception as exc:  # the outbox must outlive one bad pass; ids only
                log.error("outbox pass failed error=%s", where(exc))
            next_due = self.ledger.next_due()
            wait = 1.0 if next_due is None else min(1.0, max(0.05, next_due - self._clock()))
            self._stop.wait(wait)

    def run_due(self) -> int:
        """One pass over the held replies that are due; returns how many were tried."""
        held = self.ledger.due()
        for item in held:
            if self._stop.is_set():
                break
            self._retry(item)
        return len(held)

    def _retry(self, held: Held) -> None:
        if held.kind == "thread":
            found = self._find_reply(held)
            if found:
                self.ledger.posted(held.key, reply_ts=found)
                self.ledger.release(held.key)
                log.info("held reply was already in the thread ref=%s", held.ref)
                return
            outcome = self._post(held.target, held.reply, ref=held.ref) if found is not None else \
                Outcome(error="thread-unreadable", transient=True)
        else:
            outcome = attempt(self._hook(held.target["url"]), what="respond", ref=held.ref, **held.reply)
        now = self._clock()
        if outcome.ok:
            if held.kind == "thread":
                self.ledger.posted(held.key, reply_ts=str(outcome.response.get("ts") or "?"))
                self._unthink(held)
            self.ledger.release(held.key)
            self.delivered_later += 1
            log.info("held reply delivered ref=%s attempts=%d", held.ref, held.attempts + 1)
        elif outcome.transient and now < held.expires:
            wait = max(min(MAX_WAIT_S, self.first_retry_s * 2 ** (held.attempts + 1)), outcome.retry_after)
            self.ledger.postpone(held.key, due=min(now + wait, held.expires))
        else:
            self._give_up(held)

    def _find_reply(self, held: Held) -> str | bool | None:
        """Our reply's ts when it is already in the thread, False when it is not, None when unknown for now.
        A thread Slack will never let us read (e.g. a missing scope) counts as "not there": silence is worse."""
        target = held.target
        outcome = attempt(self.client.conversations_replies, what="conversations.replies", ref=held.ref,
                          channel=target["channel"], ts=target["thread_ts"], include_all_metadata=True, limit=200)
        if not outcome.ok:
            return None if outcome.transient else False
        for message in outcome.response.get("messages") or []:
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == REPLY_EVENT and \
                    (metadata.get("event_payload") or {}).get("reply_to") == target["message_ts"]:
                return str(message.get("ts") or "?")
        return False

    def _give_up(self, held: Held) -> None:
        """Tell the person (no content) and delete the held reply."""
        note = UNDELIVERED.format(ref=held.ref)
        if held.kind == "thread":
            told = self._post(held.target, {"text": note, "blocks": note_blocks(note)}, ref=held.ref).ok
            self._unthink(held)
        else:
            told = attempt(self._hook(held.target["url"]), what="respond", ref=held.ref, response_type="ephemeral",
                           replace_original=False, text=note, blocks=note_blocks(note)).ok
        self.ledger.release(held.key)
        log.warning("held reply given up ref=%s attempts=%d told=%s", held.ref, held.attempts + 1, told)

    def _unthink(self, held: Held) -> None:
        """Take the 👀 off the question (it may already be gone)."""
        attempt(self.client.reactions_remove, what="reactions.remove", ref=held.ref,
                channel=held.target["channel"], timestamp=held.target["message_ts"], name=THINKING)

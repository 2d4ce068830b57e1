"""Answer a question in a thread, or privately: the shared path of mentions, DMs, thread replies and /ask.

Every outcome is said out loud: an answer, "not found" with the documents
checked, a polite limit, or an apology with a reference id (never exception
text). Logs carry ids, counts and timings only.
"""

from __future__ import annotations

import html
import logging
import re
import time
from dataclasses import dataclass
from typing import Any, Callable

from slack_sdk import WebClient

from assistant.answers import Answer
from assistant.approved_store import Approved
from assistant.slack import blocks as bk
from assistant.slack.approved_blocks import approved_lead, approved_text
from assistant.slack.delivery import THINKING
from assistant.slack.guards import channel_allowed, rate_limited_text
from assistant.slack.ledger import message_key
from assistant.slack.privacy import where
from assistant.slack.services import Kept, Services, new_id
from assistant.slack.webapi import call

log = logging.getLogger(__name__)

APOLOGY = ("Sorry, something went wrong while I was answering, so I have no answer for you. Please try again; "
           "if it keeps happening, give your administrator this reference: `{ref}`.")
UNAVAILABLE = ("I can't reach the knowledge base just now, so I can't answer. Please try again in a few minutes; "
               "if it keeps happening, tell your administrator (reference `{ref}`).")
EMPTY_KB = ("The knowledge base has no documents loaded yet, so I can't answer. "
            "A manager can load them with `/kb-refresh`.")
HOW_TO = ("Ask me a question about your procedures or inspection findings, e.g. "
          "_How often do social workers get supervision?_ I answer from the council's documents and cite each source.")
NOT_HERE = ("I'm not switched on for this channel. You can ask me in a direct message, "
            "or privately here with `/ask your question`.")


def clean_question(text: str, *, bot_user_id: str | None) -> str:
    """The question as typed: the bot's own mention removed, Slack's escaping and link markup undone."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", " ", text)
    text = re.sub(r"<(?:https?|mailto):[^|>]*\|([^>]*)>", r"\1", text)  # <url|label> -> label
    text = re.sub(r"<((?:https?|mailto):[^>]*)>", r"\1", text)
    text = re.sub(r"<[#@!]([^|>]*)\|([^>]*)>", r"\2", text)
    # Line breaks are kept (one at a time): a line quoted with ">" is told before the question
    # (understand.without_markup)
    text = re.sub(r"[^\S\n]+", " ", text)
    return html.unescape(re.sub(r"\s*\n\s*", "\n", text)).strip()


def answer(services: Services, question: str, *, context: str, qid: str, surface: str) -> Answer:
    """Run the pipeline (at most a few at once); log ids and timings."""
    waited = time.perf_counter()
    with services.answering:
        started = time.perf_counter()
        result = services.assistant.ask(question, context=context)
    done = time.perf_counter()
    record_usage(services, result, qid=qid, surface=surface)
    log.info("answered surface=%s qid=%s abstained=%s reason=%s follow_up=%s cited=%s queue_ms=%.0f answer_ms=%.0f",
             surface, qid, result.abstained, result.reason or "-", bool(context),
             ",".join(c.source for c in result.citations) or "-", (started - waited) * 1000, (done - started) * 1000)
    return result


def record_usage(services: Services, result: Answer, *, qid: str, surface: str) -> None:
    """Count the question (ids only); a usage store that fails never holds up an answer."""
    if services.usage is None:
        return
    try:
        services.usage.record(question_id=qid, surface=surface, outcome=result.outcome,
                              cited=[c.source for c in result.citations], at=services.clock())
    except Exception as exc:
        log.warning("usage not recorded qid=%s error=%s", qid, type(exc).__name__)


def approved_for(services: Services, question: str, *, context: str, qid: str) -> Approved | None:
    """The manager-approved answer for a question that means the same, if any (never for a follow-up,
    whose meaning depends on its thread)."""
    if context:
        return None
    try:
        found = services.approved.match(question)
    except Exception as exc:  # the retrieved answer still goes out
        log.warning("approved answers unavailable qid=%s error=%s", qid, where(exc))
        return None
    if found is not None:
        log.info("approved answer shown qid=%s approved=%s", qid, found[0].id)
    return found[0] if found else None


def reply_blocks(services: Services, kept: Kept, *, qid: str, asked: bool = False, share: bool = False,
                 shared_by: str | None = None) -> list[dict[str, Any]] | None:
    """The Block Kit for a kept answer: the approved answer first when there is one, "Ask a person" when
    escalation is configured; None when Slack's limits would refuse them (the text fallback goes alone)."""
    lead = approved_lead(kept.approved) if kept.approved else None
    return bk.checked(bk.answer_blocks(kept.answer, qid=qid, asked=kept.question if asked else None, share=share,
                                       shared_by=shared_by, escalate=bool(services.settings.escalation_channel),
                                       lead=lead))


def reply_text(kept: Kept, *, asked: bool = False) -> str:
    """The text fallback for :func:`reply_blocks`."""
    text = bk.answer_text(kept.answer, asked=kept.question if asked else None)
    if kept.approved:
        text = (approved_text(kept.approved) + "\n\n" + text)[: bk.FALLBACK_CHARS]
    return text


def unreachable(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) is a connection to a service that failed, e.g. a Chroma server that
    is down: the person is told the knowledge base is unavailable rather than given an error reference."""
    import httpx

    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, (ConnectionError, TimeoutError, httpx.TransportError)):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def failure_text(exc: BaseException, *, ref: str, surface: str) -> str:
    """What to tell the user about ``exc`` (never its text); the log gets its type and place."""
    from ingest.store import StoreEmpty

    if isinstance(exc, StoreEmpty):
        log.warning("no knowledge base surface=%s ref=%s", surface, ref)
        return EMPTY_KB
    if unreachable(exc):
        log.error("knowledge base unreachable surface=%s ref=%s error=%s", surface, ref, where(exc))
        return UNAVAILABLE.format(ref=ref)
    log.error("answer failed surface=%s ref=%s error=%s", surface, ref, where(exc))
    return APOLOGY.format(ref=ref)


@dataclass
class Question:
    """A message to answer in its thread: where it is, who asked, and the key it is answered once under."""

    key: str
    ref: str
    surface: str
    channel: str
    channel_type: str
    user: str
    message_ts: str
    thread_ts: str | None
    text: str
    bot_user_id: str | None

    @property
    def root(self) -> str:
        return self.thread_ts or self.message_ts


def take(services: Services, event: dict, *, surface: str, channel_type: str, bot_user_id: str | None) -> Question | None:
    """Record (durably, before the ack) that the bot answers this message; None when it already did, e.g. a
    redelivery, or the ``message`` twin of an ``app_mention``."""
    channel, ts = event["channel"], event["ts"]
    question = Question(key=message_key(channel, ts), ref=new_id(), surface=surface, channel=channel,
                        channel_type=channel_type, user=event.get("user", ""), message_ts=ts,
                        thread_ts=event.get("thread_ts"), text=event.get("text", ""), bot_user_id=bot_user_id)
    if not services.ledger.take(question.key, ref=question.ref, channel=channel, thread_ts=question.root,
                                message_ts=ts, user_id=question.user):
        log.info("message already taken surface=%s channel=%s ts=%s", surface, channel, ts)
        return None
    return question


def answer_in_thread(services: Services, client: WebClient, *, question: Question) -> None:
    """Answer ``question`` in its thread, with the thread's earlier questions as context; exactly one reply."""
    started = time.perf_counter()
    q = question
    qid = q.ref
    dm = q.channel_type == "im"

    def reply(text: str, blocks: list[dict] | None) -> str:
        return services.courier.thread_reply(q.key, ref=qid, channel=q.channel, thread_ts=q.root,
                                             message_ts=q.message_ts, text=text, blocks=blocks)

    def tell(note: str, *, private: bool) -> str:
        if private and not dm:
            posted = call(client.chat_postEphemeral, what="chat.postEphemeral", ref=qid, channel=q.channel,
                          user=q.user, thread_ts=q.thread_ts, text=note, blocks=bk.note_blocks(note))
            return "posted" if posted is not None else "refused"
        return reply(note, bk.note_blocks(note))

    try:
        outcome = _answer(services, client, q=q, reply=reply, tell=tell)
    finally:
        services.ledger.finish(q.key)
    log.info("replied surface=%s qid=%s channel=%s user=%s outcome=%s total_ms=%.0f", q.surface, qid, q.channel,
             q.user, outcome, (time.perf_counter() - started) * 1000)


def _answer(services: Services, client: WebClient, *, q: Question, reply: Callable[[str, Any], str],
            tell: Callable[..., str]) -> str:
    qid = q.ref
    if not channel_allowed(q.channel, services.settings.allowed_channels, channel_type=q.channel_type):
        log.info("refused surface=%s qid=%s channel=%s reason=channel-not-allowed", q.surface, qid, q.channel)
        return tell(NOT_HERE, private=True)
    text = clean_question(q.text, bot_user_id=q.bot_user_id)
    if not text:
        return tell(HOW_TO, private=False)
    wait_s = services.rate.check(q.user)
    if wait_s:
        log.info("rate limited surface=%s qid=%s user=%s wait_s=%d", q.surface, qid, q.user, wait_s)
        return tell(rate_limited_text(wait_s), private=True)

    call(client.reactions_add, what="reactions.add", ref=qid, channel=q.channel, timestamp=q.message_ts,
         name=THINKING)
    outcome = "refused"
    try:
        context = services.threads.context(q.channel, q.root) if q.thread_ts else ""
        result = answer(services, text, context=context, qid=qid, surface=q.surface)
        services.threads.remember(q.channel, q.root, question=text)
        kept = Kept(question=text, answer=result, user=q.user,
                    approved=approved_for(services, text, context=context, qid=qid))
        services.answers.put(qid, kept)
        outcome = reply(reply_text(kept), reply_blocks(services, kept, qid=qid))
        if outcome == "refused":  # e.g. Slack rejected the message: say so rather than stay silent
            note = APOLOGY.format(ref=qid)
            outcome = reply(note, bk.note_blocks(note))
    except Exception as exc:
        note = failure_text(exc, ref=qid, surface=q.surface)
        outcome = reply(note, bk.note_blocks(note))
    finally:
        if outcome != "held":  # a held reply takes the 👀 off when it is delivered
            call(client.reactions_remove, what="reactions.remove", ref=qid, channel=q.channel,
                 timestamp=q.message_ts, name=THINKING)
    return outcome


def answer_privately(services: Services, *, response_url: str, user: str, channel: str, text: str) -> None:
    """/ask: the answer as an ephemeral message with the question restated and a "Share in channel" button."""
    started = time.perf_counter()
    qid = new_id()
    question = clean_question(text, bot_user_id=None)

    def reply(text: str, blocks: list[dict] | None) -> str:
        message = {"response_type": "ephemeral", "replace_original": False, "text": text, "blocks": blocks}
        return services.courier.hook_reply(f"ask:{qid}", ref=qid, url=response_url, message=message)

    try:
        result = answer(services, question, context="", qid=qid, surface="ask")
        kept = Kept(question=question, answer=result, user=user,
                    approved=approved_for(services, question, context="", qid=qid))
        services.answers.put(qid, kept)
        outcome = reply(reply_text(kept, asked=True), reply_blocks(services, kept, qid=qid, asked=True, share=True))
        if outcome == "refused":  # the answer was refused: say so rather than stay silent
            note = APOLOGY.format(ref=qid)
            outcome = reply(note, bk.note_blocks(note))
    except Exception as exc:
        note = failure_text(exc, ref=qid, surface="ask")
        outcome = reply(note, bk.note_blocks(note))
    log.info("replied surface=ask qid=%s channel=%s user=%s outcome=%s total_ms=%.0f", qid, channel, user,
             outcome, (time.perf_counter() - started) * 1000)

""""Ask a person": an answer's button posts to the escalation channel, mentioning the duty group or people,
with a link to the asker's thread (chat.getPermalink) and never a copy of the question; the asker's thread
is told who was asked. The post's "Mark resolved" button notes the resolution in the asker's thread.

Answers seen only by the asker (a DM with the bot, a private /ask answer) have no thread the duty team
could open, so their post asks the team to message the person directly. Escalations are stored as
Slack ids, states and times only (``assistant/slack/escalations.py``).
"""

from __future__ import annotations

import json
import logging
import time

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from assistant.slack import blocks as bk
from assistant.slack.escalations import Escalation, NotAnId, slack_id, slack_ts
from assistant.slack.services import Services, safe_id
from assistant.slack.webapi import call

log = logging.getLogger(__name__)

RESOLVE = "escalation_resolve"
OUTCOME_WORDS = {"answered": "answered", "partial": "could only answer in part", "not_found": "could not answer"}
NOT_CONFIGURED = "Asking a person is not switched on here: contact your duty manager directly."
FAILED = ("Sorry, I couldn't reach the duty team just now. Please contact your duty manager directly; "
          "reference `{ref}`.")


def mentions(ids: list[str]) -> str:
    """Slack mentions: ``<!subteam^S…>`` for a user group, ``<@U…>`` for a person."""
    return " ".join(f"<!subteam^{i}>" if i.startswith("S") else f"<@{i}>" for i in ids)


def when(iso: str) -> str:
    """A time Slack shows in each reader's own time zone."""
    from datetime import datetime

    stamp = int(datetime.fromisoformat(iso).timestamp())
    return f"<!date^{stamp}^{{date_short_pretty}} at {{time}}|{iso[:16].replace('T', ' ')} UTC>"


def post_text(e: Escalation, *, who: str, permalink: str | None) -> str:
    """The escalation post: who is wanted, by whom, where; the question is never copied."""
    head = (f":raising_hand: {who}: <@{e.raised_by}> would like a person to help with a question the practice "
            f"assistant {OUTCOME_WORDS[e.outcome]}.")
    if permalink:
        return (f"{head}\n<{permalink}|Open their thread> to read the question and reply there. "
                "The question is not copied here.")
    return (f"{head}\nThey asked privately, so there is no thread to open and the question is not copied here: "
            f"please message <@{e.raised_by}> directly.")


def resolved_text(e: Escalation) -> str:
    return f"✅ Resolved by <@{e.resolved_by}> {when(e.resolved_at or '')}."


def register(app: App, services: Services) -> None:
    settings = services.settings
    store = services.escalations

    def acknowledge(ack: Ack) -> None:
        ack()

    def private(respond: Respond, text: str, *, ref: str = "-") -> None:
        call(respond, what="respond", ref=ref, response_type="ephemeral", replace_original=False,
             text=text, blocks=bk.note_blocks(text))

    def ask_person(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        started = time.perf_counter()
        container, message = body.get("container") or {}, body.get("message") or {}
        try:
            value = json.loads(action.get("value") or "{}")
            qid, outcome = safe_id(value.get("q")), value.get("o")
            user, channel = slack_id(body.get("user", {}).get("id")), slack_id(container.get("channel_id"))
            ephemeral = bool(container.get("is_ephemeral"))
            answer_ts = None if ephemeral else slack_ts(container.get("message_ts"))
            thread_ts = None if ephemeral else slack_ts(message.get("thread_ts") or answer_ts)
        except (NotAnId, ValueError, TypeError, AttributeError):
            log.warning("escalation ignored reason=bad-payload")
            private(respond, "Sorry, I couldn't read that request. Please contact your duty manager directly.")
            return
        if not settings.escalation_channel:
            private(respond, NOT_CONFIGURED, ref=qid)
            return
        try:
            e = store.open(question_id=qid, outcome=outcome, asked_channel=channel, asked_thread_ts=thread_ts,
                           answer_ts=answer_ts, raised_by=user, post_channel=settings.escalation_channel)
        except NotAnId:
            log.warning("escalation ignored qid=%s reason=bad-value", qid)
            private(respond, "Sorry, I couldn't read that request. Please contact your duty manager directly.")
            return
        if e is None:
            earlier = store.for_question(qid)
            state = "has been resolved" if earlier and earlier.state == "resolved" else "is still open"
            private(respond, f"A person has already been asked about this answer, and the request {state}.", ref=qid)
            return
        # A thread in a channel can be opened by the duty team; a DM or an ephemeral answer cannot.
        shareable = answer_ts is not None and channel[0] in "CG"
        link = call(client.chat_getPermalink, what="chat.getPermalink", ref=qid, channel=channel,
                    message_ts=answer_ts) if shareable else None
        permalink = link.get("permalink") if link is not None else None
        who = mentions(settings.escalation_mention)
        text = post_text(e, who=who, permalink=permalink)
        posted = call(client.chat_postMessage, what="chat.postMessage", ref=qid, channel=e.post_channel, text=text,
                      blocks=[bk.section(text), {"type": "actions", "block_id": f"escalation:{e.id}", "elements": [
                          bk.button("Mark resolved", RESOLVE, value=e.id, style="primary")]}],
                      unfurl_links=False, unfurl_media=False)
        if posted is None:
            store.withdraw(e.id)
            private(respond, FAILED.format(ref=qid), ref=qid)
            log.info("escalation failed qid=%s user=%s", qid, user)
            return
        store.posted(e.id, post_ts=posted.get("ts"))
        asked = (f"I've asked {who} in <#{e.post_channel}> to help. "
                 + ("They have a link to this thread, not a copy of your question, and will reply here."
                    if permalink else "Your question was not copied to them; they will message you directly."))
        tell_asker(client, e, asked, respond=respond)
        log.info("escalation raised id=%s qid=%s user=%s channel=%s linked=%s ms=%.0f", e.id, qid, user, channel,
                 permalink is not None, (time.perf_counter() - started) * 1000)

    def tell_asker(client: WebClient, e: Escalation, text: str, *, respond: Respond | None = None) -> None:
        """In the asker's thread; for a private answer, through its response_url (or a DM when that is gone)."""
        if e.asked_thread_ts:
            call(client.chat_postMessage, what="chat.postMessage", ref=e.id, channel=e.asked_channel,
                 thread_ts=e.asked_thread_ts, text=text, blocks=bk.note_blocks(text))
        elif respond is not None:
            private(respond, text, ref=e.id)
        else:
            call(client.chat_postMessage, what="chat.postMessage", ref=e.id, channel=e.raised_by, text=text,
                 blocks=bk.note_blocks(text))

    def resolve(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        escalation_id = str(action.get("value") or "")
        try:
            user = slack_id(body.get("user", {}).get("id"))
        except NotAnId:
            return
        e = store.resolve(escalation_id, user=user) if len(escalation_id) == 16 else None
        if e is None:
            earlier = store.get(escalation_id) if len(escalation_id) == 16 else None
            note = (f"This was already marked resolved by <@{earlier.resolved_by}>." if earlier
                    else "I no longer have a record of this request.")
            private(respond, note)
            return
        # The post as Slack shows it (our own text, never the question), with the resolution added.
        original = (body.get("message") or {}).get("text") or f"<@{e.raised_by}> asked for a person."
        update = f"{original}\n{resolved_text(e)}"
        call(client.chat_update, what="chat.update", ref=e.id, channel=e.post_channel, ts=e.post_ts, text=update,
             blocks=[bk.section(update[:3000])])
        tell_asker(client, e, f"<@{user}> has marked your request for a person as resolved.")
        log.info("escalation resolved id=%s by=%s", e.id, user)

    app.action(bk.ASK_PERSON)(ack=acknowledge, lazy=[services.offload(ask_person)])
    app.action(RESOLVE)(ack=acknowledge, lazy=[services.offload(resolve)])

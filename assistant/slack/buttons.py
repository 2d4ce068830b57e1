"""Buttons on answers: "Show passages" (ephemeral), 👍 / 👎 (stored as ids), "Share in channel" (from /ask).

Sharing posts through the private answer's response_url (``in_channel``): it works for an ephemeral
message wherever /ask was used, even in a channel the bot is not in. Should that fail (say, the
response_url has expired), the bot posts with chat.postMessage, which needs it to be in the channel.
"""

from __future__ import annotations

import json
import logging

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from assistant.slack import blocks as bk
from assistant.slack.answering import reply_blocks, reply_text
from assistant.slack.services import Services, safe_id
from assistant.slack.webapi import call

log = logging.getLogger(__name__)

EXPIRED = ("That answer is no longer in my short-term memory (answers are kept for {minutes} minutes and never "
           "stored). Please ask again.")


def register(app: App, services: Services) -> None:
    minutes = max(1, services.settings.thread_ttl_s // 60)

    def private(respond: Respond, text: str, *, ref: str = "-") -> None:
        """A short note of ours (mrkdwn), to the clicker only."""
        call(respond, what="respond", ref=ref, response_type="ephemeral", replace_original=False,
             text=text[:3000], blocks=bk.note_blocks(text))

    def acknowledge(ack: Ack) -> None:
        ack()

    def documents() -> set[str]:
        from ingest.store import StoreEmpty

        try:
            return set(services.assistant.store.live().manifest().documents)
        except StoreEmpty:
            return set()

    def show_passages(body: dict, action: dict, respond: Respond) -> None:
        qid = safe_id(action.get("value", ""))
        kept = services.answers.get(qid)
        user = body.get("user", {}).get("id", "")
        log.info("passages shown qid=%s user=%s found=%s", qid, user, kept is not None)
        if kept is None:
            private(respond, EXPIRED.format(minutes=minutes), ref=qid)
            return
        citations = (kept.approved.citations if kept.approved else []) + kept.answer.citations
        call(respond, what="respond", ref=qid, response_type="ephemeral", replace_original=False,
             text=bk.passages_text(citations), blocks=bk.checked(bk.passages_blocks(citations)))

    def vote(body: dict, action: dict, respond: Respond) -> None:
        user = body.get("user", {}).get("id", "")
        try:
            value = json.loads(action.get("value", "{}"))
            qid, cited = safe_id(value["q"]), [str(d) for d in value.get("d", [])][:20]
            if qid == "invalid":
                raise ValueError("not one of our question ids")
            known = documents()
            cited = [d for d in cited if d in known]  # document ids only, never free text
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("feedback ignored user=%s reason=bad-value", user)
            private(respond, "Sorry, I couldn't record that feedback.")
            return
        choice = "up" if action.get("action_id") == bk.FEEDBACK_UP else "down"
        try:
            services.records.vote(user_id=user, question_id=qid, vote=choice, cited=cited)
        except Exception as exc:
            log.error("feedback not stored qid=%s user=%s error=%s", qid, user, type(exc).__name__)
            private(respond, f"Sorry, I couldn't record that feedback. Reference: `{qid}`.", ref=qid)
            return
        log.info("feedback qid=%s user=%s vote=%s cited=%s", qid, user, choice, ",".join(cited) or "-")
        thanks = "Thanks, noted as helpful." if choice == "up" else (
            "Thanks for telling me. Your vote is recorded (ids only) so the knowledge base can be improved.")
        private(respond, thanks, ref=qid)

    def share(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        qid = safe_id(action.get("value", ""))
        user = body.get("user", {}).get("id", "")
        kept = services.answers.get(qid)
        if kept is None:
            private(respond, EXPIRED.format(minutes=minutes), ref=qid)
            return
        if kept.user != user:
            private(respond, "Only the person who asked can share this answer.", ref=qid)
            return
        text = reply_text(kept, asked=True)
        blocks = reply_blocks(services, kept, qid=qid, asked=True, shared_by=user)
        posted, way = call(respond, what="respond", ref=qid, response_type="in_channel",
                           replace_original=False, text=text, blocks=blocks), "response_url"
        channel = (body.get("container") or {}).get("channel_id") or (body.get("channel") or {}).get("id")
        if posted is None and channel:
            posted, way = call(client.chat_postMessage, what="chat.postMessage", ref=qid, channel=channel, text=text,
                               blocks=blocks, unfurl_links=False, unfurl_media=False), "chat.postMessage"
        if posted is not None:
            call(respond, what="respond", ref=qid, delete_original=True)
        else:
            private(respond, "Sorry, I couldn't post the answer in this channel. If I'm not a member, invite me "
                             "with `/invite`, then ask again.", ref=qid)
        log.info("shared qid=%s user=%s posted=%s via=%s", qid, user, posted is not None, way)

    app.action(bk.SHOW_PASSAGES)(ack=acknowledge, lazy=[services.offload(show_passages)])
    app.action(bk.FEEDBACK_UP)(ack=acknowledge, lazy=[services.offload(vote)])
    app.action(bk.FEEDBACK_DOWN)(ack=acknowledge, lazy=[services.offload(vote)])
    app.action(bk.SHARE)(ack=acknowledge, lazy=[services.offload(share)])

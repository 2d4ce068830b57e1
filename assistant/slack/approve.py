"""Approving an answer (managers): an answer's ⋯ menu, or `/kb-approve QUESTION`, opens a form to tick the
passages that support it, quote them, and give it a short title; the form is checked before it closes.

The question is held in memory while the form is open (as answers are, for the thread time-to-live) and
only its embedding is stored (docs/approved-answers.md).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from assistant.answers import Answer, Citation
from assistant.quoting import NotQuoted
from assistant.slack import approved_blocks as ab
from assistant.slack import blocks as bk
from assistant.slack.answering import answer, clean_question, failure_text
from assistant.slack.managers import Gate
from assistant.slack.memory import TTLCache
from assistant.slack.services import Services, new_id, safe_id
from assistant.slack.webapi import call

log = logging.getLogger(__name__)

USAGE = "Type the question after the command, e.g. `/kb-approve how often are newly qualified social workers supervised?`"
EXPIRED = "That answer is no longer in my short-term memory. Use `/kb-approve your question` instead."
NOTHING = "Nothing was retrieved for that question, so there is no passage to approve an answer from."
FORM_EXPIRED = "This form has expired; please start again."


@dataclass
class Draft:
    """An open approval form: the question (in memory only), the passages offered, who opened it."""

    question: str
    passages: list[Citation]
    user: str


def register(app: App, services: Services) -> None:
    drafts: TTLCache[Draft] = TTLCache(services.settings.thread_ttl_s, max_items=500)
    gate = Gate.for_services(services)

    def acknowledge(ack: Ack) -> None:
        ack()

    def private(respond: Respond, text: str) -> None:
        call(respond, what="respond", response_type="ephemeral", replace_original=False, text=text,
             blocks=bk.note_blocks(text))

    def manager(command: str, user: str, client: WebClient, respond: Respond) -> bool:
        return gate.allowed(command, user=user, client=client, respond=respond)

    def form(client: WebClient, *, user: str, question: str, result: Answer, trigger_id: str | None = None,
             view_id: str | None = None) -> bool:
        """Open (or fill in an opened) approval form for ``result``; False when there is nothing to approve."""
        passages = ab.candidates(result)
        if not passages:
            view = ab.note_modal(NOTHING)
        else:
            draft_id = new_id()
            drafts.put(draft_id, Draft(question=question, passages=passages, user=user))
            view = ab.approve_modal(draft_id, passages, wording=result.answer if result.citations else "",
                                    cited=len(result.citations))
        if view_id:
            call(client.views_update, what="views.update", view_id=view_id, view=view)
        else:
            call(client.views_open, what="views.open", trigger_id=trigger_id, view=view)
        return bool(passages)

    def from_menu(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        kind, _, qid = ((action.get("selected_option") or {}).get("value") or "").partition(":")
        if kind != bk.APPROVE_OPTION:
            return
        qid, user = safe_id(qid), body.get("user", {}).get("id", "")
        if not manager("approve", user, client, respond):
            return
        kept = services.answers.get(qid)
        if kept is None:
            private(respond, EXPIRED)
            return
        form(client, user=user, question=kept.question, result=kept.answer, trigger_id=body.get("trigger_id"))
        log.info("approval form opened qid=%s user=%s from=menu", qid, user)

    def kb_approve(command: dict, respond: Respond, client: WebClient) -> None:
        user = command.get("user_id", "")
        if not manager("/kb-approve", user, client, respond):
            return
        question = clean_question(command.get("text", ""), bot_user_id=None)
        if not question:
            private(respond, USAGE)
            return
        qid = new_id()
        # A trigger id lasts 3 seconds: open the form at once, fill it in when the answer is ready.
        opened = call(client.views_open, what="views.open", ref=qid, trigger_id=command.get("trigger_id"),
                      view=ab.note_modal("Looking that up…"))
        view_id = ((opened.get("view") or {}).get("id")) if opened is not None else None
        try:
            result = answer(services, question, context="", qid=qid, surface="kb-approve")
        except Exception as exc:
            note = failure_text(exc, ref=qid, surface="kb-approve")
            if view_id:
                call(client.views_update, what="views.update", ref=qid, view_id=view_id, view=ab.note_modal(note))
            services.records.audit(user_id=user, command="/kb-approve", allowed=True, outcome="failed")
            return
        form(client, user=user, question=question, result=result, view_id=view_id,
             trigger_id=None if view_id else command.get("trigger_id"))
        services.records.audit(user_id=user, command="/kb-approve", allowed=True, outcome="ok")

    def checked(body: dict, view: dict) -> tuple[Draft, tuple[str, str, list[Citation]]]:
        """The draft and the checked form; raises NotQuoted (or KeyError when the form expired)."""
        draft = drafts.get(str(view.get("private_metadata") or ""))
        if draft is None or draft.user != body.get("user", {}).get("id"):
            raise KeyError("form expired")
        title, ticked, wording = ab.form_values(view)
        picked = [draft.passages[i] for i in ticked if i < len(draft.passages)]
        return draft, services.approved.check(title=title, wording=wording, passages=picked)

    def on_submit(ack: Ack, body: dict, view: dict) -> None:
        try:
            checked(body, view)
        except KeyError:
            ack(response_action="errors", errors={ab.TITLE: FORM_EXPIRED})
            return
        except NotQuoted as exc:
            ack(response_action="errors", errors={field: text[:300] for field, text in exc.by_field().items()})
            return
        ack()

    def store(body: dict, view: dict, client: WebClient) -> None:
        user = body.get("user", {}).get("id", "")
        draft_id = str(view.get("private_metadata") or "")
        try:
            draft, _ = checked(body, view)
        except (KeyError, NotQuoted):
            return  # the form was refused with its reasons
        if not gate.managers.is_manager(user, client):
            services.records.audit(user_id=user, command="approve", allowed=False, outcome="refused")
            return
        title, ticked, wording = ab.form_values(view)
        try:
            item = services.approved.approve(question=draft.question, title=title, wording=wording,
                                             passages=[draft.passages[i] for i in ticked], user=user)
        except NotQuoted:
            text = "Sorry, that approval could not be saved because the knowledge base changed meanwhile."
            outcome = "failed"
        else:
            text = (f"Approved: *{bk.escape(item.title)}*. It is shown first, marked as approved, when someone asks "
                    "a question that means the same, until a document it cites changes. `/kb-approved` lists them.")
            outcome = "ok"
        drafts.put(draft_id, Draft(question="", passages=[], user=""))  # the question leaves memory now
        services.records.audit(user_id=user, command="approve", allowed=True, outcome=outcome)
        call(client.chat_postMessage, what="chat.postMessage", channel=user, text=text, blocks=bk.note_blocks(text))

    app.action(bk.ANSWER_MENU)(ack=acknowledge, lazy=[services.offload(from_menu)])
    app.command("/kb-approve")(ack=acknowledge, lazy=[services.offload(kb_approve)])
    app.view(ab.APPROVE_VIEW)(ack=on_submit, lazy=[services.offload(store)])

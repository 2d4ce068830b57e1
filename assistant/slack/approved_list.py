"""/kb-approved (managers): the approved answers, each with a Remove button; and telling managers, by DM and
once per answer, when an approved answer has gone stale because a document it cites changed or went.

Staleness is checked after every refresh this process publishes, whenever a question meets the live
version for the first time (which also catches a refresh run from the command line), and at start-up.
"""

from __future__ import annotations

import logging
import threading

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from assistant.approved_store import Approved
from assistant.slack import approved_blocks as ab
from assistant.slack import blocks as bk
from assistant.slack.managers import Gate
from assistant.slack.services import Services
from assistant.slack.webapi import call

log = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    approved = services.approved
    telling = threading.Lock()
    gate = Gate.for_services(services)

    def acknowledge(ack: Ack) -> None:
        ack()

    def say(respond: Respond, blocks: list[dict], text: str, *, replace: bool = False) -> None:
        call(respond, what="respond", response_type="ephemeral", replace_original=replace, text=text,
             blocks=bk.checked(blocks) or bk.note_blocks(text))

    def listing_text(items: list[Approved]) -> str:
        return f"{len(items)} approved answer{'s' if len(items) != 1 else ''}" + "".join(
            f"\n• {bk.escape(i.title)} ({i.state})" for i in items[:20])

    def kb_approved(command: dict, respond: Respond, client: WebClient) -> None:
        user = command.get("user_id", "")
        if not gate.allowed("/kb-approved", user=user, client=client, respond=respond):
            return
        items = approved.listing()
        services.records.audit(user_id=user, command="/kb-approved", allowed=True, outcome="ok")
        say(respond, ab.approved_list(items), listing_text(items))

    def remove(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        user = body.get("user", {}).get("id", "")
        if not gate.allowed("approved-remove", user=user, client=client, respond=respond):
            return
        approved_id = str(action.get("value") or "")
        removed = approved.remove(approved_id, user=user) if len(approved_id) == 12 else False
        services.records.audit(user_id=user, command="approved-remove", allowed=True,
                               outcome="ok" if removed else "failed")
        items = approved.listing()
        note = "Removed. " if removed else "That approved answer was already removed. "
        say(respond, [bk.context(note)] + ab.approved_list(items), note + listing_text(items), replace=True)

    def tell_managers(client: WebClient) -> None:
        """DM every manager about each stale approved answer nobody has been told about yet."""
        with telling:
            waiting = approved.awaiting_notice()
            if not waiting:
                return
            people = gate.managers.everyone(client)
            if not people:
                log.warning("stale approved answers not told reason=no-managers count=%d", len(waiting))
                return
            for item in waiting:
                text = ab.stale_notice(item)
                sent = [call(client.chat_postMessage, what="chat.postMessage", ref=item.id, channel=person,
                             text=text, blocks=bk.note_blocks(text)) for person in people]
                if any(r is not None for r in sent):
                    approved.records.mark_notified(item.id)
                log.info("stale approved answer told id=%s managers=%d delivered=%d", item.id, len(people),
                         sum(r is not None for r in sent))

    def tell_stale() -> None:
        tell_managers(app.client)

    def check_stale() -> None:
        approved.retire_stale(force=True)
        tell_managers(app.client)

    approved.on_stale(lambda _items: services.later(tell_stale))
    services.refresher.on_publish(lambda _summary: services.later(check_stale))
    services.later(check_stale)  # anything that went stale while the bot was not running
    app.command("/kb-approved")(ack=acknowledge, lazy=[services.offload(kb_approved)])
    app.action(ab.REMOVE)(ack=acknowledge, lazy=[services.offload(remove)])

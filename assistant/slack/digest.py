"""The managers' digest by direct message, on ``KB_DIGEST_SCHEDULE`` (cron, Europe/London), from inside `serve`.

Each run covers the ``KB_DIGEST_DAYS`` (default 7) days up to today and goes to every manager: the user ids in
``KB_MANAGERS`` and the members of ``KB_MANAGER_USERGROUP``. Each DM is opened with conversations.open and
posted with chat.postMessage. Logs carry counts and user ids only.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any, Callable

from slack_sdk import WebClient

from assistant.clock import Clock, today
from assistant.slack import blocks as bk
from assistant.slack.managers import Managers
from assistant.slack.privacy import where
from assistant.slack.services import new_id
from assistant.slack.webapi import call
from config.settings import Settings
from ingest.store import KnowledgeStore

log = logging.getLogger(__name__)
JOB_ID = "kb-digest"


def digest_blocks(digest: dict[str, Any]) -> list[dict[str, Any]]:
    """A header, then one section per part of the digest (documents, findings, sources)."""
    from assistant.digest import digest_parts

    parts = digest_parts(digest, slack=True, escape=bk.inert)
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": "Weekly knowledge base digest"}}]
    blocks += [block for part in parts for block in bk.sections(part)]  # split at line ends, <= 3,000 each
    blocks.append(bk.context("Sent to the managers of this bot. `python bot.py digest --since YYYY-MM-DD` "
                             "gives the same for any date."))
    return blocks[: bk.MAX_BLOCKS]


def send_digest(client: WebClient, store: KnowledgeStore, managers: Managers, *, clock: Clock, days: int = 7) -> int:
    """Build the digest of the last ``days`` days and DM it to every manager; returns how many received it."""
    from assistant.digest import build_digest, digest_text

    ref = new_id()
    recipients = managers.everyone(client)
    if not recipients:
        log.warning("digest not sent ref=%s reason=no-managers", ref)
        return 0
    until = today(clock)
    digest = build_digest(store, since=until - timedelta(days=days - 1), today=until)
    text = digest_text(digest, slack=True, escape=bk.inert)
    blocks = bk.checked(digest_blocks(digest))
    sent = 0
    for user in recipients:
        opened = call(client.conversations_open, what="conversations.open", ref=ref, users=user)
        channel = (opened.get("channel") or {}).get("id") if opened is not None else None
        if channel and call(client.chat_postMessage, what="chat.postMessage", ref=ref, channel=channel,
                            text=text[:3000], blocks=blocks, unfurl_links=False, unfurl_media=False) is not None:
            sent += 1
    log.info("digest sent ref=%s managers=%d delivered=%d new=%d changed=%d findings=%d", ref, len(recipients), sent,
             len(digest["new"]), len(digest["changed"]), len(digest["findings"]))
    return sent


def digest_job(client: WebClient, store: KnowledgeStore, settings: Settings, *, clock: Clock) -> Callable[[], int]:
    """A no-argument job for the scheduler; it never raises (the next run tries again)."""
    managers = Managers(settings.managers, settings.manager_usergroup)

    def run() -> int:
        try:
            return send_digest(client, store, managers, clock=clock, days=settings.digest_days)
        except Exception as exc:  # noqa: BLE001 - a failed run must not stop the scheduler
            log.error("digest failed error=%s", where(exc))
            return 0

    return run


def start_from_settings(settings: Settings, client: WebClient, store: KnowledgeStore, *, clock: Clock):
    """What `serve` calls: the digest on ``settings.digest_schedule``, or None when none is set."""
    from ingest.schedule import start_schedule

    if not settings.digest_schedule:
        return None
    return start_schedule(settings.digest_schedule, digest_job(client, store, settings, clock=clock), job_id=JOB_ID,
                          setting="digest_schedule")

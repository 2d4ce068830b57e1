"""Manager commands: /kb-status, /kb-sources [filter | overdue], /kb-refresh, /kb-actions [authority] [theme].

Who counts as a manager, the refusal and the audit: assistant/slack/managers.py.
"""

from __future__ import annotations

import errno
import logging
import time
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from assistant.slack import blocks as bk
from assistant.slack.managers import Gate, say
from assistant.slack.privacy import where
from assistant.slack.services import Services, new_id

log = logging.getLogger(__name__)

PROGRESS_EVERY_S = 20.0
PROGRESS_POSTS = 2  # a response_url takes five messages: start, two progress notes, summary
LIST_LINES = 20
SOURCES_SHOWN = 150
ACTIONS_CHARS = 12000
DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
DISK_FULL_TEXT = ("The refresh stopped because the disk holding the knowledge base is full, so nothing changed: "
                  "questions are still answered from the current version. Free some space (or ask IT to), then run "
                  "`/kb-refresh` again. Reference: `{ref}`.")


def status_text(info: dict[str, Any]) -> str:
    if info.get("version") is None:
        return "*Knowledge base*\nNo documents are loaded yet. Run `/kb-refresh` to index the documents folder."
    lines = [
        "*Knowledge base*",
        f"Documents: {info['documents']}",
        f"Passages: {info['passages']}",
        f"Last refresh: {info.get('last_ingest') or 'unknown'}",
        f"Model: {bk.escape(str(info.get('model') or 'unknown'))}",
        f"Store: {bk.escape(str(info.get('store')))}",
        f"Index versions kept: {info.get('versions_kept')}",
    ]
    quarantined = info.get("quarantined") or []
    if quarantined:
        lines.append(f"Quarantined ({len(quarantined)}):")
        lines += [f"• `{bk.escape(q['source'])}` — {bk.escape(q['reason'])}" for q in quarantined[:LIST_LINES]]
    lines += flagged_lines(info.get("flagged") or [])
    for source, encoding in list((info.get("encodings") or {}).items())[:LIST_LINES]:
        guessed = "" if encoding.startswith("utf") else " (guessed)"
        lines.append(f"• `{bk.escape(source)}` read as {bk.escape(encoding)}{guessed}")
    return "\n".join(lines)


def flagged_lines(flagged: list[dict[str, Any]]) -> list[str]:
    """Documents with sentences withheld as possible planted instructions, for a manager to check."""
    if not flagged:
        return []
    lines = [f"*Check these documents* ({len(flagged)}): sentences that look like instructions to an assistant "
             "were withheld from answers:"]
    for row in flagged[:LIST_LINES]:
        under = ", ".join(bk.escape(s) for s in row.get("sections", [])[:3])
        lines.append(f"• `{bk.escape(row['source'])}` — {row['sentences']} withheld "
                     f"({bk.escape(', '.join(row['patterns']))})" + (f" under: {under}" if under else ""))
    return lines


def sources_text(rows: list[dict[str, Any]], *, filter_text: str, flagged: list[dict[str, Any]] = ()) -> str:
    if not rows:
        return f"No documents match “{bk.escape(filter_text)}”." if filter_text else "No documents are loaded yet."
    head = f"*{len(rows)} document{'s' if len(rows) != 1 else ''}*" + (
        f" matching “{bk.escape(filter_text)}”" if filter_text else "")
    lines = flagged_lines(list(flagged)) + [head]
    for row in rows[:SOURCES_SHOWN]:
        label = bk.source_label(row.get("url", ""), row.get("title") or row["source"])
        details = " — ".join(part for part in (row.get("type"), row.get("date")) if part)
        suffix = (f" — {bk.escape(details)}" if details else "") + f" (`{bk.escape(row['source'])}`)"
        suffix += "".join(f" (also `{bk.escape(name)}`)" for name in row.get("also", [])[:3])
        suffix += f" ⚠ {row['withheld']} sentence(s) withheld" if row.get("withheld") else ""
        lines.append(f"• {label}{suffix}")
    if len(rows) > SOURCES_SHOWN:
        lines.append(f"…and {len(rows) - SOURCES_SHOWN} more; add a filter, e.g. `/kb-sources ofsted`.")
    return "\n".join(lines)


def overdue_text(rows: list[dict[str, Any]]) -> str:
    """`/kb-sources overdue`: documents whose next review date has passed, longest overdue first."""
    if not rows:
        return ("*No documents are overdue for review.* (Only documents that state a next review date can be "
                "checked.)")
    lines = [f"*{len(rows)} document{'s' if len(rows) != 1 else ''} overdue for review*"]
    for row in rows[:SOURCES_SHOWN]:
        reviewed = f", last reviewed {row['last_reviewed']}" if row.get("last_reviewed") else ""
        lines.append(f"• {bk.source_label(row.get('url', ''), row.get('title') or row['source'])} — review overdue since "
                     f"{bk.escape(row['overdue_since'])}{bk.escape(reviewed)} (`{bk.escape(row['source'])}`)")
    return "\n".join(lines)


def summary_text(summary) -> str:
    state = "Knowledge base updated" if summary.changed else "Knowledge base already up to date"

    def names(label: str, items: list[str]) -> list[str]:
        if not items:
            return [f"{label}: 0"]
        shown = ", ".join(f"`{bk.escape(s)}`" for s in items[:LIST_LINES])
        more = f" and {len(items) - LIST_LINES} more" if len(items) > LIST_LINES else ""
        return [f"{label} ({len(items)}): {shown}{more}"]

    lines = [f"*{state}*: {summary.documents} documents, {summary.passages} passages, in {summary.seconds:.1f} s."]
    lines += names("Added", summary.added) + names("Updated", summary.updated) + names("Removed", summary.removed)
    lines.append(f"Unchanged: {len(summary.unchanged)}")
    lines.append(f"Quarantined: {len(summary.quarantined)}" + (":" if summary.quarantined else ""))
    for item in summary.quarantined[:LIST_LINES]:
        kept = " (last good version kept)" if item["source"] in summary.kept_last_good else ""
        lines.append(f"• `{bk.escape(item['source'])}` — {bk.escape(item['reason'])}{kept}")
    for item in summary.duplicates[:LIST_LINES]:
        lines.append(f"• `{bk.escape(item['source'])}` — same content as `{bk.escape(item['same_as'])}`, stored once")
    lines += flagged_lines(summary.flagged)
    return "\n".join(lines)


def register(app: App, services: Services) -> None:
    gate = Gate.for_services(services)
    records = services.records

    def acknowledge(ack: Ack) -> None:
        ack()

    def status_reply(_: str) -> str:
        from assistant.status import knowledge_status

        return status_text(knowledge_status(services.assistant.store))

    def sources_reply(filter_text: str) -> str:
        from assistant.clock import today
        from assistant.status import knowledge_status, list_sources, overdue_sources

        store = services.assistant.store
        if filter_text.lower() == "overdue":
            return overdue_text(overdue_sources(store, today=today(services.clock)))
        return sources_text(list_sources(store, filter_text=filter_text), filter_text=filter_text,
                            flagged=knowledge_status(store).get("flagged", []))

    kb_status = gate.report("/kb-status", status_reply)
    kb_sources = gate.report("/kb-sources", sources_reply)
    kb_actions = gate.report("/kb-actions", lambda text: actions_text(services, text), limit=ACTIONS_CHARS)

    def kb_refresh(command: dict, client: WebClient, respond: Respond) -> None:
        user = command.get("user_id", "")
        if not gate.allowed("/kb-refresh", user=user, client=client, respond=respond):
            return
        with services.refresh_waiting:
            running = not services.refreshing.acquire(blocking=False)
            if running:  # the running refresh's summary goes to this manager too
                services.refresh_waiters.append(respond)
        if running:
            records.audit(user_id=user, command="/kb-refresh", allowed=True, outcome="busy")
            say(respond, "A refresh is already running; I'll post its summary when it finishes.")
            return
        said: list[str] = []

        def respond_and_keep(**message: Any) -> Any:
            said.append(message.get("text", ""))  # the last one is the summary, for managers who asked meanwhile
            return respond(**message)

        try:
            outcome = run_refresh(services, respond_and_keep, user=user)
        finally:
            with services.refresh_waiting:
                waiting, services.refresh_waiters[:] = list(services.refresh_waiters), []
                services.refreshing.release()
        for other in waiting:
            say(other, said[-1] if said else "The refresh finished.")
        records.audit(user_id=user, command="/kb-refresh", allowed=True, outcome=outcome)

    app.command("/kb-status")(ack=acknowledge, lazy=[services.offload(kb_status)])
    app.command("/kb-actions")(ack=acknowledge, lazy=[services.offload(kb_actions)])
    app.command("/kb-sources")(ack=acknowledge, lazy=[services.offload(kb_sources)])
    app.command("/kb-refresh")(ack=acknowledge, lazy=[services.offload(kb_refresh)])


def run_refresh(services: Services, respond: Respond, *, user: str) -> str:
    """Re-index the configured documents folders, posting progress and a summary; returns the audit outcome."""
    from ingest.store import StoreBusy

    ref = new_id()
    folders = services.refresher.sources
    say(respond, f"Refreshing the knowledge base from {len(folders)} folder{'s' if len(folders) != 1 else ''}… "
                 "Questions are still answered from the current version until the new one is ready.")
    posted = {"at": time.monotonic(), "count": 0}

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if posted["count"] < PROGRESS_POSTS and now - posted["at"] >= PROGRESS_EVERY_S and done < total:
            posted.update(at=now, count=posted["count"] + 1)
            say(respond, f"Still refreshing: {done} of {total} new or changed passages embedded.")

    started = time.perf_counter()
    try:
        summary = services.refresher.run(progress=progress)  # the assistant preloads a new version itself
    except StoreBusy:
        log.info("refresh busy ref=%s user=%s", ref, user)
        say(respond, "Another refresh of this knowledge base is running; try again when it finishes.")
        return "busy"
    except FileNotFoundError:
        log.warning("refresh failed ref=%s user=%s error=folder-not-found", ref, user)
        say(respond, "A documents folder named in the settings (`KB_SOURCES`) was not found, so nothing changed. "
                     f"Reference: `{ref}`.")
        return "failed"
    except OSError as exc:
        if exc.errno not in DISK_FULL:
            log.error("refresh failed ref=%s user=%s error=%s", ref, user, where(exc))
            say(respond, f"Sorry, the refresh failed and nothing changed. Reference: `{ref}`.")
            return "failed"
        log.error("refresh failed ref=%s user=%s error=disk-full errno=%s", ref, user, exc.errno)
        say(respond, DISK_FULL_TEXT.format(ref=ref))
        return "failed"
    except Exception as exc:
        log.error("refresh failed ref=%s user=%s error=%s", ref, user, where(exc))
        say(respond, f"Sorry, the refresh failed and nothing changed. Reference: `{ref}`.")
        return "failed"
    log.info("refresh done ref=%s user=%s version=%s changed=%s seconds=%.1f", ref, user, summary.version,
             summary.changed, time.perf_counter() - started)
    say(respond, summary_text(summary))
    return "ok"


def actions_text(services: Services, text: str) -> str:
    """Findings for `/kb-actions [authority] [theme]`, newest first, each cited; a timeline with both named."""
    from ingest.findings.index import FindingsIndex, parse_actions_args
    from ingest.findings.report import kb_actions

    index = FindingsIndex(services.assistant.store.live().path)
    if not index.inspections:
        return "No inspection findings are held yet: add Ofsted letters or reports to the documents folder."
    authority, theme = parse_actions_args(text, index)
    report = kb_actions(index, authority=authority, theme=theme)
    held = ", ".join(a for a in index.authorities() if a)
    head = "*Inspection findings*" + "".join(f" — {bk.escape(x)}" for x in (authority, theme) if x)
    example = held.split(",")[0]
    hint = "" if authority or not held else (
        f"\n_Councils held: {bk.escape(held)}. Try `/kb-actions {bk.escape(example)} supervision`._")
    return f"{head}{hint}\n{bk.escape(report['text'])}"

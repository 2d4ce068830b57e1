"""The managers' digest: documents new and changed since a date, and the inspection findings they brought, cited.

Read from the live version's manifest (each document's content-hash history, ingest/manifest_entry.py) and
its findings (ingest/findings/), so it needs no search and no older version. A document is *new* when it was
first indexed on or after the date, *changed* when it was indexed before and its content changed since.
Findings are listed for new and changed inspection documents, each with a numbered source. Times are
England's. Nothing here touches questions or usage.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable

from assistant.answers import human_date
from assistant.clock import LONDON
from assistant.currency import from_manifest, overdue
from ingest.findings.index import FindingsIndex
from ingest.findings.report import Citations, finding_text, judgement_text
from ingest.manifest_entry import history
from ingest.store import KnowledgeStore, StoreEmpty

FINDINGS_SHOWN = 40


def _day(stamp: str) -> date | None:
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=LONDON)).astimezone(LONDON).date()


def build_digest(store: KnowledgeStore, *, since: date, today: date) -> dict[str, Any]:
    """New and changed documents since ``since`` (inclusive) and the findings of those that are inspections."""
    result: dict[str, Any] = {"since": since.isoformat(), "until": today.isoformat(), "new": [], "changed": [],
                              "findings": [], "citations": [], "overdue_reviews": 0, "lines": []}
    try:
        version = store.live()
        documents = version.manifest().documents
    except StoreEmpty:
        return result
    for source, entry in sorted(documents.items()):
        past = history(entry)
        first = _day(past[0].get("indexed_at", ""))
        changes = [day for item in past[1:] if (day := _day(item.get("indexed_at", ""))) and since <= day <= today]
        row = {"source": source, "title": entry.get("title", ""), "date": entry.get("date", ""),
               "doc_type": entry.get("doc_type", ""), "url": entry.get("url", "")}
        if first is not None and since <= first <= today:
            result["new"].append(dict(row, indexed=first.isoformat()))
        elif changes:
            result["changed"].append(dict(row, changed=max(changes).isoformat()))
    result["overdue_reviews"] = len(overdue(from_manifest(documents).values(), today))
    fresh = {row["source"]: status for status in ("new", "changed") for row in result[status]}
    index = FindingsIndex(version.path)
    cites = Citations()
    for inspection in sorted((i for i in index.inspections if i.source in fresh), key=lambda i: (i.date, i.source),
                             reverse=True):
        rows = [f for f in index.findings if f.inspection.source == inspection.source]
        if not rows:
            continue
        result["lines"].append(f"{inspection.title} ({inspection.authority or 'council not recognised'}, "
                               f"{human_date(inspection.date)}; {fresh[inspection.source]} document; "
                               f"{judgement_text(inspection, None, cites)}):")
        for finding in rows:
            result["lines"].append(f"- {finding_text(finding, cites)}")
            result["findings"].append(dict(finding.to_json(), document_status=fresh[inspection.source]))
    result["citations"] = [c.to_json() for c in cites.items]
    return result


def digest_parts(digest: dict[str, Any], *, slack: bool, escape: Callable[[str], str] = str) -> list[str]:
    """The digest as text parts (heading, documents, findings, sources): Slack mrkdwn or plain. A part may be
    longer than one Slack section: split it at line ends (assistant/slack/blocks.py ``sections``)."""
    bold = "*" if slack else ""
    since, until = date.fromisoformat(digest["since"]), date.fromisoformat(digest["until"])
    new, changed = digest["new"], digest["changed"]
    head = (f"{bold}Knowledge base digest, {since:%-d %B %Y} to {until:%-d %B %Y}{bold}: {len(new)} new "
            f"document{'s' if len(new) != 1 else ''}, {len(changed)} changed, {len(digest['findings'])} new "
            f"inspection finding{'s' if len(digest['findings']) != 1 else ''}.")
    if digest["overdue_reviews"]:
        head += (f"\n{digest['overdue_reviews']} document{'s are' if digest['overdue_reviews'] != 1 else ' is'} "
                 "overdue for review (`/kb-sources overdue`).")
    parts = [head]

    def listing(label: str, rows: list[dict], when: str) -> str:
        lines = [f"{bold}{label}{bold}"]
        for row in rows[:50]:
            dated = f", dated {human_date(row['date'])}" if row.get("date") else ""
            lines.append(f"• {escape(row['title'] or row['source'])} ({escape(row['source'])}{dated}; {when} "
                         f"{human_date(row.get('indexed') or row.get('changed') or '')})")
        return "\n".join(lines + ([f"…and {len(rows) - 50} more"] if len(rows) > 50 else []))

    if new:
        parts.append(listing("New documents", new, "added"))
    if changed:
        parts.append(listing("Changed documents", changed, "changed"))
    if not new and not changed:
        parts.append("No documents were added or changed.")
    if digest["lines"]:
        shown = digest["lines"][:FINDINGS_SHOWN]
        more = len(digest["lines"]) - len(shown)
        parts.append("\n".join([f"{bold}New inspection findings{bold}"] + [escape(line) for line in shown]
                               + ([f"…and {more} more lines: `python bot.py digest` lists them all"] if more else [])))
        sources = [f"[{c['n']}] {escape(c['title'])} — {escape(c['section'] or '(no section)')} — "
                   f"{human_date(c['date'])} ({escape(c['source'])})" for c in digest["citations"]]
        parts.append("\n".join([f"{bold}Sources{bold}"] + sources))
    return parts


def digest_text(digest: dict[str, Any], *, slack: bool, escape: Callable[[str], str] = str) -> str:
    return "\n\n".join(digest_parts(digest, slack=slack, escape=escape))

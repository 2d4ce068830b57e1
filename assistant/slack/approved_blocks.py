"""Block Kit for manager-approved answers: the lead above an answer, the approval form, the list, the stale notice."""

from __future__ import annotations

import re
from typing import Any

from assistant.answers import Answer, Citation, human_date
from assistant.approved_store import Approved
from assistant.render import citation_line
from assistant.slack import blocks as bk

APPROVE_VIEW = "approve_answer"
TITLE, PASSAGES, WORDING = "title", "passages", "wording"
REMOVE = "approved_remove"
CANDIDATES = 10  # checkboxes take at most 10 options
PASSAGE_SHOWN = 1400
LISTED = 40
_MARKER = re.compile(r"\s*\[\d+\]")


def _plain(text: str, limit: int) -> dict[str, Any]:
    text = " ".join(text.split()) or "-"
    return {"type": "plain_text", "text": text if len(text) <= limit else text[: limit - 1] + "…"}


def approved_lead(item: Approved) -> list[dict[str, Any]]:
    """Shown first: the approved wording, marked with its date and title, its sources, then a divider."""
    blocks = [bk.context(f"✅ *Approved by a manager on {human_date(item.approved_on)}* · {bk.escape(item.title)}")]
    blocks += bk.sections(bk.escape(item.wording))
    blocks.append(bk.context("*Sources*\n" + bk.source_lines(item.citations)))
    blocks.append({"type": "divider"})
    blocks.append(bk.context("*What the documents say*, found just now for your question:"))
    return blocks


def approved_text(item: Approved) -> str:
    """The text fallback's first line for an answer with an approved lead."""
    return bk.inert(f"Approved by a manager on {human_date(item.approved_on)}: {item.wording}")


def candidates(answer: Answer) -> list[Citation]:
    """Passages a manager may tick: the answer's citations, then the other passages it retrieved (at most 10)."""
    chosen = list(answer.citations)
    seen = {(c.source, c.text) for c in chosen}
    for hit in answer.hits:
        p = hit.passage
        if len(chosen) >= CANDIDATES:
            break
        if (p.source, p.text) not in seen:
            seen.add((p.source, p.text))
            chosen.append(Citation(n=0, source=p.source, title=p.title, section=p.section, date=p.date, url=p.url,
                                   text=p.text))
    return [Citation(**{**c.to_json(), "n": n}) for n, c in enumerate(chosen[:CANDIDATES], start=1)]


def approve_modal(draft_id: str, passages: list[Citation], *, wording: str, cited: int) -> dict[str, Any]:
    """The approval form: a title, the passages to tick (the first ``cited`` ticked), the wording to approve."""
    options = [{"text": _plain(f"[{c.n}] {c.title or c.source}", 75), "description": _plain(c.text, 75),
                "value": str(i)} for i, c in enumerate(passages)]
    blocks: list[dict[str, Any]] = [bk.context(
        "An approved answer is shown first, marked as approved, whenever someone asks a question that means the "
        "same. Quote the ticked passages word for word (leave words out with …). The question itself is not "
        "stored, only a fingerprint of its meaning.")]
    for c in passages:
        quote = c.text if len(c.text) <= PASSAGE_SHOWN else c.text[:PASSAGE_SHOWN].rsplit(" ", 1)[0] + " …"
        blocks.append(bk.section(f"*[{c.n}] {bk.escape(citation_line(c) or c.source)}*\n>"
                                 + bk.escape(quote).replace("\n", "\n>")))
    title = {"type": "plain_text_input", "action_id": TITLE, "max_length": 80,
             "placeholder": _plain("e.g. Supervision frequency for NQSWs", 150)}
    ticks = {"type": "checkboxes", "action_id": PASSAGES, "options": options}
    if cited:
        ticks["initial_options"] = options[:cited]
    text = {"type": "plain_text_input", "action_id": WORDING, "multiline": True, "max_length": 2800}
    plain = _MARKER.sub("", wording).strip()
    if plain:
        text["initial_value"] = plain[:2800]
    blocks += [
        {"type": "input", "block_id": TITLE, "label": _plain("Short title", 2000), "element": title,
         "hint": _plain("What the question is about. No names or details of children or families.", 2000)},
        {"type": "input", "block_id": PASSAGES, "label": _plain("Passages that support the answer", 2000),
         "element": ticks},
        {"type": "input", "block_id": WORDING, "label": _plain("Approved answer", 2000), "element": text,
         "hint": _plain("Every sentence copied from a ticked passage; citations are added for you.", 2000)},
    ]
    return {"type": "modal", "callback_id": APPROVE_VIEW, "private_metadata": draft_id,
            "title": _plain("Approve an answer", 24), "submit": _plain("Approve", 24),
            "close": _plain("Cancel", 24), "blocks": blocks[:100]}


def note_modal(text: str) -> dict[str, Any]:
    """A modal that only says something (loading, refused, expired)."""
    return {"type": "modal", "title": _plain("Approve an answer", 24), "close": _plain("Close", 24),
            "blocks": bk.note_blocks(text)}


def form_values(view: dict[str, Any]) -> tuple[str, list[int], str]:
    """(title, ticked passage indexes, wording) from a submitted approval form."""
    values = view.get("state", {}).get("values", {})
    title = (values.get(TITLE, {}).get(TITLE, {}) or {}).get("value") or ""
    ticked = (values.get(PASSAGES, {}).get(PASSAGES, {}) or {}).get("selected_options") or []
    wording = (values.get(WORDING, {}).get(WORDING, {}) or {}).get("value") or ""
    indexes = sorted({int(o["value"]) for o in ticked if str(o.get("value", "")).isdigit()})
    return title, indexes, wording


def approved_list(items: list[Approved]) -> list[dict[str, Any]]:
    """/kb-approved: every approved answer, current first, each with a Remove button."""
    if not items:
        return bk.note_blocks("No approved answers yet. A manager can approve one from an answer's ⋯ menu, "
                              "or with `/kb-approve your question`.")
    ordered = sorted(items, key=lambda i: i.state != "active")
    current = sum(1 for i in items if i.state == "active")
    blocks: list[dict[str, Any]] = [bk.section(f"*Approved answers*: {current} shown to askers, "
                                               f"{len(items) - current} stale")]
    for item in ordered[:LISTED]:
        sources = ", ".join(f"`{bk.escape(s)}`" for s in sorted(item.hashes))
        state = "" if item.state == "active" else " — *stale* (" + ", ".join(
            f"{bk.escape(s)} {why}" for s, why in sorted(item.stale_sources.items())) + "): no longer shown"
        text = (f"*{bk.escape(item.title)}*{state}\nApproved by <@{item.approved_by}> on "
                f"{human_date(item.approved_on)} · {sources}\n>{bk.escape(item.wording[:400])}")
        blocks.append({**bk.section(text[:3000]), "accessory": bk.button("Remove", REMOVE, value=item.id,
                                                                         style="danger")})
    if len(items) > LISTED:
        blocks.append(bk.context(f"…and {len(items) - LISTED} more (`python bot.py approved` lists them all)."))
    return blocks


def stale_notice(item: Approved) -> str:
    """The DM managers get, once, when an approved answer goes stale."""
    changes = ", ".join(f"`{bk.escape(s)}` {why}" for s, why in sorted(item.stale_sources.items()))
    return (f"An approved answer is no longer shown, because a document it cites changed or was removed: "
            f"*{bk.escape(item.title)}* (approved on {human_date(item.approved_on)}). Documents: {changes}. "
            "Check it and approve a new answer if it is still needed; `/kb-approved` lists and removes them.")

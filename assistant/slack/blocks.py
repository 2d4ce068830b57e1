"""Block Kit for answers, passages, notes and lists: section text <= 3,000 characters, <= 50 blocks, a text fallback.

Documents are untrusted: every piece of text from a question or a document is
escaped for mrkdwn (``&``, ``<``, ``>``), so a document cannot @-mention a
channel or a user group and cannot forge a link. Every mrkdwn text object is
``verbatim`` (Slack then auto-links no URL and parses no bare mention), a URL
from a document is shown as plain text, never as a link, and the plain-text
fallback, which Slack may auto-link, has URLs and broadcast words defused
(:func:`inert`).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Iterable

from slack_sdk.models.blocks import Block

from assistant.answers import Answer, Citation
from assistant.render import citation_line

log = logging.getLogger(__name__)

SECTION_CHARS = 3000
MAX_BLOCKS = 50
BUTTON_VALUE_CHARS = 2000
PASSAGE_CHARS = 2600
FALLBACK_CHARS = 3000

SHOW_PASSAGES = "show_passages"
FEEDBACK_UP = "feedback_up"
FEEDBACK_DOWN = "feedback_down"
SHARE = "share_answer"
ASK_PERSON = "ask_person"
ANSWER_MENU = "answer_menu"
APPROVE_OPTION = "approve"


def escape(text: str) -> str:
    """Slack mrkdwn escaping: only &, < and > are special."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def source_label(url: str, label: str) -> str:
    """The escaped label, then a document's http(s) URL as plain text (in verbatim mrkdwn it is not a link)."""
    label = escape(label)
    if not re.match(r"^https?://[^\s<>|]+$", url or ""):
        return label
    return f"{label} · {escape(url)}"


_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto)(:/*)")
# A host name Slack could link: after "www." or a scheme, or followed by a path ("evil.example/login").
_HOST = re.compile(r"(?i)\b(?:www\.[\w.-]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}(?=/))")
_BROADCAST = re.compile(r"(?i)@(here|channel|everyone)\b")


def inert(text: str) -> str:
    """Escaped ``text`` with URLs, host names and @here/@channel/@everyone defused, for plain-text fallbacks.

    File names ("policy.md") are left alone; a host name is one after a scheme or "www.", or before a path.
    """
    return defuse(escape(text))


def defuse(text: str) -> str:
    """Already-escaped mrkdwn with URLs, host names and broadcast words broken so that Slack links none of them."""
    text = _SCHEME.sub(lambda m: f"{m.group(1)}[{m.group(2)[0]}]{m.group(2)[1:]}", text)
    text = _HOST.sub(lambda m: m.group(0).replace(".", "[.]"), text)
    return _BROADCAST.sub("@\u2060\\1", text)


def chunks(text: str, limit: int = SECTION_CHARS) -> list[str]:
    """Split ``text`` into pieces of at most ``limit`` characters, at line or sentence ends when possible."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = max(rest.rfind("\n", 0, limit), rest.rfind(". ", 0, limit) + 1, rest.rfind(" ", 0, limit))
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def sections(text: str) -> list[dict[str, Any]]:
    return [section(piece) for piece in chunks(text)]


def context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:SECTION_CHARS], "verbatim": True}]}


def button(text: str, action_id: str, *, value: str, style: str | None = None) -> dict[str, Any]:
    element = {"type": "button", "text": {"type": "plain_text", "text": text, "emoji": True},
               "action_id": action_id, "value": value[:BUTTON_VALUE_CHARS]}
    if style:
        element["style"] = style
    return element


def feedback_value(qid: str, citations: Iterable[Citation]) -> str:
    """The ids a vote is stored with: question id and cited document ids (never text)."""
    sources = sorted({c.source for c in citations})
    value = json.dumps({"q": qid, "d": sources}, separators=(",", ":"))
    while len(value) > BUTTON_VALUE_CHARS and sources:
        sources.pop()
        value = json.dumps({"q": qid, "d": sources}, separators=(",", ":"))
    return value


def also_note(citation: Citation) -> str:
    """' (also filed as `Copy of X.docx`)' when the same document is filed under other names."""
    if not citation.also:
        return ""
    return " (also filed as " + ", ".join(f"`{escape(name)}`" for name in citation.also) + ")"


def currency_note(citation: Citation) -> str:
    """' — :warning: _review overdue since April 2022_' (or superseded by a later report), else ''."""
    notes = citation.notes()
    return " — :warning: _" + escape("; ".join(notes)) + "_" if notes else ""


def source_line(c: Citation) -> str:
    """'[n] Title — Section — date', other names it is filed under, then any currency note."""
    return f"[{c.n}] {escape(citation_line(c, notes=False) or c.source)}{also_note(c)}{currency_note(c)}"


def source_lines(citations: list[Citation]) -> str:
    return "\n".join(source_line(c) for c in citations)


def escalate_value(qid: str, outcome: str) -> str:
    """The "Ask a person" button's value: the answer's id and outcome (never text)."""
    return json.dumps({"q": qid, "o": outcome}, separators=(",", ":"))


def answer_menu(qid: str) -> dict[str, Any]:
    """The "⋯" menu on an answer: approve it (managers only; others are told so)."""
    option = {"text": {"type": "plain_text", "text": "Approve this answer (managers)"},
              "value": f"{APPROVE_OPTION}:{qid}"}
    return {"type": "overflow", "action_id": ANSWER_MENU, "options": [option]}


def answer_blocks(answer: Answer, *, qid: str, asked: str | None = None, shared_by: str | None = None,
                  share: bool = False, escalate: bool = False, lead: list[dict[str, Any]] | None = None,
                  ) -> list[dict[str, Any]]:
    """The answer, its cited sources, then buttons: passages, "Share in channel" when ``share``, "Ask a person"
    when ``escalate``, 👍 / 👎, and the approve menu when there are passages to approve from.

    ``asked`` restates the question (slash commands, whose text the user cannot see);
    ``shared_by`` is the user id that shared a private answer into the channel;
    ``lead`` goes before the answer (a manager-approved answer, already rendered).
    """
    head: list[dict[str, Any]] = []
    if shared_by:
        head.append(context(f"Shared by <@{shared_by}>"))
    if asked is not None:
        label = "Question" if shared_by else "You asked"
        head.append(section(f"*{label}:*\n>{escape(asked).replace(chr(10), chr(10) + '>')}"[:SECTION_CHARS]))
    head += lead or []
    body = sections(escape(answer.answer))
    if answer.abstained:
        body.append(context("Nothing in the knowledge base answered this, so I have not guessed. "
                            "Ask a manager if a document seems to be missing."))
    tail: list[dict[str, Any]] = []
    buttons: list[dict[str, Any]] = []
    if answer.citations:
        buttons.append(button("Show passages", SHOW_PASSAGES, value=qid))
    if share:
        buttons.append(button("Share in channel", SHARE, value=qid, style="primary"))
    if escalate:
        buttons.append(button("Ask a person", ASK_PERSON, value=escalate_value(qid, answer.outcome)))
    value = feedback_value(qid, answer.citations)
    buttons += [button("👍 Helpful", FEEDBACK_UP, value=value),
                button("👎 Not helpful", FEEDBACK_DOWN, value=value)]
    if answer.citations or answer.hits:
        buttons.append(answer_menu(qid))
    tail.append({"type": "actions", "block_id": f"answer:{qid}"[:255], "elements": buttons})

    sources: list[dict[str, Any]] = []
    if answer.citations:
        sources.append(section("*Sources*"))
        sources += sections(source_lines(answer.citations))
    room = MAX_BLOCKS - len(head) - len(tail)
    blocks = (head + body)[:room]
    room -= len(blocks)
    if len(sources) > room:
        sources = sources[: max(0, room - 1)] + [context("More sources were cited than fit here.")] if room > 0 else []
    return blocks + sources + tail


def answer_text(answer: Answer, *, asked: str | None = None) -> str:
    """The text fallback (notifications, screen readers): the answer and its sources, escaped."""
    parts = []
    if asked is not None:
        parts.append(f"Question: {asked}")
    parts.append(answer.answer)
    if answer.citations:
        parts.append("Sources: " + "; ".join(f"[{c.n}] {citation_line(c) or c.source}" for c in answer.citations))
    text = inert("\n".join(parts))  # Slack parses mrkdwn in the fallback too (notifications)
    return text if len(text) <= FALLBACK_CHARS else text[: FALLBACK_CHARS - 1] + "…"


def passages_text(citations: list[Citation]) -> str:
    """The text fallback for :func:`passages_blocks`."""
    text = inert("\n\n".join(f"[{c.n}] {citation_line(c) or c.source}: {c.text}" for c in citations))
    return text if len(text) <= FALLBACK_CHARS else text[: FALLBACK_CHARS - 1] + "…"


def passages_blocks(citations: list[Citation]) -> list[dict[str, Any]]:
    """Each cited passage, quoted, under its citation line."""
    blocks: list[dict[str, Any]] = [section("*Quoted passages*")]
    for c in citations[: MAX_BLOCKS - 1]:
        quote = c.text if len(c.text) <= PASSAGE_CHARS else c.text[:PASSAGE_CHARS].rsplit(" ", 1)[0] + " …"
        quoted = ">" + escape(quote).replace("\n", "\n>")
        head = f"*[{c.n}] {escape(citation_line(c, notes=False) or c.source)}*{also_note(c)}{currency_note(c)}"
        where = f"\n_{source_label(c.url, c.source)}_" if c.url else ""
        blocks.append(section(f"{head}{where}\n{quoted}"[:SECTION_CHARS]))
    return blocks


def note_blocks(text: str) -> list[dict[str, Any]]:
    """A short message we wrote ourselves (already mrkdwn)."""
    return sections(text)[:MAX_BLOCKS]


def checked(blocks: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """``blocks`` when slack_sdk's block models accept them; otherwise None (only the text fallback is sent)."""
    try:
        if len(blocks) > MAX_BLOCKS:
            raise ValueError("too many blocks")
        for block in Block.parse_all(blocks):
            block.validate_json()
        return blocks
    except Exception as exc:
        log.warning("blocks rejected error=%s count=%d", type(exc).__name__, len(blocks))
        return None

"""Questions about inspection findings, answered from the findings records (ingest/findings/), every line cited.

Consulted before the passage pipeline, and deliberately narrow: only questions
that ask what Ofsted said needs improving, for judgements, or whether
something has improved since an inspection; only for an authority (named,
or the only one) whose inspections are held, and only for years that are
held. Everything else returns None and goes to the normal pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer_types import KINDS as ANSWER_KINDS, PREFERRED_KINDS
from assistant.figures import states_figure
from assistant.answers import Answer, Citation
from assistant.retriever import Hit
from assistant.story import question_part
from assistant.understand import Query
from ingest.findings.index import FindingsIndex, InspectionRec
from ingest.findings.report import KIND_LABELS, MODEL_NOTE, UNNAMED, Citations, judgement_text, render_timeline, timeline
from ingest.findings.rules import IMPROVEMENT_KINDS, KINDS
from ingest.findings.themes import NAMES, themes_of
from ingest.store import IndexVersion

_IMPROVE = re.compile(
    r"\b(what needs to improve|needs? to (?:be )?improv\w*|areas? (?:for|of|needing|requiring) (?:development|improvement)"
    r"|improvement areas?|areas? to (?:improve|develop)|(?:tell|told|ask|asked|want|wanted|require|required)\s+"
    r"(?:\w+\s+){0,3}to (?:improve|change|fix|address)|inspection actions?|actions? (?:from|after) (?:the )?"
    r"(?:inspection|ofsted))\b", re.I)
_PRIORITY = re.compile(r"\bpriority actions?\b", re.I)
_RECOMMEND = re.compile(r"\brecommendations?\b", re.I)
# "what strengths did ofsted find", "what did we do well" (lexicon); not strengths-based practice, a way of working
_STRENGTH = re.compile(r"\bstrengths\b(?![\s-]*(based|focused|led)\b)", re.I)
# "what did Ofsted say/find about <theme>": everything the inspections recorded on that theme.
_SAID = re.compile(r"\b(say|said|says|find|found|finds|think|thought|comment\w*|reported|view|views|feedback)\b", re.I)
_JUDGEMENT = re.compile(r"\b(judge?ments?|graded?|rated|rating|overall effectiveness)\b", re.I)
_NOT_OFSTED_JUDGEMENT = re.compile(r"\b(professional|social work|practitioner|practice|clinical|own) judge?ments?\b", re.I)
_PROGRESS = re.compile(
    r"\b(?:(?:improved|improvement|progress\w*|better|worse|declined|deteriorated|changed|addressed|resolved|fixed)"
    r"\b.{0,60}\bsince\b|since\b.{0,60}\b(?:improved|progress\w*|changed)|still an? (?:issue|problem|concern|weakness)"
    r"|across (?:the |our |their )?inspections|over time|timeline"
    r"|\b(?:has|have|did|is|are)\b.{0,60}\b(?:improved|got (?:any )?(?:better|worse)|progressed|been (?:addressed|resolved|fixed)))\b",
    re.I)
_AREAS = [
    ("help and protection", r"help and protection|child protection|need help"),
    ("children in care and care leavers", r"children in care and care leavers"),
    ("children in care", r"children in care|looked[- ]after"),
    ("care leavers", r"care leavers?"),
    ("impact of leaders", r"leaders|leadership"),
    ("overall effectiveness", r"overall"),
]


UNGRADED = ("The documents don't give a graded judgement for what you asked about: Ofsted grades only the areas "
            "below. The nearest they say:")


@dataclass
class Intent:
    mode: str  # list | judgement | timeline
    kinds: tuple[str, ...] = IMPROVEMENT_KINDS
    themes: tuple[str, ...] = ()
    fallback: bool = False  # asked only when the passages did not answer


FACT_KINDS = frozenset(ANSWER_KINDS) - {"judgement", "definition", "expansion", *PREFERRED_KINDS}


_HOW_MANY = re.compile(r"\b(?:how many|number of)\b(?!\s+of\b)", re.I)  # not "how many of them were addressed"


def _counts_the_list(query: Query, intent: Intent) -> bool:
    """Does a number question count the list asked for ("how many areas for improvement did leeds get and what were
    they", "how many things did ofsted say hpool need to improve")? The list, each item cited, answers it."""
    if intent.mode != "list" or query.answer_type != "number":
        return False
    text = f"{query.text}\n{query.plain}"
    return any(p.search(text[m.end():m.end() + 60]) for m in _HOW_MANY.finditer(text)
               for p in (_IMPROVE, _PRIORITY, _RECOMMEND, _STRENGTH))


def intent_of(query: Query) -> Intent | None:
    """What kind of findings question this is, or None for an ordinary question."""
    # what was typed and what its shorthand stands for ("worried about"), in the question itself: not a story or a
    # remark around it ("writing a history bit for our improvement plan. what was … ? need it for the timeline")
    text = f"{question_part(query.text)}\n{question_part(query.plain)}"
    themes = tuple(t for t in themes_of(text) if t in NAMES)[:3]
    if _PROGRESS.search(text) and not query.wants_procedure and (themes or query.wants_inspection or
                                                                 (query.authorities and query.years)):
        # with no theme, the judgements across inspections are what is left when no passage says what changed
        # ("has darlo got better since the last ofsted": "… significantly improved since the last inspection")
        return Intent("timeline", themes=themes, fallback=not themes and not _IMPROVE.search(text))
    if _PRIORITY.search(text):
        return Intent("list", kinds=("priority_action",), themes=themes)
    if _RECOMMEND.search(text) and query.about_inspection:
        return Intent("list", kinds=("recommendation",), themes=themes)
    if _STRENGTH.search(text) and query.about_inspection:
        return Intent("list", kinds=("strength",), themes=themes)
    if _IMPROVE.search(text):
        return Intent("list", themes=themes)
    if _JUDGEMENT.search(text) and not _NOT_OFSTED_JUDGEMENT.search(text):
        return Intent("judgement", themes=themes)
    if themes and query.wants_inspection and _SAID.search(text):
        return Intent("list", kinds=KINDS, themes=themes, fallback=True)
    return None


class FindingsAnswerer:
    """Answers findings questions from the live version's findings; caches them per version."""

    def __init__(self) -> None:
        self._cached: tuple[str, FindingsIndex] | None = None

    def index_for(self, version: IndexVersion) -> FindingsIndex:
        if self._cached is None or self._cached[0] != version.name:
            self._cached = (version.name, FindingsIndex(version.path))
        return self._cached[1]

    def answer(self, query: Query, hits: list[Hit], *, version: IndexVersion, fallback: bool = False) -> Answer | None:
        """A cited findings answer, or None; ``fallback`` is set once the passages have not answered."""
        intent = intent_of(query)
        if intent is None or intent.fallback != fallback or (query.answer_type in FACT_KINDS
                                                             and not _counts_the_list(query, intent)):
            return None  # a number, a time, a name...: what inspectors said on the theme would not state it
        if states_figure(query.plain or query.text):
            return None  # "does stocktons own policy say sup has to be monthly? ofsted said …": the findings on
            # supervision would not check the figure; the passages answer it, or say they don't
        index = self.index_for(version)
        known = index.authorities()
        authorities = [a for a in query.authorities if a in known] if query.authorities else known[:1] if len(known) == 1 else []
        if not query.authorities and not authorities and query.years:
            # No council named: the one council with an inspection held for each year named ("the 2011 letter")
            held = [a for a in known if _held(index.of_authority(a), query.years)]
            authorities = held if len(held) == 1 else []
        if not authorities or (query.authorities and len(authorities) < len(query.authorities)):
            return None
        cites = Citations()
        lines: list[str] = []
        for authority in authorities:
            part = _answer_for(index, authority, query, intent, cites)
            if part is None:
                return None  # something asked for is not in the records: let the passage pipeline try
            lines.extend(part)
        citations = [Citation(**cited.to_json()) for cited in cites.items]
        if intent.mode == "judgement" and intent.themes and not _areas(query):
            # "stockton 2023 what grade did the fostering service get": a theme, not an area Ofsted grades; the
            # grades it did give are the nearest (the question is not repeated: it may name a child)
            return Answer(question=query.text, answer="\n".join([UNGRADED, *lines]), outcome="partial",
                          citations=citations, hits=hits, reason="area-not-graded", mode="findings")
        return Answer(question=query.text, answer="\n".join(lines), outcome="answered", citations=citations,
                      hits=hits, mode="findings")


def describe(ins: InspectionRec) -> str:
    """'2023 report (ILACS; inspection 6 to 17 March 2023; dated 2023-05-09)'."""
    parts = [ins.inspection_type] + ([f"inspection {ins.inspection_dates}"] if ins.inspection_dates else [])
    return f"{ins.label} ({'; '.join(parts + [f'dated {ins.date}'])})"


def _followed_up(index: FindingsIndex, inspections: list[InspectionRec], since: int | None) -> tuple[str, ...]:
    """The main themes of the improvement findings of the baseline inspection (the latest up to ``since``, or
    the one before the latest), so "have they been addressed?" gets one timeline per theme."""
    before = [i for i in inspections if since is None or (i.year is not None and i.year <= since)]
    if since is None:
        before = inspections[:-1] or inspections
    if not before:
        return ()
    baseline = before[-1]
    rows = [f for f in index.select(authority=baseline.authority, kinds=IMPROVEMENT_KINDS)
            if f.inspection.source == baseline.source]
    return tuple(dict.fromkeys(f.theme for f in rows))


def _held(inspections: list[InspectionRec], years: list[int]) -> list[InspectionRec] | None:
    """The inspections of the years named (None when a named year has none); all when no year is named."""
    if not years:
        return inspections
    chosen = [i for i in inspections if i.year in years or any(str(y) in i.inspection_dates for y in years)]
    covered = {y for y in years if any(i.year == y or str(y) in i.inspection_dates for i in chosen)}
    return chosen if covered == set(years) else None


def _answer_for(index: FindingsIndex, authority: str, query: Query, intent: Intent, cites: Citations) -> list[str] | None:
    inspections = index.of_authority(authority)
    name = authority or UNNAMED
    if not inspections:
        return None
    if intent.mode == "list" and intent.themes and not query.years:
        intent = Intent("timeline", themes=intent.themes)  # one theme's findings: its history reads best
    if intent.mode == "timeline":
        if query.years and _held(inspections, query.years) is None:
            return None  # "has it got better? wot did the 2013 visit find": no inspection of a year named is held
        since = min(query.years) if query.years else None
        themes = intent.themes
        if not themes and _IMPROVE.search(query.text):  # "have the areas for development been addressed?"
            themes = _followed_up(index, inspections, since)
        themes = themes or ("overall",)
        if since is None and not intent.themes and len(inspections) > 1 and themes != ("overall",):
            since = inspections[-2].year  # "have the areas for development been addressed?": since the one before last
        lines: list[str] = []
        for theme in themes:
            if theme == "overall":
                lines.append(f"Judgements for {name} across its inspections (oldest first):")
                for ins in timeline(index, authority=authority, theme="", since=since):
                    lines.append(f"- {ins.inspection.label} ({ins.inspection.date}): "
                                 f"{judgement_text(ins.inspection, None, cites)}")
            else:
                entries = timeline(index, authority=authority, theme=theme, since=since)
                if any(entry.findings for entry in entries):  # no finding at all: the passages may say more
                    lines.extend(render_timeline(entries, authority=name, theme=theme, cites=cites))
        return lines or None
    chosen = _held(inspections, query.years)
    if chosen is None:
        return None
    if not query.years:
        chosen = chosen[-1:]  # the latest inspection unless years are named
    if intent.mode == "judgement":
        return _judgement_lines(chosen, query, cites)
    return _list_lines(index, authority, chosen, intent, cites)


def _areas(query: Query) -> list[str]:
    """The graded areas the question names, as typed or spelled out ("h&p", "cla")."""
    return [key for key, pattern in _AREAS if re.search(pattern, f"{query.text}\n{query.plain}", re.I)]


def _judgement_lines(chosen: list[InspectionRec], query: Query, cites: Citations) -> list[str] | None:
    wanted = _areas(query)
    lines: list[str] = []
    for ins in chosen:
        # "children in care" is graded within "children in care and care leavers" in some reports
        judgements = [j for j in ins.judgements if not wanted or any(w in j.key for w in wanted)]
        if not judgements:
            lines.append(f"{ins.authority or UNNAMED}, {ins.label} ({ins.date}): no graded judgement is stated"
                         + (" for that area." if ins.judgements else " in this document."))
            continue
        lines.append(f"{ins.authority or UNNAMED}, {describe(ins)}:")
        for j in judgements:
            n = cites.cite(ins, section=j.section, text=j.passage_text, passage_id=j.passage_id)
            lines.append(f"- {j.area}: {j.grade} [{n}]")
    return lines if any("[" in line for line in lines) else None


def _list_lines(index: FindingsIndex, authority: str, chosen: list[InspectionRec], intent: Intent,
                cites: Citations) -> list[str] | None:
    lines: list[str] = []
    for ins in chosen:
        rows = [f for f in index.select(authority=authority, kinds=intent.kinds) if f.inspection.source == ins.source]
        if intent.themes:
            rows = [f for f in rows if set(f.themes) & set(intent.themes)]
        if not rows:
            continue
        lines.append(f"{authority or UNNAMED}, {describe(ins)}; judgement: {judgement_text(ins, None, cites)}.")
        for f in rows:
            n = cites.cite(ins, section=f.section, text=f.passage_text, passage_id=f.passage_id)
            repeated = f" ({ins.repeated_note})" if f.previous == "repeated" else ""
            repeated += f" ({MODEL_NOTE})" if f.origin == "model" else ""
            lines.append(f"- {KIND_LABELS[f.kind]}{repeated}: {f.text} [{n}]")
    if not lines:
        return None
    others = [i.label for i in index.of_authority(authority) if i not in chosen]
    if others:
        lines.append(f"Other inspections held for {authority or UNNAMED}: {', '.join(others)} (ask “has <theme> improved since "
                     f"<year>?” for a timeline).")
    return lines

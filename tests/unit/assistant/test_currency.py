"""Is a document current: overdue reviews by a fixed clock, inspection reports superseded by a later one."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answers import Answer, Citation
from assistant.clock import fixed_clock, today
from assistant.currency import DocumentDates, annotate, month_year, overdue, overdue_since, superseded_by
from assistant.render import citation_line

DOCS = {
    "referrals.txt": DocumentDates("referrals.txt", "Action on referrals", "2020", "procedure", (), "2020-04", "2022-04"),
    "visits.txt": DocumentDates("visits.txt", "Visits", "2024-01-10", "procedure", (), "", "2030-01-31"),
    "stockton-2019.txt": DocumentDates("stockton-2019.txt", "Stockton ILACS 2019", "2019-07-01", "inspection-letter",
                                       ("Stockton-on-Tees",)),
    "stockton-2023.txt": DocumentDates("stockton-2023.txt", "Stockton ILACS 2023", "2023-05-09", "inspection-letter",
                                       ("Stockton-on-Tees",)),
    "leeds-2022.txt": DocumentDates("leeds-2022.txt", "Leeds ILACS 2022", "2022-05-09", "inspection-letter", ("Leeds",)),
    "framework.txt": DocumentDates("framework.txt", "ILACS framework", "2024", "inspection-framework", ()),
}


@pytest.mark.parametrize("due,on,expected", [
    ("2022-04", date(2022, 4, 30), ""),  # due in April: not overdue until April is over
    ("2022-04", date(2022, 5, 1), "April 2022"),
    ("2022-04-15", date(2022, 4, 15), ""),
    ("2022-04-15", date(2022, 4, 16), "April 2022"),
    ("2022", date(2022, 12, 31), ""),
    ("2022", date(2023, 1, 1), "2022"),
    ("", date(2030, 1, 1), ""),
    ("2022-13", date(2030, 1, 1), ""),
])
def test_overdue_since(due, on, expected):
    assert overdue_since(due, on) == expected


def test_the_clock_seam_gives_the_date_in_england():
    assert today(fixed_clock(date(2026, 3, 29))) == date(2026, 3, 29)
    assert month_year("2022-04-30") == "April 2022" and month_year("2022") == "2022" and month_year("") == ""


def test_a_later_inspection_of_the_same_council_supersedes():
    assert superseded_by("stockton-2019.txt", DOCS).source == "stockton-2023.txt"
    assert superseded_by("stockton-2023.txt", DOCS) is None
    assert superseded_by("leeds-2022.txt", DOCS) is None  # no later Leeds inspection held
    assert superseded_by("referrals.txt", DOCS) is None  # procedures are not inspections


def citation(n: int, source: str) -> Citation:
    doc = DOCS[source]
    return Citation(n=n, source=source, title=doc.title, section="", date=doc.date, url="", text="Quoted text.")


def test_annotate_fills_the_citation_fields_and_the_label():
    answer = Answer(question="q", answer="a [1] [2] [3]", outcome="answered",
                    citations=[citation(1, "referrals.txt"), citation(2, "stockton-2019.txt"), citation(3, "visits.txt")])
    annotate(answer, documents=DOCS, today=date(2026, 11, 30), wants_latest=True)
    referrals, stockton, visits = answer.citations
    assert referrals.review_overdue_since == "April 2022" and referrals.reviewed == "2020-04"
    assert citation_line(referrals) == "Action on referrals — 2020 — review overdue since April 2022"
    assert stockton.superseded_by == {"source": "stockton-2023.txt", "title": "Stockton ILACS 2023",
                                      "date": "2023-05-09"}
    assert citation_line(stockton).endswith("superseded by Stockton ILACS 2023 (9 May 2023)")
    assert visits.review_overdue_since == "" and visits.notes() == []
    data = answer.to_json()["citations"][0]
    assert {"n", "source", "title", "section", "date", "url", "text"} <= set(data)  # the DESIGN.md fields stay
    assert data["review_overdue_since"] == "April 2022" and data["superseded_by"] is None


def test_supersession_is_only_said_for_now_questions():
    answer = Answer(question="q", answer="a [1]", outcome="answered", citations=[citation(1, "stockton-2019.txt")])
    annotate(answer, documents=DOCS, today=date(2026, 11, 30), wants_latest=False)
    assert answer.citations[0].superseded_by is None


def test_overdue_lists_longest_overdue_first():
    found = overdue(DOCS.values(), date(2026, 11, 30))
    assert [(d.source, since) for d, since in found] == [("referrals.txt", "April 2022")]
    assert overdue(DOCS.values(), date(2030, 2, 1))[-1][0].source == "visits.txt"

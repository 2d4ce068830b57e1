"""What a comparison names (assistant/more_asks.named_parts): the councils, or a council's inspection years, that an
answer is drawn from each of."""

from __future__ import annotations

from assistant.more_asks import named_parts
from assistant.retriever import Hit
from assistant.understand import understand
from ingest.models import Passage


def hit(source: str, *, date: str, doc_type: str, authorities: list[str]) -> Hit:
    passage = Passage(id=source, source=source, text="", title=source, section="", date=date, doc_type=doc_type,
                      url="", authorities=authorities, position=0, content_hash="h")
    return Hit(passage, score=0.5, dense=0.5, lexical=0.5)


STOCKTON_2019 = hit("s19", date="2019-06-01", doc_type="inspection-report", authorities=["Stockton-on-Tees"])
STOCKTON_2011 = hit("s11", date="2011-06-09", doc_type="inspection-letter", authorities=["Stockton-on-Tees"])
DARLINGTON_2019 = hit("d19", date="2019-02-01", doc_type="inspection-report", authorities=["Darlington"])
POLICY_2013 = hit("p13", date="2013-10-31", doc_type="procedure", authorities=["Nottinghamshire"])


def test_two_councils_are_two_parts() -> None:
    parts = named_parts(understand("supervision quality stockton vs darlington"))
    assert [q.authorities for q, _ in parts] == [["Stockton-on-Tees"], ["Darlington"]]
    (_, stockton), (_, darlington) = parts
    assert stockton(STOCKTON_2019) and not stockton(DARLINGTON_2019) and darlington(DARLINGTON_2019)


def test_a_councils_inspection_years_are_parts() -> None:
    parts = named_parts(understand("stockton supervision 2011 vs 2019 what changed"))
    assert [q.years for q, _ in parts] == [[2011], [2019]]
    (_, in_2011), (_, in_2019) = parts
    assert in_2011(STOCKTON_2011) and not in_2011(STOCKTON_2019)
    assert in_2019(STOCKTON_2019)
    assert not in_2019(DARLINGTON_2019)  # another council's inspection that year is not the one compared


def test_years_without_a_council_compare_no_inspections() -> None:
    # Two editions of guidance, not two inspections: nothing is added from whatever document is dated 2013.
    assert named_parts(understand("max timeframe for an assessment under Working Together 2013/2018")) == []


def test_one_council_and_one_year_compare_nothing() -> None:
    assert named_parts(understand("stockton supervision 2019")) == []

"""Review dates: read from headers and short lines, never from narrative; dates keep their precision."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.metadata import build_document
from ingest.review import parse_review_date, review_dates


@pytest.mark.parametrize("header,body,expected", [
    ({}, "4.1 Action\n\nReview dates: last reviewed April 2020; next review due April 2022\n\nText.",
     ("2020-04", "2022-04")),
    ({"review": "March 2025"}, "Body.", ("", "2025-03")),
    ({"review": "last reviewed 1 April 2020; next review 2022-04-30"}, "Body.", ("2020-04-01", "2022-04-30")),
    ({"last reviewed": "2023-01-05", "next review": "January 2025"}, "Body.", ("2023-01-05", "2025-01")),
    ({"reviewed on": "5 May 2021"}, "Body.", ("2021-05-05", "")),
    ({}, "Reviewed: 12/03/2024\nReview date: 12/03/2026\nText.", ("2024-03-12", "2026-03-12")),
    ({}, "Document reviewed on 5th May 2021. Next review due by May 2023.", ("2021-05-05", "2023-05")),
    ({}, "Date of last review: June 2022", ("2022-06", "")),
    ({}, "Text.\n" * 50 + "Next review: 2027", ("", "2027")),  # at the end of a document
])
def test_review_dates_are_read(header, body, expected):
    assert review_dates(header, body) == expected


@pytest.mark.parametrize("body", [
    "Care plans are reviewed regularly and updated.",
    "Plans were reviewed in 2019 by independent reviewing officers, who check that every child's plan is followed "
    "and that the plan still meets the child's needs at every review meeting held during the year.",
    "The framework will be reviewed and amended from time to time.",
    "Next review: 31/02/2024",  # not a date
    "Text.\n" * 60 + "Next review due April 2030.\n" + "More text.\n" * 20,  # buried in the middle
])
def test_narrative_and_nonsense_are_not_review_dates(body):
    assert review_dates({}, body) == ("", "")


def test_dates_keep_their_precision():
    assert parse_review_date("April 2022") == "2022-04"
    assert parse_review_date("1st April 2022") == "2022-04-01"
    assert parse_review_date("April 1, 2022") == "2022-04-01"
    assert parse_review_date("04/2022") == "2022-04"
    assert parse_review_date("2022") == "2022"
    assert parse_review_date("soon") == ""


def test_a_header_review_line_becomes_document_metadata(tmp_path):
    raw = ("Title: Referrals\nDate: 2020\nType: procedure\nReview: last reviewed April 2020; next review due April "
           "2022\n---\nReferrals are screened within one working day.\n")
    document = build_document(source="r.txt", path=Path("r.txt"), raw=raw, hints={}, data=raw.encode())
    assert (document.title, document.date, document.reviewed, document.review_due) == (
        "Referrals", "2020", "2020-04", "2022-04")
    assert "Review" not in document.text  # the header is metadata, not text

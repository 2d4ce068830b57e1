"""Which lines of a passage are candidates for an answer's sentences (assistant/selection.py)."""

from __future__ import annotations

import pytest

from assistant.selection import _title_line

TITLE = "Inspection of Leeds local authority children's services (ILACS), inspection dates 21 February to 4 March 2022"


@pytest.mark.parametrize("line, expected", [
    ("Inspection of Leeds local authority children’s services", True),  # the title as printed, curly apostrophe
    ("Inspection of Leeds local authority children's services.", True),
    ("Leeds local authority", True),  # any run of three words or more of the title
    ("Inspection dates: 21 February to 4 March 2022", False),  # a field, with its label: it states the dates
    ("Leeds", False),  # too short to be the title rather than a name
    ("Leaders in Leeds local authority children's services know their services well.", False),
])
def test_the_documents_own_title_is_not_a_candidate_sentence(line: str, expected: bool) -> None:
    assert _title_line(line, TITLE) is expected

"""Every sentence of every document can be found: the splitter drops nothing (sign-offs, list items, notes...)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.loaders import load_file
from ingest.metadata import build_document
from ingest.splitter import _BULLET, split_document, split_sentences
from ingest.units import answer_units, unit_headings

from tests.conftest import ROOT

SAMPLES = [p for p in sorted((ROOT / "knowledge").iterdir()) if p.name != "README.md"]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _load(path: Path):
    raw, hints = load_file(path)
    return build_document(source=path.name, path=path, raw=raw, hints=hints, data=path.read_bytes())


def _missing_sentences(path: Path) -> list[str]:
    document = _load(path)
    passages = split_document(document)
    # A passage's text, its section heading and its document's title are all shown with it.
    held = _norm(" ".join(p.text for p in passages) + " " + " ".join(p.section for p in passages) + " " + document.title)
    missing = []
    for line in document.text.split("\n"):
        line = _BULLET.sub("", line.strip().lstrip("#").strip())
        missing += [s for s in split_sentences(line) if _norm(s) and _norm(s) not in held]
    return missing


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sentence_of_a_sample_document_is_in_a_passage(path: Path) -> None:
    missing = _missing_sentences(path)
    assert not missing, f"{len(missing)} sentences of {path.name} are in no passage: {missing[:5]}"


def test_every_sentence_of_every_corpus_document_is_in_a_passage(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "corpus").glob("*.txt")):
        missing = _missing_sentences(path)
        assert not missing, f"{len(missing)} sentences of {path.name} are in no passage: {missing[:5]}"
        _lines_are_in_units(path)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_passage_line_is_in_an_answer_unit(path: Path) -> None:
    _lines_are_in_units(path)


def _lines_are_in_units(path: Path) -> None:
    """What a passage holds can be quoted: each of its lines is covered by its answer units."""
    for passage in split_document(_load(path)):
        units = _norm(" ".join(answer_units(passage.text)))
        for line in passage.text.split("\n"):
            text = _norm(re.sub(r"^- ", "", line.strip()).rstrip(":;.,"))
            text = re.sub(r"^\d+(\.\d+)*\.?\s+", "", text)
            if len(text.split()) >= 2:
                words = text.split()
                # Lists are joined with '; ' after their lead-in, so compare word by word.
                assert all(w.strip(";:.,") in units for w in words), f"{path.name}: {line!r} is in no answer unit"


def test_a_lead_in_and_its_list_are_one_unit() -> None:
    text = "At the very least, attendance should include:\n- a social worker;\n- a health practitioner;\n- the police."
    assert answer_units(text) == [
        "At the very least, attendance should include: a social worker; a health practitioner; the police."
    ]


def test_a_letter_sign_off_is_kept() -> None:
    from ingest.models import Document

    text = "Dear Mr Smith\n\nThe service is safe.\n\nYours sincerely\n\nJane Doe Her Majesty's Inspector\n"
    passages = split_document(Document(source="letter.txt", text=text, title="Letter"))
    body = " ".join(p.text for p in passages)
    assert "Yours sincerely" in body + " ".join(p.section for p in passages)
    assert "Jane Doe Her Majesty's Inspector" in body


COVER = ("Inspection of Anytown local authority children’s services Inspection dates: 6 to 17 March 2023 Lead "
         "inspector: Jo Bloggs, His Majesty’s Inspector Judgement Grade The impact of leaders on social work practice "
         "with children and families Requires improvement to be good The experiences and progress of children in care "
         "Good Overall effectiveness Requires improvement to be good Children in need of help in Anytown do not yet "
         "receive good enough services. Leaders know what to do next.")


def test_a_flattened_report_cover_is_cut_at_its_fields_and_judgement_rows() -> None:
    """A PDF cover run into one 'sentence' is quoted a field or a row at a time, and nothing of it is lost."""
    units = answer_units(COVER)
    assert units == [
        "Inspection of Anytown local authority children’s services",
        "Inspection dates: 6 to 17 March 2023",
        "Lead inspector: Jo Bloggs, His Majesty’s Inspector",
        "Judgement Grade",
        "The impact of leaders on social work practice with children and families Requires improvement to be good",
        "The experiences and progress of children in care Good",
        "Overall effectiveness Requires improvement to be good",
        "Children in need of help in Anytown do not yet receive good enough services.",
        "Leaders know what to do next.",
    ]
    assert _norm(" ".join(units)) == _norm(COVER)


def test_a_judgement_tables_header_labels_each_of_its_rows_and_nothing_after_it() -> None:
    """The header is read with every row, as a section heading is with its sentences ("mbro care leavers grade"
    is about the care leavers row), and is quoted with none of them; the text after the table is not a row."""
    units = answer_units(COVER)
    headings = dict(zip(units, unit_headings("Summary", units)))
    for row in units[4:7]:
        assert headings[row] == "Summary Judgement Grade", row
    for other in units[:4] + units[7:]:
        assert headings[other] == "Summary", other
    # A grade written in ordinary text after the table has ended is not one of its rows.
    later = ["Judgement Grade", "Overall effectiveness Good", "Leaders know what to do next.", "The service is Good"]
    assert unit_headings("", later) == ["", "Judgement Grade", "", ""]
    # What the embedding model reads for a row (ingest and query time alike) carries the header too.
    from ingest.models import Passage
    from ingest.unit_vectors import unit_texts

    passage = Passage(id="p", source="r.txt", text=COVER, title="Report", section="", date="2023-05-01",
                      doc_type="inspection-report", url="", authorities=[], position=0, content_hash="h")
    assert "Judgement Grade. The experiences and progress of children in care Good" in unit_texts(passage)


def test_a_long_sentence_with_a_label_or_a_grade_word_stays_whole() -> None:
    """Only a run of 40 words or more before its first full stop is read as a cover."""
    short = "Inspection dates: 6 to 17 March 2023 Lead inspector: Jo Bloggs"
    assert answer_units(short) == [short]
    prose = ("Most children who need help receive a good service from social workers who know them well and who visit "
             "them often enough to see how things are for them at home and at school and with their friends, and "
             "managers check that this is so: Good practice is shared across the teams.")
    assert answer_units(prose) == [prose]


# The cutting of the sample documents, pinned to CUTTING_VERSION: a change to how text is cut must bump the
# version (so stores re-split and re-embed at the next refresh) and record the new digest here.
PINNED = {"2026-11-29.3": "7419a606faa57ac9aeb6f02babcd2f239ea7aaf4239e95e88994bc362f6847ce",
          # the sample documents are cut as before; Ofsted report covers (in ../shared/corpus) are cut at their fields
          "2026-11-30.1": "7419a606faa57ac9aeb6f02babcd2f239ea7aaf4239e95e88994bc362f6847ce",
          # a judgement table's header is a unit of its own and labels each row; the samples have no such table
          "2026-11-30.2": "7419a606faa57ac9aeb6f02babcd2f239ea7aaf4239e95e88994bc362f6847ce",
          # a labelled field on a line of its own ("Lead inspector: …") is text; the samples have none
          "2026-11-30.3": "7419a606faa57ac9aeb6f02babcd2f239ea7aaf4239e95e88994bc362f6847ce",
          # a judgement table's header that opens its line is cut from the first row too; the samples have none
          "2026-11-30.4": "7419a606faa57ac9aeb6f02babcd2f239ea7aaf4239e95e88994bc362f6847ce",
          # a line with an editor's note that the copy leaves something out is text; the samples have none
          "2026-12-01.1": "7419a606faa57ac9aeb6f02babcd2f239ea7aaf4239e95e88994bc362f6847ce"}


def test_cutting_version_is_bumped_when_the_cutting_changes() -> None:
    import hashlib

    from ingest.units import CUTTING_VERSION

    digest = hashlib.sha256()
    for path in sorted((ROOT / "knowledge").iterdir()):
        if path.name == "README.md":
            continue
        for passage in split_document(_load(path)):
            digest.update(f"{passage.section}\n{passage.text}\n".encode())
            digest.update("\n".join(answer_units(passage.text)).encode())
    assert PINNED.get(CUTTING_VERSION) == digest.hexdigest(), (
        "passages or answer units are cut differently: bump ingest.units.CUTTING_VERSION and pin "
        f"{digest.hexdigest()!r} for it here"
    )


def test_a_labelled_field_on_a_line_of_its_own_is_text_not_a_heading() -> None:
    """A report cover printed a line per field (Stockton's 2019 report) kept "Lead inspector: …" as a heading, which
    no answer can quote: "who was the lead inspector for stockton 2019" was answered with the 2023 report's."""
    from ingest.splitter import to_blocks

    text = ("Anytown\nInspection of children’s social care services\nInspection dates: 20 May 2019 to 24 May 2019\n"
            "Lead inspector: Jo Bloggs Her Majesty’s Inspector\n"
            "Since the last inspection there has been a decline in the overall effectiveness of services in Anytown.\n"
            "\nCopy: Ann Other, Chief Executive, Anytown Borough Council\n\nStep 1: Referral\n\nThe referral is read.\n"
            "\n5.6 Key features of the assessment: (list not included in this copy)\n\nMore text.\n"
            "\n5.9 Recording services\n\nServices are recorded.\n")
    kinds = {b.text: b.kind for b in to_blocks(text)}
    assert kinds["Lead inspector: Jo Bloggs Her Majesty’s Inspector"] == "para"
    assert kinds["Copy: Ann Other, Chief Executive, Anytown Borough Council"] == "para"
    # a label of one or two words with a short value, or a numbered heading, is still a heading
    assert kinds["Step 1: Referral"] == "heading"
    assert kinds["5.9 Recording services"] == "heading"
    # but a line saying the copy leaves its content out states that: an answer can quote it (ingest.splitter.omits)
    assert kinds["5.6 Key features of the assessment: (list not included in this copy)"] == "para"


@pytest.mark.parametrize("text, note", [
    ("Key features of the assessment: (list not included in this copy)", True),
    ("5.8 When a review must be completed: (details not included in this copy)", True),
    ("Referral form [omitted]", True),
    ("Schedule of visits: (table not reproduced here).", True),
    # a statement with a note after it states its first part
    ("Most Core Assessments are expected to result in ongoing services being provided, so a Care Plan has to be "
     "completed: (details not included in this copy)", False),
    ("Contact [name redacted] for advice", False),  # an instruction with a name left out
    ("Key features of the assessment", False),
    ("The plan was not included in the file (a finding)", False),
])
def test_an_editors_note_that_the_copy_leaves_something_out_is_told_apart(text: str, note: bool) -> None:
    from ingest.splitter import omits

    assert omits(text) is note


def test_a_letters_signatory_and_copy_list_are_text_after_the_sign_off() -> None:
    """With the copy list read as a field, the signatory's line above it would have become its heading: after
    "Yours sincerely" every line is text, so "who signed the letter" can be answered with it."""
    from ingest.models import Document

    text = ("Dear Ms Smith\n\nThe service is safe.\n\nYours sincerely\n\nJane Doe Her Majesty's Inspector\n\n"
            "Copy: Ann Other, Chief Executive, Anytown Borough Council\n")
    passages = split_document(Document(source="letter.txt", text=text, title="Letter"))
    units = [u for p in passages for u in answer_units(p.text)]
    assert "Jane Doe Her Majesty's Inspector" in units
    assert "Copy: Ann Other, Chief Executive, Anytown Borough Council" in units
    assert all("Jane Doe" not in p.section for p in passages)


def test_a_judgement_tables_header_that_opens_its_line_is_cut_from_the_first_row() -> None:
    # Stockton's 2019 report prints its cover a field per line, so its table starts a line: the header was quoted with
    # the first row ("Judgement Grade The impact of leaders … Requires improvement to be good").
    line = ("Judgement Grade The impact of leaders on social work practice with children and families Requires "
            "improvement to be good The experiences and progress of children who need help and protection Requires "
            "improvement to be good The experiences and progress of children in care and care leavers Good Overall "
            "effectiveness Requires improvement to be good")
    units = answer_units(line)
    assert units[:2] == ["Judgement Grade", "The impact of leaders on social work practice with children and families "
                                            "Requires improvement to be good"]
    assert units[-1] == "Overall effectiveness Requires improvement to be good"
    assert unit_headings("", units)[1:] == ["Judgement Grade"] * 4

"""Loaders, metadata and splitting on real files of every supported format, good and bad."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.loaders import LoadError, load_file
from ingest.metadata import build_document, infer_date, parse_date, split_header
from ingest.splitter import split_document, words
from tests.support.documents import write_bad_files, write_docx, write_pdf

LETTER = """Freshford House Redcliffe Way Bristol BS1 6NL
enquiries@ofsted.gov.uk

14 March 2012

Mr A Director
Director of Children's Services
Middlesbrough Council
PO Box 1

Dear Mr Director

Annual unannounced inspection of contact, referral and assessment arrangements

This letter summarises the findings of the recent unannounced inspection carried out by Ofsted inspectors.
Inspectors sampled case records and supervision files.

Areas for development

- Case recording is not sufficiently timely.
- Supervision does not happen at the required frequency. This was an area of development at the previous inspection.
"""


def load(path: Path):
    text, hints = load_file(path)
    return build_document(source=path.name, path=path, raw=text, hints=hints, data=path.read_bytes())


def test_header_is_read_as_metadata(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_text("Title: Supervision Policy\nSource: https://example.org/p\nPublisher: Leeds City Council\n"
                    "Date: 2023-04-01\nType: procedure\n---\nSupervision\n\nSocial workers are supervised monthly.\n" * 1)
    header, body = split_header(path.read_text())
    assert header["title"] == "Supervision Policy" and body.startswith("Supervision")
    doc = load(path)
    assert (doc.title, doc.date, doc.doc_type, doc.url, doc.authorities) == (
        "Supervision Policy", "2023-04-01", "procedure", "https://example.org/p", ["Leeds"])


def test_letter_metadata_is_inferred_without_a_header(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text(LETTER)
    doc = load(path)
    assert doc.date == "2012-03-14"  # the letter's date line
    assert doc.doc_type == "inspection-letter"
    assert doc.authorities == ["Middlesbrough"]  # the addressee council
    assert any("Areas for development" in p.section and "required frequency" in p.text for p in split_document(doc))


def test_dates_in_the_usual_forms():
    assert parse_date("9 June 2011") == "2011-06-09"
    assert parse_date("October 31, 2013") == "2013-10-31"
    assert parse_date("2019") == "2019"
    assert parse_date("n.d.") == ""
    assert parse_date("31 February 2020") == ""
    assert infer_date("Some heading\n\nPublished: 3 Sept 2021\n") == "2021-09-03"


def test_pdf_docx_html_and_markdown_load_with_structure(tmp_path):
    pdf = write_pdf(tmp_path / "oversight.pdf", ["Management oversight procedure",
                                                 "Team managers record oversight every three months."],
                    title="Management Oversight Procedure")
    doc = load(pdf)
    assert doc.title == "Management Oversight Procedure" and "every three months" in doc.text

    docx_path = write_docx(tmp_path / "timescales.docx", title="Assessment Timescales",
                           sections={"Assessments": ["Assessments are completed within 45 working days."]},
                           bullets={"Assessments": ["Managers agree a shorter timescale where needed."]})
    doc = load(docx_path)
    passages = split_document(doc)
    assert doc.title == "Assessment Timescales"
    assert passages[0].section == "Assessments"
    assert "- Managers agree a shorter timescale where needed." in passages[0].text

    html = tmp_path / "recording.html"
    html.write_text("<html><head><title>Case Recording</title><script>var secret=1;</script></head><body>"
                    "<nav>Menu</nav><h2>Timeliness</h2><p>Visits are recorded within two working days.</p>"
                    "<ul><li>Say whether the child was seen alone.</li></ul></body></html>")
    doc = load(html)
    assert doc.title == "Case Recording" and "secret" not in doc.text and "Menu" not in doc.text
    assert split_document(doc)[0].section == "Timeliness"

    md = tmp_path / "note.md"
    md.write_text("# Duty Rota Guidance\n\n## Cover\n\nThe duty manager covers the front door from 9am to 5pm every day.\n")
    doc = load(md)
    assert doc.title == "Duty Rota Guidance" and split_document(doc)[0].section == "Cover"


def test_every_bad_input_gets_a_reason(tmp_path):
    expected = write_bad_files(tmp_path)
    for name, fragment in expected.items():
        with pytest.raises(LoadError) as error:
            load_file(tmp_path / name)
        assert fragment.lower() in str(error.value).lower(), (name, str(error.value))
        assert "\n" not in str(error.value)


def test_passages_keep_bullets_and_sentences_whole_and_sized(tmp_path):
    bullets = "\n".join(f"- Finding number {i} says that the work in area {i} is not yet good enough, and "
                        f"managers have not checked it at the required frequency." for i in range(12))
    long_para = " ".join(f"Sentence {i} describes practice in some detail for the reader." for i in range(60))
    path = tmp_path / "report.md"
    path.write_text(f"# Report\n\n## Areas for development\n\n{bullets}\n\n## Practice\n\n{long_para}\n")
    passages = split_document(load(path))
    assert all(words(p.text) <= 200 for p in passages)
    assert all(words(p.text) >= 40 for p in passages)
    for p in passages:
        if p.section == "Areas for development":
            assert all(line.startswith("- Finding number") and line.endswith("frequency.") for line in p.text.split("\n"))
        else:
            assert p.text.rstrip().endswith(".")
    assert len({p.id for p in passages}) == len(passages)
    again = split_document(load(path))
    assert [p.id for p in again] == [p.id for p in passages]  # stable ids


def test_pdf_running_headers_and_page_numbers_are_removed(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    topics = ["supervision", "case recording", "strategy meetings", "assessments"]
    for number, topic in enumerate(topics, start=1):
        page_file = write_pdf(tmp_path / f"p{number}.pdf", [
            "Inspection of Exampletown children's services", f"Inspectors found that {topic} is",
            f"not good enough in the {topic} teams.", f"Page {number} of 4"])
        writer.add_page(PdfReader(str(page_file)).pages[0])
    with open(tmp_path / "report.pdf", "wb") as handle:
        writer.write(handle)
    text, _ = load_file(tmp_path / "report.pdf")
    assert "Page 2 of 4" not in text
    assert text.count("Inspection of Exampletown") == 0
    assert "Inspectors found that strategy meetings is not good enough in the strategy meetings teams." in text

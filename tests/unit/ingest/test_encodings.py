"""Text in the encodings councils actually save: decoded, never quarantined for it, and the guess recorded."""

from __future__ import annotations

import pytest

from ingest.encodings import NotText, decode
from ingest.loaders import LoadError, load_bytes

PROCEDURE = ("The Emergency Duty Team’s social workers respond between 5pm and 8:45am – including weekends – "
             "and mileage is paid at £0.45 a mile; the café rota is “agreed” weekly.")


@pytest.mark.parametrize("encoding, expected", [
    ("cp1252", "cp1252"), ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"),
    ("utf-16-be", None), ("utf-32", "utf-32"),
])
def test_each_encoding_is_read_back_exactly(encoding, expected):
    data = PROCEDURE.encode(encoding)
    if encoding == "utf-16-be":  # with its byte-order mark, as Windows writes it
        data = b"\xfe\xff" + data
        expected = "utf-16"
    text, used = decode(data)
    assert text == PROCEDURE and used == expected


def test_latin1_and_short_windows_text_are_read_as_windows_1252():
    text, used = decode("Supervision for the caf\xe9 team costs \xa33 a week.".encode("latin-1"))
    assert (text, used) == ("Supervision for the café team costs £3 a week.", "cp1252")
    text, used = decode("Supervision every four weeks in the caf\xe9 team".encode("latin-1"))
    assert text.endswith("café team") and used == "cp1252"


def test_other_code_pages_are_not_forced_into_windows_1252():
    polish = "Dzieci zostały odwiedzone przez pracownika socjalnego w ciągu tygodnia, źle."
    assert decode(polish.encode("cp1250")) == (polish, "cp1250")
    russian = "Дети были осмотрены социальным работником в течение недели."
    assert decode(russian.encode("cp1251"))[0] == russian


def test_binary_is_still_refused_and_the_loader_records_the_encoding():
    with pytest.raises(NotText):
        decode(bytes(range(256)) * 20)
    with pytest.raises(LoadError, match="binary"):
        load_bytes("data.txt", bytes(range(256)) * 20)
    text, hints = load_bytes("procedure.txt", PROCEDURE.encode("cp1252"))
    assert text == PROCEDURE and hints["encoding"] == "cp1252"
    text, hints = load_bytes("page.html", f"<html><title>OOH</title><p>{PROCEDURE}</p></html>".encode("cp1252"))
    assert "£0.45" in text and hints == {"encoding": "cp1252", "title": "OOH"}

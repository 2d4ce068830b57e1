"""Decode a text file whatever encoding it was saved in, and say which one was used.

A byte-order mark decides first (UTF-8, UTF-16, UTF-32); then strict UTF-8;
failing both, charset-normalizer guesses from a sample (councils' shared drives
hold plenty of Windows-1252 and Latin-1). The guess is returned so that it can
be recorded in the document's metadata and shown by ``status``.
"""

from __future__ import annotations

import codecs

SAMPLE_BYTES = 256 * 1024  # the detector reads a sample: its cost grows with the input

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class NotText(ValueError):
    """The bytes are not text in any encoding we can tell (binary data)."""


def decode(data: bytes) -> tuple[str, str]:
    """``(text, encoding)``: the decoded text and the encoding used (a guess when it is not UTF)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise NotText("text with a byte-order mark that does not decode") from None
    if b"\x00" in data[:8192]:
        raise NotText("binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess(data)
    if encoding is None:
        raise NotText("text in an encoding that could not be recognised")
    return data.decode(encoding, errors="replace"), encoding


PREFERRED = {"cp1252", "latin_1", "iso8859_1"}  # Windows text from an English council, when just as likely


def _guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:SAMPLE_BYTES]))
    if not matches:
        return None
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    if any(PREFERRED & {m.encoding, *m.could_be_from_charset} for m in tied):
        return "cp1252"  # a superset of Latin-1's printable characters
    encoding = codecs.lookup(best.encoding).name
    if encoding in {"utf-8", "ascii"}:
        # The sample decoded but the whole did not: a stray byte past the sample. Windows text is likeliest.
        return "cp1252"
    return encoding

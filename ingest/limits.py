"""Limits a file must pass before it is parsed, each refused with a one-line reason.

The size is checked from the scan (nothing is read); a .docx's declared
uncompressed size, member count and compression ratio from its zip directory
(nothing is extracted; Python's zipfile also refuses to inflate a member past
its declared size); a PDF's page count from its page tree (no page is read);
passages per document before and after splitting. Parsing itself then runs
under the time and memory budget of ``ingest.parse_pool``.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import asdict, dataclass
from typing import Any

MB = 1024 * 1024


class LimitExceeded(Exception):
    """A file breaks a limit; ``str(error)`` is the one-line reason for the quarantine list."""


@dataclass(frozen=True)
class ReadLimits:
    """What one file may cost. Defaults suit a council's shared drive; settings change them."""

    max_file_mb: float = 50.0
    max_unzipped_mb: float = 200.0
    max_zip_ratio: float = 100.0
    max_zip_members: int = 5000
    max_pdf_pages: int = 2000
    max_passages: int = 2000
    parse_timeout_s: float = 120.0
    parse_memory_mb: int = 1024
    refuse_symlinks: bool = False  # stricter only: skip links even when they stay inside their folder

    @classmethod
    def from_settings(cls, settings: Any) -> "ReadLimits":
        """The limits named in a settings object (``KB_MAX_FILE_MB`` and friends)."""
        return cls(**{name: getattr(settings, name) for name in asdict(cls()) if hasattr(settings, name)})

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _mb(size: float) -> str:
    return f"{size / MB:.1f} MB"


def check_size(size: int, limits: ReadLimits) -> None:
    if size > limits.max_file_mb * MB:
        raise LimitExceeded(f"file too large: {_mb(size)} (limit {limits.max_file_mb:g} MB, KB_MAX_FILE_MB)")


def check_container(name: str, data: bytes, *, limits: ReadLimits) -> None:
    """The format-specific checks for a file called ``name`` (.docx: zip directory; .pdf: page count)."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == "docx":
        check_zip(data, limits)
    elif suffix == "pdf":
        check_pdf_pages(data, limits)


def check_zip(data: bytes, limits: ReadLimits) -> None:
    """Refuse a zip whose directory declares too much: total size, members or compression ratio (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a zip at all: the loader says so in its own words
    if len(members) > limits.max_zip_members:
        raise LimitExceeded(f"Word document holds {len(members)} parts (limit {limits.max_zip_members}): "
                            "possible zip bomb")
    unzipped = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if unzipped > limits.max_unzipped_mb * MB:
        raise LimitExceeded(f"Word document expands to {_mb(unzipped)} (limit {limits.max_unzipped_mb:g} MB, "
                            "KB_MAX_UNZIPPED_MB): possible zip bomb")
    if unzipped > MB and unzipped / packed > limits.max_zip_ratio:  # tiny parts compress oddly; ignore them
        raise LimitExceeded(f"Word document compressed {unzipped / packed:.0f}:1 (limit {limits.max_zip_ratio:g}:1, "
                            "KB_MAX_ZIP_RATIO): possible zip bomb")


def check_pdf_pages(data: bytes, limits: ReadLimits) -> None:
    """Refuse a PDF whose page tree counts more pages than allowed (read before any page's text)."""
    from pypdf import PdfReader

    try:
        # The page tree's own count: no page is visited (a lie here only moves the cost into the budget).
        pages = int(PdfReader(io.BytesIO(data)).trailer["/Root"]["/Pages"]["/Count"])
    except Exception:  # damaged or encrypted: the loader gives the reason
        return
    if pages > limits.max_pdf_pages:
        raise LimitExceeded(f"PDF has {pages} pages (limit {limits.max_pdf_pages}, KB_MAX_PDF_PAGES)")


def check_words(text: str, limits: ReadLimits, *, words_per_passage: int) -> None:
    """Refuse, before splitting, a text that must make more passages than allowed."""
    at_least = sum(1 for _ in re.finditer(r"\S+", text)) // words_per_passage
    if at_least > limits.max_passages:
        raise LimitExceeded(f"document too long: about {at_least} passages or more "
                            f"(limit {limits.max_passages}, KB_MAX_PASSAGES)")


def check_passages(count: int, limits: ReadLimits) -> None:
    if count > limits.max_passages:
        raise LimitExceeded(f"document makes {count} passages (limit {limits.max_passages}, KB_MAX_PASSAGES)")

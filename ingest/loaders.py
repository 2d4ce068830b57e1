"""Read one file into plain text with light structure (markdown-style headings and bullets).

Each loader takes the file's bytes and returns ``(text, hints)`` where hints are
metadata the format itself carries (a PDF's or DOCX's title, an HTML <title>,
a text file's encoding). Ingest calls them inside a parse worker, under a time
and memory budget, after the checks in ``ingest.limits``. Anything that makes
a file unusable raises :class:`LoadError` with a short reason for the run's
summary; callers quarantine the file and carry on.
"""

from __future__ import annotations

import io
import itertools
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

class LoadError(Exception):
    """The file cannot be used; ``str(error)`` is a one-line reason safe to show."""


Hints = dict[str, str]


def load_file(path: Path) -> tuple[str, Hints]:
    """Text and format hints of ``path``; raises :class:`LoadError` when unusable."""
    check_type(path.name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read file ({exc.strerror})") from None
    return load_bytes(path.name, data)


def check_type(name: str) -> None:
    """Raise :class:`LoadError` unless a file called ``name`` has a supported format."""
    suffix = Path(name).suffix.lower()
    if suffix not in _LOADERS:
        raise LoadError(f"unsupported file type '{suffix or '(none)'}'")


def load_bytes(name: str, data: bytes) -> tuple[str, Hints]:
    """Text and format hints of a file called ``name`` holding ``data``; raises :class:`LoadError` when unusable."""
    check_type(name)
    if not data:
        raise LoadError("empty file")
    text, hints = _LOADERS[Path(name).suffix.lower()](data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if sum(1 for _ in itertools.islice(re.finditer(r"\w", text), 20)) < 20:  # no list of every letter
        raise LoadError("no readable text")
    return text, hints


def _load_text(data: bytes) -> tuple[str, Hints]:
    from ingest.encodings import NotText, decode

    try:
        text, encoding = decode(data)
    except NotText as exc:
        raise LoadError(str(exc)) from None
    return text, {"encoding": encoding}


def _load_pdf(data: bytes) -> tuple[str, Hints]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("encrypted PDF (password protected)")
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(f"unreadable PDF ({type(exc).__name__})") from None
    except Exception as exc:  # pypdf raises many types on damaged files
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise LoadError("encrypted PDF (password protected)") from None
        raise LoadError(f"unreadable PDF ({type(exc).__name__})") from None
    text = "\n\n".join(_unwrap_pdf_page(page) for page in _strip_running_lines(pages))
    if not text.strip():
        raise LoadError("PDF has no extractable text (scanned image?)")
    hints: Hints = {}
    if meta is not None and meta.title:
        hints["title"] = str(meta.title)
    return text, hints


_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.I)


def _strip_running_lines(pages: list[str]) -> list[str]:
    """Drop page numbers and the headers/footers repeated on most pages (they would split sentences)."""
    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip().lower())

    counts: dict[str, int] = {}
    for page in pages:
        lines = [line for line in page.splitlines() if line.strip()]
        for line in {key(x) for x in lines[:3] + lines[-3:]}:
            counts[line] = counts.get(line, 0) + 1
    repeated = {line for line, n in counts.items() if len(pages) >= 3 and n >= max(3, len(pages) // 2)}
    cleaned = []
    for page in pages:
        kept = [line for line in page.splitlines()
                if not _PAGE_NUMBER.match(line.strip()) and key(line) not in repeated]
        cleaned.append("\n".join(kept))
    return cleaned


def _unwrap_pdf_page(page: str) -> str:
    # PDF text arrives one visual line at a time; re-join lines inside a sentence.
    lines = [line.rstrip() for line in page.splitlines()]
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line and not re.search(r"[.:;?!]$", out[-1]) and line[:1].islower():
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def _load_docx(data: bytes) -> tuple[str, Hints]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise LoadError(f"unreadable Word document ({type(exc).__name__})") from None
    except Exception as exc:  # zipfile.BadZipFile and friends
        if "NO_MEMORY" in str(getattr(exc, "error_log", "")) or "memory allocation failed" in str(exc).lower():
            raise MemoryError from None  # libxml2 ran out of the parse worker's memory budget
        raise LoadError(f"unreadable Word document ({type(exc).__name__})") from None
    lines: list[str] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        level = re.match(r"Heading (\d)", style)
        if style == "Title" or level:
            lines.append(f"\n{'#' * (int(level.group(1)) if level else 1)} {text}\n")
        elif "List" in style:
            lines.append(f"- {text}")
        else:
            lines.append(f"\n{text}\n")
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells if cell.text.strip()]
            if cells:
                lines.append("- " + " | ".join(cells))
    hints: Hints = {}
    if document.core_properties.title:
        hints["title"] = document.core_properties.title
    return "\n".join(lines), hints


class _HtmlToText(HTMLParser):
    _SKIP = {"script", "style", "nav", "footer", "header", "noscript", "svg", "form"}
    _BLOCK = {"p", "div", "section", "article", "br", "tr", "table", "ul", "ol", "dl", "dd", "dt", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag == "title":
            self._in_title = True
        elif re.fullmatch(r"h[1-6]", tag):
            self.parts.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag == "title":
            self._in_title = False
        elif re.fullmatch(r"h[1-6]", tag) or tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip_depth:
            self.parts.append(re.sub(r"\s+", " ", data))


def _load_html(data: bytes) -> tuple[str, Hints]:
    raw, hints = _load_text(data)
    parser = _HtmlToText()
    parser.feed(raw)
    parser.close()
    text = re.sub(r"[ \t]+\n", "\n", "".join(parser.parts))
    text = re.sub(r"\n{3,}", "\n\n", text)
    if parser.title.strip():
        hints["title"] = parser.title.strip()
    return text, hints


_LOADERS: dict[str, Callable[[bytes], tuple[str, Hints]]] = {
    ".txt": _load_text,
    ".md": _load_text,
    ".markdown": _load_text,
    ".pdf": _load_pdf,
    ".docx": _load_docx,
    ".html": _load_html,
    ".htm": _load_html,
}

"""Small real documents that tests write: PDF (hand-built, valid xref), DOCX, HTML, bad files."""

from __future__ import annotations

from pathlib import Path


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_pdf(path: Path, lines: list[str], *, title: str | None = None) -> Path:
    """A one-page PDF whose text pypdf can extract, one line per ``lines`` item."""
    content = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
    for line in lines:
        content.append(f"({_escape(line)}) Tj T*")
    content.append("ET")
    stream = "\n".join(content).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    if title:
        objects.append(b"<< /Title (" + _escape(title).encode("latin-1") + b") >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R"
    if title:
        trailer += f" /Info {len(objects)} 0 R"
    out += (trailer + f" >>\nstartxref\n{xref}\n%%EOF\n").encode()
    path.write_bytes(bytes(out))
    return path


def write_encrypted_pdf(path: Path, lines: list[str], *, password: str = "secret") -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(path.with_suffix(".plain.pdf"), lines)
    writer = PdfWriter()
    for page in PdfReader(str(plain)).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    with open(path, "wb") as handle:
        writer.write(handle)
    plain.unlink()
    return path


def write_docx(path: Path, *, title: str, sections: dict[str, list[str]], bullets: dict[str, list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=0)
    for heading, paragraphs in sections.items():
        document.add_heading(heading, level=1)
        for text in paragraphs:
            document.add_paragraph(text)
        for item in (bullets or {}).get(heading, []):
            document.add_paragraph(item, style="List Bullet")
    document.save(path)
    return path


def write_bad_files(folder: Path) -> dict[str, str]:
    """Each kind of unusable input, named by file; returns {file name: expected reason fragment}."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nthis is not really a pdf\n")
    write_encrypted_pdf(folder / "locked.pdf", ["Confidential supervision notes for the team manager only."])
    (folder / "spreadsheet.xlsx").write_bytes(b"PK\x03\x04 not supported")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 truncated zip archive")
    return {
        "empty.txt": "empty file",
        "binary.txt": "binary",
        "corrupt.pdf": "unreadable PDF",
        "locked.pdf": "encrypted",
        "spreadsheet.xlsx": "unsupported file type",
        "broken.docx": "unreadable Word document",
    }


def write_scanned_pdf(path: Path, lines: list[str]) -> Path:
    """A scanned-image PDF, as a photocopier makes one: each page is a picture of text, with no text layer."""
    from PIL import Image, ImageDraw

    page = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
    draw = ImageDraw.Draw(page)
    for n, line in enumerate(lines):
        draw.text((120, 150 + 40 * n), line, fill=0)
    page.save(path, "PDF", resolution=150.0)
    return path

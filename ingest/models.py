"""The two records ingest produces: a document and the passages cut from it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Document:
    """One source file, loaded, with what we know about it."""

    source: str  # path relative to its source folder, '/'-separated
    text: str
    title: str
    date: str = ""  # ISO 'YYYY-MM-DD', 'YYYY', or '' when unknown
    doc_type: str = "document"  # inspection-letter | procedure | statutory-guidance | inspection-framework | document
    publisher: str = ""
    url: str = ""
    authorities: list[str] = field(default_factory=list)
    content_hash: str = ""
    encoding: str = ""  # text files: the encoding read ('utf-8', or a detector's guess such as 'cp1252')
    reviewed: str = ""  # last reviewed, 'YYYY-MM-DD' | 'YYYY-MM' | 'YYYY' | '' (ingest/review.py)
    review_due: str = ""  # next review due, same forms


@dataclass
class Passage:
    """A retrievable piece of a document, with enough context to cite it."""

    id: str
    source: str
    text: str
    title: str
    section: str
    date: str
    doc_type: str
    url: str
    authorities: list[str]
    position: int  # order within the document
    content_hash: str  # the document's hash, to tell unchanged documents apart
    also: list[str] = field(default_factory=list)  # other file names holding identical content (ingest.duplicates)
    flags: list[str] = field(default_factory=list)  # why sentences were withheld (ingest.injection pattern names)

    def embedding_text(self) -> str:
        """What the embedding model and BM25 see: the passage with its document context."""
        heading = f"{self.title}. {self.section}." if self.section else f"{self.title}."
        return f"{heading}\n{self.text}"

    def to_metadata(self) -> dict[str, Any]:
        """Chroma metadata (scalars only)."""
        data = asdict(self)
        data.pop("id")
        data.pop("text")
        data["authorities"] = "|".join(self.authorities)
        data["also"] = json.dumps(self.also) if self.also else ""  # file names may hold any character
        data["flags"] = "|".join(self.flags)
        data["year"] = int(self.date[:4]) if self.date[:4].isdigit() else 0
        return data

    @classmethod
    def from_record(cls, pid: str, text: str, meta: dict[str, Any]) -> "Passage":
        return cls(
            id=pid,
            source=str(meta["source"]),
            text=text,
            title=str(meta.get("title", "")),
            section=str(meta.get("section", "")),
            date=str(meta.get("date", "")),
            doc_type=str(meta.get("doc_type", "document")),
            url=str(meta.get("url", "")),
            authorities=[a for a in str(meta.get("authorities", "")).split("|") if a],
            position=int(meta.get("position", 0)),
            content_hash=str(meta.get("content_hash", "")),
            also=list(json.loads(meta["also"])) if meta.get("also") else [],
            flags=[f for f in str(meta.get("flags", "")).split("|") if f],
        )

"""Small documents the refresh tests write, and a way to read back what a version holds."""

from __future__ import annotations

from pathlib import Path

from ingest.store import KnowledgeStore

TOPICS = {
    "supervision.md": ("Supervision policy", "Social workers receive formal supervision every four weeks. "
                       "Newly qualified social workers receive supervision weekly for the first six weeks. "
                       "Supervision records are kept on the child's file and signed by the supervisor."),
    "strategy.md": ("Strategy discussions", "A strategy discussion is held whenever there is reasonable cause "
                    "to suspect significant harm. Police, health and children's social care take part. "
                    "The discussion decides whether section 47 enquiries start."),
    "visits.md": ("Statutory visits", "Children in care are visited within one week of placement and then "
                  "at intervals of no more than six weeks. Visits include seeing the child alone. "
                  "The social worker records each visit within three working days."),
}


def write_doc(folder: Path, name: str, title: str, body: str, *, extra: str = "") -> Path:
    path = folder / name
    paragraphs = [body, extra] if extra else [body]
    path.write_text(f"# {title}\n\n## Requirements\n\n" + "\n\n".join(paragraphs) + "\n")
    return path


def write_corpus(folder: Path, names: list[str] | None = None) -> None:
    for name in names or list(TOPICS):
        write_doc(folder, name, *TOPICS[name])


def stored_sources(store: KnowledgeStore) -> dict[str, int]:
    """Passages per source in the live version's Chroma collection."""
    version = store.live()
    passages, _ = version.passages()
    store.release(version)
    counts: dict[str, int] = {}
    for passage in passages:
        counts[passage.source] = counts.get(passage.source, 0) + 1
    return counts


def stored_texts(store: KnowledgeStore) -> str:
    version = store.live()
    passages, _ = version.passages()
    store.release(version)
    return "\n".join(p.text for p in passages)

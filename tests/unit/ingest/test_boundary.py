"""Source folders are a boundary: real links, loops, FIFOs, lock and hidden files on the real file system."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.boundary import Boundary, Moved, hash_found, read_found, scan


@pytest.fixture
def tree(tmp_path) -> Path:
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    (docs / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "hr.txt").write_text("HR file: disciplinary record, not for the knowledge base.")
    (docs / "policy.md").write_text("# Policy\n\nSupervision every four weeks.")
    (docs / "sub" / "visits.md").write_text("Visits every six weeks.")
    os.symlink(outside / "hr.txt", docs / "staff-notes.txt")          # a file outside
    os.symlink(outside, docs / "hr-folder")                           # a folder outside
    os.symlink("../../outside/hr.txt", docs / "sub" / "relative.txt")  # relative, still outside
    os.symlink(".", docs / "loop")                                    # a folder containing itself
    os.symlink("..", docs / "sub" / "up")
    os.symlink("b.txt", docs / "a.txt")                               # a chain that never ends
    os.symlink("a.txt", docs / "b.txt")
    os.symlink("missing.md", docs / "gone.md")                        # dangling
    os.symlink("policy.md", docs / "latest.md")                       # inside: read (same content)
    os.symlink("sub", docs / "alias")                                 # a folder inside: read under its own name
    (docs / "~$policy.docx").write_bytes(b"lock")
    (docs / ".hidden.md").write_text("hidden")
    (docs / ".git").mkdir()
    (docs / ".git" / "config").write_text("x")
    os.mkfifo(docs / "pipe.txt")
    return docs


def test_links_out_loops_dangling_lock_hidden_and_special_files_are_named_with_reasons(tree):
    result = scan([tree])
    assert [f.source for f in result.found] == ["latest.md", "policy.md", "sub/visits.md"]
    reasons = {item["source"]: item["reason"] for item in result.skipped}
    assert reasons == {
        "staff-notes.txt": "symbolic link leads outside the source folder, not followed",
        "hr-folder": "symbolic link leads outside the source folder, not followed",
        "sub/relative.txt": "symbolic link leads outside the source folder, not followed",
        "loop": "symbolic link loop (it points to a folder that contains it), not followed",
        "sub/up": "symbolic link loop (it points to a folder that contains it), not followed",
        "a.txt": "symbolic link loop, not followed",
        "b.txt": "symbolic link loop, not followed",
        "gone.md": "dangling symbolic link (its target does not exist)",
        "alias": "symbolic link to a folder, not followed (the folder is read under its own name)",
        "~$policy.docx": "Office lock file (~$…), skipped",
        ".hidden.md": "hidden file, skipped",
        ".git/": "hidden folder, skipped (not read)",
        "pipe.txt": "not a regular file (a pipe, device or socket), skipped",
    }
    latest = next(f for f in result.found if f.source == "latest.md")
    assert latest.path == (tree / "policy.md").resolve()  # a link inside is read at its real place


def test_refusing_symlinks_is_stricter_and_nothing_is_looser(tree):
    strict = scan([tree], boundary=Boundary(refuse_symlinks=True))
    assert [f.source for f in strict.found] == ["policy.md", "sub/visits.md"]
    assert {i["source"]: i["reason"] for i in strict.skipped}["latest.md"].startswith("symbolic link, not followed")
    assert set(Boundary.__dataclass_fields__) == {"refuse_symlinks"}  # no option to follow links out


def test_a_file_swapped_for_a_link_after_the_scan_is_not_read(tree, tmp_path):
    found = next(f for f in scan([tree]).found if f.source == "policy.md")
    assert read_found(found, max_bytes=1000).startswith(b"# Policy")
    assert len(hash_found(found)) == 16
    (tree / "policy.md").unlink()
    os.symlink(tmp_path / "outside" / "hr.txt", tree / "policy.md")
    with pytest.raises(OSError):  # O_NOFOLLOW refuses the link itself
        read_found(found, max_bytes=1000)
    (tree / "other.md").write_text("a different file, renamed over the scanned one")
    os.replace(tree / "other.md", tree / "policy.md")
    with pytest.raises(Moved):
        hash_found(found)


def test_a_source_folder_reached_through_a_link_is_read(tmp_path, tree):
    os.symlink(tree, tmp_path / "knowledge")
    assert [f.source for f in scan([tmp_path / "knowledge"]).found] == ["latest.md", "policy.md", "sub/visits.md"]

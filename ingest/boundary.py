"""Source folders are a boundary: which files a run may read, and reading exactly those.

:func:`scan` walks each source folder without ever leaving it. A symbolic link
whose target lies outside its folder is not followed, nor is any link to a
folder (one inside would only be read twice, or for ever if it points at its
own parent); loops and dangling links are reported; Office lock files (``~$...``), hidden files and folders and
anything that is not a regular file (a FIFO would block a read for ever) are
skipped. Every skip comes back with a one-line reason for the quarantine list.
The policy can only be made stricter (:attr:`Boundary.refuse_symlinks`); there
is no setting that follows a link out of a folder.

A found file remembers its device and inode; :func:`read_found` and :func:`hash_found` read it only if
the file opened (without following a final link) is still that same file, so a
link swapped in after the scan cannot redirect a read.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

IGNORED_NAMES = frozenset({"readme.md", "license", "sources.md"})  # a folder's own notes, not documents
HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class Boundary:
    """How strict a scan is. ``refuse_symlinks``: skip every link, even one that stays inside its folder."""

    refuse_symlinks: bool = False


@dataclass(frozen=True)
class Found:
    """A file a run may read: its name in the knowledge base, where it really is, and which file it is."""

    source: str
    path: Path  # the real path (links inside the folder resolved)
    device: int = 0
    inode: int = 0
    size: int = 0


@dataclass
class Scan:
    found: list[Found] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)  # {"source", "reason"}


class Moved(OSError):
    """The file is no longer the one the scan found (replaced, or turned into a link)."""


def scan(sources: Iterable[Path], *, boundary: Boundary = Boundary()) -> Scan:
    """Every readable candidate under ``sources`` (folders, or files named directly), sorted, and every skip."""
    roots = [Path(s) for s in sources]
    result = Scan()
    found: dict[str, Found] = {}
    for root in roots:
        if root.is_file():  # named on purpose by whoever runs the command
            info = root.stat()
            found[root.name] = Found(root.name, root.resolve(), info.st_dev, info.st_ino, info.st_size)
            continue
        if not root.is_dir():
            raise FileNotFoundError(f"document folder not found: {root}")
        prefix = f"{root.name}/" if len(roots) > 1 else ""
        _Walk(root, prefix, boundary=boundary, found=found, skipped=result.skipped).run()
    result.found = [found[key] for key in sorted(found)]
    result.skipped.sort(key=lambda item: item["source"])
    return result


class _Walk:
    """One source folder, walked by hand so that no link is followed before it is checked."""

    def __init__(self, root: Path, prefix: str, *, boundary: Boundary, found: dict[str, Found],
                 skipped: list[dict[str, str]]) -> None:
        self.real_root = os.path.realpath(root)
        self.prefix = prefix
        self.boundary = boundary
        self.found = found
        self.skipped = skipped
        self.seen_dirs: set[tuple[int, int]] = set()

    def run(self) -> None:
        info = os.stat(self.real_root)
        self.seen_dirs.add((info.st_dev, info.st_ino))
        self._folder(self.real_root, "")

    def skip(self, relative: str, reason: str) -> None:
        self.skipped.append({"source": self.prefix + relative, "reason": reason})

    def _folder(self, real_dir: str, relative_dir: str) -> None:
        try:
            entries = sorted(os.scandir(real_dir), key=lambda e: e.name)
        except OSError as exc:
            self.skip(relative_dir + "/" if relative_dir else ".", f"folder cannot be read ({exc.strerror})")
            return
        for entry in entries:
            relative = f"{relative_dir}/{entry.name}" if relative_dir else entry.name
            name = entry.name
            if name.startswith("~$"):
                self.skip(relative, "Office lock file (~$…), skipped")
                continue
            if name.startswith("."):
                is_dir = entry.is_dir(follow_symlinks=False)
                self.skip(relative + ("/" if is_dir else ""),
                          "hidden folder, skipped (not read)" if is_dir else "hidden file, skipped")
                continue
            target = entry.path
            if entry.is_symlink():
                target = self._follow(entry.path, relative, real_dir=real_dir)
                if target is None:
                    continue
            try:
                info = os.stat(target, follow_symlinks=False)
            except OSError as exc:
                self.skip(relative, f"cannot be read ({exc.strerror})")
                continue
            if stat.S_ISDIR(info.st_mode):
                if (info.st_dev, info.st_ino) in self.seen_dirs:  # a bind mount inside itself
                    self.skip(relative + "/", "folder already read under another name, not read again")
                    continue
                self.seen_dirs.add((info.st_dev, info.st_ino))
                self._folder(target, relative)
            elif not stat.S_ISREG(info.st_mode):
                self.skip(relative, "not a regular file (a pipe, device or socket), skipped")
            elif name.lower() not in IGNORED_NAMES:
                self.found[self.prefix + relative] = Found(
                    self.prefix + relative, Path(target), info.st_dev, info.st_ino, info.st_size)

    def _follow(self, link: str, relative: str, *, real_dir: str) -> str | None:
        """The real path of a link to a file inside the folder, or None (and a reason) for any other link.

        Links to folders are never followed: one inside the folder would only read it twice (or
        for ever, if it points at its own parent), and one outside leaves the boundary.
        """
        if self.boundary.refuse_symlinks:
            self.skip(relative, "symbolic link, not followed (refuse_symlinks is set)")
            return None
        try:
            info = os.stat(link)  # follows the whole chain
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                self.skip(relative, "symbolic link loop, not followed")
            elif exc.errno in (errno.ENOENT, errno.ENOTDIR):
                self.skip(relative, "dangling symbolic link (its target does not exist)")
            else:
                self.skip(relative, f"symbolic link cannot be followed ({exc.strerror})")
            return None
        target = os.path.realpath(link)
        if not self._inside(target):
            self.skip(relative, "symbolic link leads outside the source folder, not followed")
        elif stat.S_ISDIR(info.st_mode) and self._inside_of(real_dir, target):
            self.skip(relative, "symbolic link loop (it points to a folder that contains it), not followed")
        elif stat.S_ISDIR(info.st_mode):
            self.skip(relative, "symbolic link to a folder, not followed (the folder is read under its own name)")
        else:
            return target
        return None

    @staticmethod
    def _inside_of(path: str, folder: str) -> bool:
        return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)

    def _inside(self, target: str) -> bool:
        return self._inside_of(target, self.real_root)


def _open(found: Found) -> int:
    """A descriptor for ``found``, refused unless it is still the very file the scan saw."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(found.path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or (found.inode and (info.st_dev, info.st_ino) != (found.device, found.inode)):
            raise Moved(errno.ESTALE, "the file changed while it was being read")
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_found(found: Found, *, max_bytes: int) -> bytes:
    """The bytes of ``found`` (at most ``max_bytes``, else ``OSError(EFBIG)``), read through :func:`_open`."""
    fd = _open(found)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise OSError(errno.EFBIG, "file grew past the size limit while it was being read")
    return data


def hash_found(found: Found) -> str:
    """SHA-256 (first 16 hex digits, as ``metadata.content_hash``) of ``found``, read in place through one buffer.

    The buffer is zeroed afterwards: this process also hosts Chroma, which can write stale heap
    memory into index files (docs/refresh.md), and document text should not linger in it.
    """
    digest = hashlib.sha256()
    buffer = bytearray(HASH_CHUNK)
    view = memoryview(buffer)
    fd = _open(found)
    try:
        with os.fdopen(fd, "rb", buffering=0) as handle:
            while count := handle.readinto(view):
                digest.update(view[:count])
    finally:
        view.release()
        buffer[:] = bytes(len(buffer))
    return digest.hexdigest()[:16]

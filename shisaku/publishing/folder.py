"""The output folder's files, reached from its root without ever following a link.

Every path is relative to the root, checked by :func:`check_relative` (no ``..``, no absolute
path), and reached one folder at a time from a descriptor of the root (``openat``), each
folder opened with ``O_NOFOLLOW``: a symbolic link inside the folder is never followed, neither
to read, nor to write, nor to delete.  Writing where a link (or a file) stands in for a folder
stops with :class:`LinkInTheWay`; a link standing where a file goes is replaced by the file
(the link only, never what it points to); a file behind a linked folder is not deleted.

A file is written to a temporary name beside it, then renamed over it (``os.replace``): a
reader sees the old file or the new one, never half of one.  The temporary name is fixed per
file, so a run that was killed half-way leaves at most one, which the next write or delete of
the same file removes.

A folder this object made holds only what it wrote there (as far as it knows: a file another
process put there is written again, never trusted): while it remembers the names it made there
(for the :data:`FOLDERS_KNOWN` such folders used last, open or closed since), a missing file or
folder in it costs no look at the disk.  Deleting a file forgets them all.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
NOT_A_FOLDER = (errno.ELOOP, errno.ENOTDIR)  # a link (O_NOFOLLOW) or a file where a folder goes
FOLDERS_KEPT = 64  # folders kept open between files
FOLDERS_KNOWN = 4096  # folders this object made whose names it remembers once closed
CHUNK = 1 << 20  # bytes read at a time after the first read of a file
NOT_A_NAME = frozenset(("", ".", ".."))  # parts of a path that name no file or folder
LINK_REASON = "シンボリックリンクかファイルです。公開フォルダの中のリンクはたどりません"


class UnsafePath(ValueError):
    """A path that would leave the output folder (``..``) or cannot be a file name."""


class LinkInTheWay(OSError):
    """A link (or a file) stands where the run needs a folder: nothing is written through it."""


def check_relative(relative: str) -> str:
    """Return ``relative`` if it names a file inside the folder, or raise UnsafePath."""
    if not NOT_A_NAME.isdisjoint(relative.split("/")) or "\\" in relative or "\0" in relative:
        raise UnsafePath(f"{relative!r} is not a file inside the output folder")
    return relative


def temporary_name(name: str) -> str:
    """Return the name a file is written under before it is renamed."""
    return f".{name}.shisaku-tmp"


@dataclass(slots=True)
class Kept:
    """A folder kept open: its descriptor and, when this object made it, the names it made in
    it (so a missing file or folder there costs no look at the disk)."""

    fd: int
    made: set[str] | None


class Folder:
    """A folder whose files are read, written and deleted without following links."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)  # the root itself may be a link
        # The folders used last, open (path → descriptor, the least recently used first): the
        # next file is most often in one of them (a page writes four files, in each language).
        self._folders: dict[str, Kept] = {}
        # The names made in folders this object made and closed since (path → names, the least
        # recently closed first): a page's widget or share page comes after the plan's other
        # pages, when its indicator's folder has long been closed.
        self._known: dict[str, set[str]] = {}

    def close(self) -> None:
        """Close the descriptors this folder holds."""
        self._forget()
        os.close(self.fd)

    def read(self, relative: str) -> bytes | None:
        """Return a regular file's content (None when missing, a link or something else)."""
        fd = self._open_file(relative)
        if fd is None:
            return None
        try:
            size = os.fstat(fd)
            if not stat.S_ISREG(size.st_mode):
                return None
            chunks = [os.read(fd, size.st_size + 1)]  # one read, unless it grew meanwhile
            while chunks[-1]:
                chunks.append(os.read(fd, CHUNK))
            return chunks[0] if len(chunks) <= 2 else b"".join(chunks)  # not copied: one read
        finally:
            os.close(fd)

    def holds(self, relative: str, content: bytes) -> bool:
        """Return whether the folder holds ``content`` as the regular file ``relative`` (a file
        of another size is not read)."""
        found = self._kept_if_there(relative)
        return found is not None and _holds_in(*found, content)

    def put(
        self, relative: str, content: bytes, *, trusted: bool, noting: Callable[[str], object]
    ) -> bool:
        """Write a file unless the folder already holds exactly ``content`` there (looked at
        only when its file is ``trusted``), calling ``noting`` with its path just before the
        file is touched; its folder is looked up once for both.  Return whether the file was
        written."""
        found = self._kept_if_there(relative)
        if found is not None and trusted and _holds_in(*found, content):
            return False
        noting(relative)
        kept, name = found or self._kept(relative, create=True)
        return self._write_in(kept, name, content)

    def _kept_if_there(self, relative: str) -> tuple[Kept, str] | None:
        """Return a file's folder, kept open, and the file's name (None when a folder on the
        way is missing or a link)."""
        try:
            return self._kept(relative, create=False)
        except OSError:
            return None

    def _open_file(self, relative: str) -> int | None:
        """Return a descriptor of a file opened for reading (None when it cannot be: missing,
        a link, or a folder on the way that is missing or a link)."""
        try:
            kept, name = self._kept(relative, create=False)
        except OSError:
            return None
        return _open_in(kept, name)

    def open_for_appending(self, name: str) -> int:
        """Open (or create) a file at the root for reading and appending; return its
        descriptor (the caller closes it)."""
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW
        return os.open(check_relative(name), flags, 0o666, dir_fd=self.fd)

    def write(
        self,
        relative: str,
        content: bytes | Iterable[bytes],
        *,
        durable: bool = False,
        unless_same: bool = False,
    ) -> bool:
        """Write a file (creating its folders) under its temporary name, then rename it; with
        ``durable``, on the disk before the rename.  ``content`` is bytes or blocks of bytes.
        With ``unless_same``, a regular file that already holds exactly ``content`` (compared
        block by block while writing) is left as it is.  Return whether the file was
        written."""
        kept, name = self._kept(relative, create=True)
        return self._write_in(kept, name, content, durable=durable, unless_same=unless_same)

    def _write_in(
        self,
        kept: Kept,
        name: str,
        content: bytes | Iterable[bytes],
        *,
        durable: bool = False,
        unless_same: bool = False,
    ) -> bool:
        """Write a file of a kept folder as :meth:`write` does."""
        parent = kept.fd
        old = _open_in(kept, name) if unless_same else None
        if kept.made is not None:
            kept.made.add(name)
        temporary = temporary_name(name)
        try:
            fd = os.open(temporary, NEW_FILE, 0o666, dir_fd=parent)
        except FileExistsError:  # a killed run's (or a link): removed, never written through
            _unlink(temporary, parent)
            fd = os.open(temporary, NEW_FILE, 0o666, dir_fd=parent)
        try:
            try:
                blocks = (content,) if isinstance(content, bytes) else content
                same = _write_blocks(fd, blocks, old)
                if durable and not same:
                    os.fsync(fd)
            finally:
                os.close(fd)
                if old is not None:
                    os.close(old)
            if same:
                _unlink(temporary, parent)
                return False
            os.replace(temporary, name, src_dir_fd=parent, dst_dir_fd=parent)
            if durable:
                _sync_folder(parent)  # the rename itself
        except BaseException:
            _unlink(temporary, parent)
            raise
        return True

    def remove(self, relative: str) -> None:
        """Delete a file (a link: the link) and its temporary, then the folders left empty;
        nothing when a folder on the way is a link."""
        parts = check_relative(relative).split("/")
        self._forget()
        try:
            opened = self._descend(parts[:-1], create=False)
        except OSError:
            return
        try:
            parent = opened[-1] if opened else self.fd
            _unlink(parts[-1], parent)
            _unlink(temporary_name(parts[-1]), parent)
            self._prune(parts[:-1], opened)
        finally:
            for fd in opened:
                os.close(fd)

    def remove_temporary(self, relative: str) -> None:
        """Delete a file's temporary, if a killed run left one."""
        parent, name = self._parent(relative, create=False)
        _unlink(temporary_name(name), parent)

    def _parent(self, relative: str, *, create: bool) -> tuple[int, str]:
        """Return a descriptor of a file's folder (this object closes it) and the file's name."""
        kept, name = self._kept(relative, create=create)
        return kept.fd, name

    def _kept(self, relative: str, *, create: bool) -> tuple[Kept, str]:
        """Return a file's folder, kept open by this object, and the file's name."""
        folder, _, name = check_relative(relative).rpartition("/")
        return self._folder(folder, create=create), name

    def _folder(self, folder: str, *, create: bool) -> Kept:
        """Return a folder kept open (this object closes it), opened from its parent's (each
        folder of the path in turn, as :meth:`_descend` does); the :data:`FOLDERS_KEPT` used
        last stay open."""
        if not folder:
            return Kept(self.fd, None)
        kept = self._folders.pop(folder, None)
        if kept is None:
            above, _, name = folder.rpartition("/")
            kept = self._subfolder(self._folder(above, create=create), name, create, folder)
            if len(self._folders) >= FOLDERS_KEPT:
                self._close_oldest()
        self._folders[folder] = kept  # the most recently used, last
        return kept

    def _close_oldest(self) -> None:
        """Close the folder used least recently, remembering the names made in it (when this
        object made it) for the :data:`FOLDERS_KNOWN` folders closed last."""
        folder = next(iter(self._folders))
        kept = self._folders.pop(folder)
        os.close(kept.fd)
        if kept.made is not None:
            self._known[folder] = kept.made
            if len(self._known) > FOLDERS_KNOWN:
                del self._known[next(iter(self._known))]

    def _subfolder(self, parent: Kept, name: str, create: bool, folder: str) -> Kept:
        """Open (or make) a folder in a kept one: in a folder this object made, a folder it did
        not make is missing, and is made without looking first."""
        path = folder.split("/")
        if parent.made is None or name in parent.made:
            known = self._known.pop(folder, None)  # this object made it, when known
            kept = self._enter(parent.fd, name, create, path)
            return Kept(kept.fd, known) if kept.made is None and known is not None else kept
        if not create:
            raise FileNotFoundError(errno.ENOENT, "not made by this object", folder)
        parent.made.add(name)
        return self._make(parent.fd, name, path)

    def _descend(self, folders: list[str], *, create: bool) -> list[int]:
        """Open each folder of a path in turn from the root; return their descriptors (the
        caller closes them)."""
        opened: list[int] = []
        try:
            for depth, name in enumerate(folders):
                parent = opened[-1] if opened else self.fd
                opened.append(self._enter(parent, name, create, folders[: depth + 1]).fd)
        except BaseException:
            for fd in opened:
                os.close(fd)
            raise
        return opened

    def _enter(self, parent: int, name: str, create: bool, path: list[str]) -> Kept:
        """Open one folder (made when missing and ``create``), never through a link."""
        try:
            return Kept(self._open(parent, name, path), None)
        except FileNotFoundError:
            if not create:
                raise
        return self._make(parent, name, path)

    def _make(self, parent: int, name: str, path: list[str]) -> Kept:
        """Make one folder and open it (never through a link); one that is already there
        (made meanwhile by another worker, or a link) is opened as it is."""
        try:
            os.mkdir(name, dir_fd=parent)
        except FileExistsError:
            return Kept(self._open(parent, name, path), None)
        return Kept(self._open(parent, name, path), set())

    def _open(self, parent: int, name: str, path: list[str]) -> int:
        """Open one folder, or raise LinkInTheWay when a link or a file stands there."""
        try:
            return os.open(name, FOLDER, dir_fd=parent)
        except OSError as error:
            if error.errno not in NOT_A_FOLDER:
                raise
            where = str(self.root.joinpath(*path))
            raise LinkInTheWay(errno.ELOOP, LINK_REASON, where) from error

    def _prune(self, folders: list[str], opened: list[int]) -> None:
        """Remove the folders of a path, deepest first, while they are empty."""
        for depth in range(len(folders) - 1, -1, -1):
            parent = opened[depth - 1] if depth else self.fd
            try:
                os.rmdir(folders[depth], dir_fd=parent)
            except OSError:
                return

    def _forget(self) -> None:
        """Close the folders used last, and forget the names made in any folder."""
        for kept in self._folders.values():
            os.close(kept.fd)
        self._folders.clear()
        self._known.clear()


def _unlink(name: str, folder: int) -> None:
    """Delete a name in a folder if it is there (a link: the link itself)."""
    with suppress(FileNotFoundError, IsADirectoryError):
        os.unlink(name, dir_fd=folder)


def _open_in(kept: Kept, name: str) -> int | None:
    """Return a descriptor of a regular file of a kept folder opened for reading (None when it
    cannot be: missing, a link, or not a regular file)."""
    if kept.made is not None and name not in kept.made:
        return None  # a folder this object made holds only what it put there
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=kept.fd)
    except OSError:
        return None
    return fd


def _holds_in(kept: Kept, name: str, content: bytes) -> bool:
    """Return whether a kept folder holds ``content`` as the regular file ``name`` (a file of
    another size is not read)."""
    fd = _open_in(kept, name)
    if fd is None:
        return False
    try:
        size = os.fstat(fd)
        same_size = stat.S_ISREG(size.st_mode) and size.st_size == len(content)
        return same_size and os.read(fd, len(content) + 1) == content
    finally:
        os.close(fd)


def _write_blocks(fd: int, blocks: Iterable[bytes], old: int | None) -> bool:
    """Write blocks of bytes to a file descriptor; return whether the file ``old`` (a
    descriptor, or None) holds exactly what was written."""
    same = old is not None and stat.S_ISREG(os.fstat(old).st_mode)
    for block in blocks:
        _write_all(fd, block)
        same = same and _read_exactly(old, len(block)) == block
    return same and _read_exactly(old, 1) == b""


def _read_exactly(fd: int | None, size: int) -> bytes:
    """Return the next ``size`` bytes of a file (fewer at its end)."""
    assert fd is not None
    chunks = [os.read(fd, size)]
    while chunks[-1] and (got := sum(map(len, chunks))) < size:
        chunks.append(os.read(fd, size - got))
    return b"".join(chunks)


def _write_all(fd: int, content: bytes) -> None:
    """Write all of ``content`` to a file descriptor."""
    written = os.write(fd, content)
    if written < len(content):
        view = memoryview(content)
        while written < len(content):
            written += os.write(fd, view[written:])


def _sync_folder(folder: int) -> None:
    """Flush a folder's entries to the disk (where the file system can: some refuse)."""
    try:
        os.fsync(folder)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise

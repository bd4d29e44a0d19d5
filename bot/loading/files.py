"""Release files on disk: which files a load covers, how the store names them, and the
stamp and hash that tell an unchanged file from a changed one without parsing it."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot import ingest
from bot.file_stamps import RACY_NS, FileStamp
from bot.registry import Registry

STRUCTURED = frozenset({".json", ".jsonl"})
PAGE_SUFFIXES = frozenset({".txt", ".text", ".md", *STRUCTURED, *ingest.HTML_SUFFIXES})
# Pages whose boilerplate is not learned from their folder: records, and HTML, whose
# main-text extraction drops a site's menus and footers by itself.
NO_BOILERPLATE = STRUCTURED | ingest.HTML_SUFFIXES


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file a load covers. Its location stays text: a reload stats every file but reads
    only the changed ones, and a ``Path`` for each of 100,000 files costs more than its stat."""

    path: str
    key: str  # how the store names it: relative to the data folder where possible
    folder: str  # the folder it is in, whose pages its boilerplate is learned from
    # Whether its folder lists a file named like its sidecar: where none is, a reload
    # does not stat one (a failed ``stat`` costs as much as the file's own).
    may_have_sidecar: bool = True


def source_key(path: Path, data_dir: Path) -> str:
    """How the store names a file: relative to the data folder where possible."""
    # A link is named as the link, not as what it points to.
    location = path.parent.resolve() / path.name if path.is_symlink() else path.resolve()
    return _relative_key(location, data_dir.resolve())


def _relative_key(location: Path, data_root: Path) -> str:
    return _relative_name(str(location), str(data_root))


def _relative_name(location: str, data_root: str) -> str:
    """``location`` relative to ``data_root`` if inside it (both resolved), as text: a walk
    names every file, and ``Path.relative_to`` would cost more than the walk."""
    if location == data_root:
        return "."
    prefix = data_root.rstrip(os.sep) + os.sep
    name = location[len(prefix) :] if location.startswith(prefix) else location
    return name if os.sep == "/" else name.replace(os.sep, "/")


def discover(
    roots: Sequence[Path], data_dir: Path
) -> tuple[list[SourceFile], list[tuple[str, str]]]:
    """Release files under the roots (sorted, so loads are repeatable), and the problems:
    roots that are missing, and links in a folder that lead out of it (never followed)."""
    data_root = str(data_dir.resolve())
    found: dict[str, SourceFile] = {}
    problems: list[tuple[str, str]] = []
    for root in roots:
        if root.is_file():
            key = source_key(root, data_dir)
            if _is_release_file(root, explicit=True):
                found.setdefault(key, SourceFile(str(root), key, str(root.parent)))
        elif root.is_dir():
            inside = root.resolve()
            for path, name, real, linked, sidecar in _walk(str(root), str(inside)):
                key = _relative_name(real, data_root)
                if linked and os.path.isdir(path):
                    problems.append((key, "a linked folder: not followed"))
                    continue
                if not _is_release_name(name, explicit=False):
                    continue
                if linked and inside not in Path(path).resolve().parents:
                    problems.append((key, "a link leading outside the loaded folder: not followed"))
                    continue
                if key not in found:
                    found[key] = SourceFile(path, key, os.path.dirname(path), sidecar)
        else:
            problems.append((str(root), "no such file or folder"))
    return [found[k] for k in sorted(found)], problems


def _walk(folder: str, real_folder: str) -> Iterator[tuple[str, str, str, bool, bool]]:
    """(path, name, real location, is a link, may have a sidecar) of every file below
    ``folder``.

    ``os.scandir`` answers "file? link?" from the directory listing itself, and paths
    stay text, which keeps a walk over 100,000 files to a fraction of a second; linked
    folders are not entered.
    """
    with os.scandir(folder) as entries:
        listed = sorted(entries, key=lambda entry: entry.name)
    # Folded: where names are not case-sensitive, ``stat`` finds a sidecar in any case.
    sidecars = {entry.name.casefold() for entry in listed if ingest.is_sidecar_name(entry.name)}
    for entry in listed:
        name = entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, os.path.join(real_folder, name))
        elif entry.is_file() or entry.is_dir():
            # A linked folder is reported like a linked file, never walked into.
            sidecar = bool(sidecars) and ingest.sidecar_location(name).casefold() in sidecars
            real = os.path.join(real_folder, name)
            yield entry.path, name, real, entry.is_symlink(), sidecar


def _is_release_file(path: Path, *, explicit: bool) -> bool:
    return _is_release_name(path.name, explicit=explicit)


def _is_release_name(name: str, *, explicit: bool) -> bool:
    if ingest.is_sidecar_name(name) or name.startswith("."):
        return False
    return explicit or os.path.splitext(name)[1].lower() in PAGE_SUFFIXES


@lru_cache(maxsize=4)
def parser_fingerprint(registry: Registry) -> bytes:
    """What a page's records depend on besides its bytes: the parser's code and the
    company registry. Part of every file's hash, so that after an upgrade or a registry
    edit the next load parses pages again (records that come out the same stay as they
    are) instead of keeping what older rules made of them.

    Remembered per registry: the loader reads one registry object for as long as the
    file's stamp holds, and digesting thousands of companies on every load (every
    poll) would cost more than hashing the object to find the digest again."""
    digest = hashlib.sha256(repr(registry).encode())
    digest.update(_parser_code())
    return digest.digest()


@lru_cache(maxsize=1)
def _parser_code() -> bytes:
    """The parser's code, read once per process rather than on every reload: a running
    bot parses with the code it imported, whatever is on disk later."""
    return b"".join(
        module.read_bytes() for module in sorted(Path(ingest.__file__).parent.glob("*.py"))
    )


def file_hash(data: bytes, sidecar: bytes | None, fingerprint: bytes = b"") -> str:
    digest = hashlib.sha256(fingerprint)
    digest.update(data)
    if sidecar is not None:
        digest.update(b"\0sidecar\0")
        digest.update(sidecar)
    return digest.hexdigest()


def stamp_file(source: SourceFile, parser: bytes, now_ns: int) -> FileStamp | None:
    """The file's stamp, from ``stat`` alone; None when it cannot be trusted (unreadable,
    or modified too recently). ``read_with`` digests what else the records depend on:
    the parser fingerprint, and the sidecar's own size and time when there is one."""
    sidecar: os.stat_result | None = None
    try:
        stat = os.stat(source.path)
        if source.may_have_sidecar:
            with contextlib.suppress(FileNotFoundError):
                sidecar = os.stat(ingest.sidecar_location(source.path))
    except OSError:
        return None
    newest = max(stat.st_mtime_ns, sidecar.st_mtime_ns if sidecar else 0)
    if newest > now_ns - RACY_NS:
        return None
    if sidecar is None:
        return FileStamp(stat.st_size, stat.st_mtime_ns, _read_with(parser, ""))
    sidecar_stamp = f"\0sidecar\0{sidecar.st_size}:{sidecar.st_mtime_ns}"
    return FileStamp(stat.st_size, stat.st_mtime_ns, _read_with(parser, sidecar_stamp))


@lru_cache(maxsize=1)
def _read_with(parser: bytes, sidecar: str) -> str:
    """Cached for the common case, a file without sidecar under this load's parser."""
    return hashlib.sha256(parser + sidecar.encode()).hexdigest()[:32]


def read_sidecar(path: Path, max_bytes: int) -> bytes | None:
    """The bytes of the page's curated metadata, if it has any."""
    sidecar = ingest.sidecar_for(path)
    return ingest.read_source(sidecar, max_bytes=max_bytes) if sidecar.exists() else None

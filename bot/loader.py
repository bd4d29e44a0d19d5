"""Loading: files on disk → release records → the store, as one all-or-nothing transaction.

The loader decides, file by file, what changed since the last load (by the file's size
and modification time, so unchanged files are not even read; then by a hash of its
bytes, so files touched but not edited are not parsed), which records are the same
release seen on another site (near-duplicates), and what disappeared. The store
writes; the loader never speaks SQL.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from bot import ingest
from bot.records import ReleaseRecord
from bot.registry import Registry, load_registry
from bot.store import FileStamp, LoadTally, LoadTransaction, Store, StoredSource

log = logging.getLogger(__name__)

# Two scrapes whose sentences overlap this much are one release.
NEAR_DUPLICATE_RESEMBLANCE = 0.8
# A sentence shared by more releases than this is a template, not evidence of a copy.
ANCHOR_FANOUT = 8
# Full comparisons per record, best candidates first: keeps template-heavy sites fast.
MAX_NEAR_DUPLICATE_CHECKS = 3
# Loads smaller than this are parsed in-process: starting workers would cost more.
PARALLEL_MIN_FILES = 1_000
PARALLEL_CHUNK = 64
# How many files of one folder (one site) are read to learn its recurring boilerplate.
BOILERPLATE_SAMPLE = 1_000
STRUCTURED = frozenset({".json", ".jsonl"})
PAGE_SUFFIXES = frozenset({".txt", ".text", ".md", *STRUCTURED, *ingest.HTML_SUFFIXES})
# Pages whose boilerplate is not learned from their folder: records, and HTML, whose
# main-text extraction drops a site's menus and footers by itself.
NO_BOILERPLATE = STRUCTURED | ingest.HTML_SUFFIXES
# A file modified this close to the load may change again within the same clock tick
# without its size or time showing it, so its stamp is not trusted (left unrecorded).
RACY_NS = 2_000_000_000


class LoadError(RuntimeError):
    """The load as a whole cannot run (bad registry, missing folder); nothing was changed."""


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What one load did, for the CLI, ``/reload`` and the load history."""

    run_id: int
    tally: LoadTally
    files_seen: int
    seconds: float
    data_version: int


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path
    key: str  # how the store names it: relative to the data folder where possible


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
                found.setdefault(key, SourceFile(root, key))
        elif root.is_dir():
            inside = root.resolve()
            for path, name, real, linked in _walk(str(root), str(inside)):
                key = _relative_name(real, data_root)
                if linked and os.path.isdir(path):
                    problems.append((key, "a linked folder: not followed"))
                    continue
                if not _is_release_name(name, explicit=False):
                    continue
                if linked and inside not in Path(path).resolve().parents:
                    problems.append((key, "a link leading outside the loaded folder: not followed"))
                    continue
                found.setdefault(key, SourceFile(Path(path), key))
        else:
            problems.append((str(root), "no such file or folder"))
    return [found[k] for k in sorted(found)], problems


def _walk(folder: str, real_folder: str) -> Iterator[tuple[str, str, str, bool]]:
    """(path, name, real location, is a link) of every file below ``folder``.

    ``os.scandir`` answers "file? link?" from the directory listing itself, and paths
    stay text, which keeps a walk over 100,000 files to a fraction of a second; linked
    folders are not entered.
    """
    with os.scandir(folder) as entries:
        listed = sorted(entries, key=lambda entry: entry.name)
    for entry in listed:
        name = entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, os.path.join(real_folder, name))
        elif entry.is_file() or entry.is_dir():
            # A linked folder is reported like a linked file, never walked into.
            yield entry.path, name, os.path.join(real_folder, name), entry.is_symlink()


def _is_release_file(path: Path, *, explicit: bool) -> bool:
    return _is_release_name(path.name, explicit=explicit)


def _is_release_name(name: str, *, explicit: bool) -> bool:
    if ingest.is_sidecar_name(name) or name.startswith("."):
        return False
    return explicit or os.path.splitext(name)[1].lower() in PAGE_SUFFIXES


def parser_fingerprint(registry: Registry) -> bytes:
    """What a page's records depend on besides its bytes: the parser's code and the
    company registry. Part of every file's hash, so that after an upgrade or a registry
    edit the next load parses pages again (records that come out the same stay as they
    are) instead of keeping what older rules made of them."""
    digest = hashlib.sha256(repr(registry).encode())
    for module in sorted(Path(ingest.__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    return digest.digest()


def file_hash(data: bytes, sidecar: bytes | None, fingerprint: bytes = b"") -> str:
    digest = hashlib.sha256(fingerprint)
    digest.update(data)
    if sidecar is not None:
        digest.update(b"\0sidecar\0")
        digest.update(sidecar)
    return digest.hexdigest()


def stamp_file(path: Path, parser: bytes, now_ns: int) -> FileStamp | None:
    """The file's stamp, from ``stat`` alone; None when it cannot be trusted (unreadable,
    or modified too recently). ``read_with`` digests what else the records depend on:
    the parser fingerprint, and the sidecar's own size and time when there is one."""
    location = os.fspath(path)
    try:
        stat = os.stat(location)
        try:
            sidecar: os.stat_result | None = os.stat(ingest.sidecar_location(location))
        except FileNotFoundError:
            sidecar = None
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


def _read_sidecar(path: Path, max_bytes: int) -> bytes | None:
    sidecar = ingest.sidecar_for(path)
    return ingest.read_source(sidecar, max_bytes=max_bytes) if sidecar.exists() else None


@dataclass(frozen=True, slots=True)
class ParseJob:
    path: Path
    key: str
    digest: str
    boilerplate: frozenset[str]
    stamp: FileStamp | None


@dataclass(frozen=True, slots=True)
class ParseOutcome:
    """A file's records with their near-duplicate anchors (computed where the parsing is)."""

    records: list[ReleaseRecord]
    anchors: list[tuple[int, ...]]
    error: str | None = None


def parse_job(job: ParseJob, registry: Registry, max_file_bytes: int) -> ParseOutcome:
    """Read and parse one file; a bad file is an outcome with a reason, not an exception."""
    try:
        data = ingest.read_source(job.path, max_bytes=max_file_bytes)
        sidecar = _read_sidecar(job.path, max_file_bytes)
        records = ingest.parse_file(
            job.path, data, registry=registry, boilerplate=job.boilerplate, sidecar=sidecar
        )
    except ingest.IngestError as exc:
        return ParseOutcome([], [], str(exc))
    except OSError as exc:
        return ParseOutcome([], [], f"cannot read: {exc.strerror or exc}")
    return ParseOutcome(records, [ingest.anchor_keys(record.body) for record in records])


# Each worker process keeps the registry it was started with, instead of receiving it per file.
_worker_registry: Registry | None = None
_worker_max_bytes = 0


def _start_worker(registry: Registry, max_file_bytes: int) -> None:
    global _worker_registry, _worker_max_bytes
    _worker_registry, _worker_max_bytes = registry, max_file_bytes


def _parse_in_worker(job: ParseJob) -> ParseOutcome:
    assert _worker_registry is not None
    return parse_job(job, _worker_registry, _worker_max_bytes)


def parse_jobs(
    jobs: Sequence[ParseJob], registry: Registry, max_file_bytes: int, workers: int
) -> Iterator[tuple[ParseJob, ParseOutcome]]:
    """Parse files in order: in this process, or — for big loads — in worker processes.

    Parsing is pure CPU work, so on a machine with several cores it runs beside the
    database writes. Only a bounded window of files is in flight, which keeps memory
    flat however large the load. Workers are spawned, not forked: ``/reload`` runs in
    a thread of the bot, and forking a threaded process is unsafe.
    """
    if workers <= 1 or len(jobs) < PARALLEL_MIN_FILES:
        for job in jobs:
            yield job, parse_job(job, registry, max_file_bytes)
        return
    window = workers * PARALLEL_CHUNK * 4
    batches = [jobs[start : start + window] for start in range(0, len(jobs), window)]
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(registry, max_file_bytes),
    ) as pool:
        # Two windows in flight: workers parse the next while this one is written.
        current = pool.map(_parse_in_worker, batches[0], chunksize=PARALLEL_CHUNK)
        for number, batch in enumerate(batches):
            upcoming = (
                pool.map(_parse_in_worker, batches[number + 1], chunksize=PARALLEL_CHUNK)
                if number + 1 < len(batches)
                else None
            )
            yield from zip(batch, current, strict=True)
            if upcoming is not None:
                current = upcoming


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def learn_boilerplate(pages: Iterable[bytes]) -> frozenset[str]:
    """Lines that recur across one folder's pages: a site's menus and footers."""
    texts = []
    for data in pages:
        try:
            texts.append(ingest.decode_text(data))
        except ingest.IngestError:
            continue  # reported when the file itself is loaded
    return ingest.learn_boilerplate(texts)


class _Loader:
    """One load's working state: what is stored, and the decisions taken so far."""

    def __init__(self, tx: LoadTransaction, registry: Registry, max_file_bytes: int) -> None:
        self.tx = tx
        self.registry = registry
        self.fingerprint = parser_fingerprint(registry)
        self.max_file_bytes = max_file_bytes
        self.started_ns = time.time_ns()
        self.stored: dict[str, dict[int, StoredSource]] = defaultdict(dict)
        for (path, index), source in tx.stored_sources().items():
            self.stored[path][index] = source

    # What is needed only when something changed is read on first use: each is a scan of
    # every stored release, which a load that finds no changes should not pay for.
    @cached_property
    def hashes(self) -> dict[str, int]:
        return self.tx.content_hashes()

    @cached_property
    def anchors(self) -> dict[int, list[int]]:
        return self.tx.anchor_index(ANCHOR_FANOUT)

    # -- per folder ---------------------------------------------------------------------
    def plan_folder(self, files: Sequence[SourceFile]) -> list[ParseJob]:
        """The folder's new and changed files, each with what it needs to be parsed.

        A file whose stamp matches its stored sources is not read at all; the rest are
        read and hashed, and only those whose hash changed are parsed. The folder's
        boilerplate is learned, when anything is to be parsed, from the same sample of
        its pages as if every file had been read, so records never depend on which
        files happened to be skipped.
        """
        read: list[tuple[SourceFile, FileStamp | None]] = []
        for source in files:
            stamp = stamp_file(source.path, self.fingerprint, self.started_ns)
            stored = self.stored.get(source.key)
            if stamp is not None and stored and all(s.stamp == stamp for s in stored.values()):
                self.tx.tally.unchanged += len(stored)
            else:
                read.append((source, stamp))
        changed: list[tuple[SourceFile, str, FileStamp | None]] = []
        pages: dict[str, bytes | None] = {}
        for source, stamp in read:
            contents = self.read(source)
            if contents is None:
                pages[source.key] = None  # not part of the sample either
                continue
            data, sidecar = contents
            if len(pages) < BOILERPLATE_SAMPLE:
                pages[source.key] = data
            digest = file_hash(data, sidecar, self.fingerprint)
            stored = self.stored.get(source.key)
            if stored and all(s.file_hash == digest for s in stored.values()):
                self.tx.tally.unchanged += len(stored)
                if stamp is not None:
                    self.tx.restamp(source.key, stamp)
            else:
                changed.append((source, digest, stamp))
        if not changed:
            return []
        boilerplate = learn_boilerplate(self.boilerplate_sample(files, pages))
        return [
            ParseJob(source.path, source.key, digest, boilerplate, stamp)
            for source, digest, stamp in changed
        ]

    def read(self, source: SourceFile) -> tuple[bytes, bytes | None] | None:
        """The file's bytes and its sidecar's; None (reported) when either cannot be read."""
        try:
            data = ingest.read_source(source.path, max_bytes=self.max_file_bytes)
            sidecar = _read_sidecar(source.path, self.max_file_bytes)
        except ingest.IngestError as exc:
            self.fail(source.key, str(exc))
            return None
        except OSError as exc:
            self.fail(source.key, f"cannot read: {exc.strerror or exc}")
            return None
        return data, sidecar

    def boilerplate_sample(
        self, files: Sequence[SourceFile], pages: dict[str, bytes | None]
    ) -> Iterator[bytes]:
        """The folder's first readable pages, up to the sample size: those read already,
        and the rest (skipped as unchanged) read now."""
        taken = 0
        for source in files:
            if taken >= BOILERPLATE_SAMPLE:
                return
            if source.path.suffix.lower() in NO_BOILERPLATE:
                continue
            if source.key in pages:
                data = pages[source.key]
                if data is None:
                    continue
            else:
                try:
                    data = ingest.read_source(source.path, max_bytes=self.max_file_bytes)
                except (ingest.IngestError, OSError):
                    continue  # reported when the file itself is loaded
            taken += 1
            yield data

    # -- per file -----------------------------------------------------------------------
    def load_parsed(
        self, key: str, digest: str, outcome: ParseOutcome, stamp: FileStamp | None = None
    ) -> None:
        if outcome.error is not None:
            # A file that turned bad keeps its previous record: report, never lose data.
            self.fail(key, outcome.error)
            return
        records = outcome.records
        if not records:
            self.fail(key, "no release records in file")
            return
        for index, (record, anchors) in enumerate(zip(records, outcome.anchors, strict=True)):
            record.source = key
            self.load_record(key, index, digest, record, anchors, stamp)
        for index in sorted(set(self.stored.get(key, {})) - set(range(len(records)))):
            self.remove(key, index)

    def load_record(
        self,
        path: str,
        index: int,
        digest: str,
        record: ReleaseRecord,
        anchors: tuple[int, ...],
        stamp: FileStamp | None,
    ) -> None:
        tx = self.tx
        existing = self.stored.get(path, {}).get(index)
        if existing is not None:
            if existing.content_hash == record.content_hash:
                # Same text; newer rules or curated values may still read it differently.
                single = existing.source_count == 1  # a shared release keeps its first reading
                if single and tx.release_differs(existing.release_id, record):
                    tx.replace_release(existing.release_id, record, anchors)
                    tx.tally.updated += 1
                else:
                    tx.tally.unchanged += 1
                tx.set_source_hash(path, index, digest, stamp)
                return
            owner = self.hashes.get(record.content_hash)
            if existing.source_count == 1 and owner in (None, existing.release_id):
                tx.replace_release(existing.release_id, record, anchors)
                tx.set_source_hash(path, index, digest, stamp)
                self.remember(existing.release_id, record, anchors)
                tx.tally.updated += 1
                return
            # Shared with another site, or now identical to another release: re-file it.
            tx.remove_source(path, index)
        duplicate_of = self.find_duplicate(record, anchors)
        if duplicate_of is not None:
            tx.add_source(
                duplicate_of,
                path=path,
                record_index=index,
                file_hash=digest,
                url=record.url,
                stamp=stamp,
            )
            self.remember(duplicate_of, record, ())
            tx.tally.merged += 1
            return
        release_id = tx.add_release(record, anchors)
        tx.add_source(
            release_id,
            path=path,
            record_index=index,
            file_hash=digest,
            url=record.url,
            stamp=stamp,
        )
        self.remember(release_id, record, anchors)
        tx.tally.added += 1

    def find_duplicate(self, record: ReleaseRecord, anchors: Sequence[int]) -> int | None:
        """The stored release this record repeats: the same text, or nearly (another site's copy).

        Only releases sharing enough anchor sentences are compared in full: one shared
        sentence is common (a template phrase), two rarely happen by chance.
        """
        exact = self.hashes.get(record.content_hash)
        if exact is not None:
            return exact
        shared = Counter(rid for a in anchors for rid in self.anchors.get(a, ()))
        needed = min(2, len(anchors))
        for release_id, count in shared.most_common(MAX_NEAR_DUPLICATE_CHECKS):
            if count < needed:
                break
            body = self.tx.body(release_id)
            if ingest.resemblance(record.body, body) >= NEAR_DUPLICATE_RESEMBLANCE:
                return release_id
        return None

    def remember(self, release_id: int, record: ReleaseRecord, anchors: Iterable[int]) -> None:
        self.hashes[record.content_hash] = release_id
        for anchor in anchors:
            holders = self.anchors.setdefault(anchor, [])
            if len(holders) < ANCHOR_FANOUT:
                holders.append(release_id)

    def remove(self, path: str, index: int) -> None:
        if self.tx.remove_source(path, index):
            self.tx.tally.removed += 1
        self.stored.get(path, {}).pop(index, None)

    def remove_missing(self, roots: Sequence[Path], data_dir: Path, present: set[str]) -> None:
        """Sources under a loaded folder whose file is gone: their releases go too."""
        prefixes = [source_key(root, data_dir).rstrip("/") + "/" for root in roots if root.is_dir()]
        for path in sorted(self.stored):
            if path not in present and any(path.startswith(prefix) for prefix in prefixes):
                for index in sorted(self.stored[path]):
                    self.remove(path, index)

    def fail(self, path: str, reason: str) -> None:
        log.warning("skipped %s: %s", path, reason)
        self.tx.tally.failures.append((path, reason))


def load_paths(
    store: Store,
    *,
    data_dir: Path,
    roots: Sequence[Path] | None = None,
    registry: Registry | None = None,
    max_file_bytes: int,
    actor: str = "cli",
    workers: int | None = None,
) -> LoadReport:
    """Load release files into the store in one transaction and say what changed.

    ``roots`` default to the data folder's ``releases/``. Files that are gone from a
    loaded folder are removed from the store; a bad file is reported and skipped.
    ``workers`` (default: the machine's cores, at most 4) parse big loads in parallel.
    """
    started = time.perf_counter()
    roots = list(roots) if roots else [data_dir / "releases"]
    if registry is None:
        try:
            registry = load_registry(data_dir / "companies.toml")
        except ValueError as exc:
            raise LoadError(f"companies.toml: {exc}") from exc
    files, problems = discover(roots, data_dir)
    by_folder: dict[Path, list[SourceFile]] = defaultdict(list)
    for source in files:
        by_folder[source.path.parent].append(source)
    label = ", ".join(source_key(root, data_dir) for root in roots)

    def load_files(loader: _Loader) -> None:
        for path, reason in problems:
            loader.fail(path, reason)
        jobs = [
            job for folder in sorted(by_folder) for job in loader.plan_folder(by_folder[folder])
        ]
        for job, outcome in parse_jobs(
            jobs, registry, max_file_bytes, workers or default_workers()
        ):
            loader.load_parsed(job.key, job.digest, outcome, job.stamp)
        loader.remove_missing(roots, data_dir, {source.key for source in files})
        loader.tx.remove_orphan_companies(registry)

    return _run_load(
        store, registry, max_file_bytes, actor=actor, label=label, files_seen=len(files),
        started=started, work=load_files,
    )  # fmt: skip


def _run_load(
    store: Store,
    registry: Registry,
    max_file_bytes: int,
    *,
    actor: str,
    label: str,
    files_seen: int,
    started: float,
    work: Callable[[_Loader], None],
) -> LoadReport:
    """One load transaction around ``work``, and its report once it has committed."""
    with store.load_transaction(actor=actor, source=label) as tx:
        tx.sync_registry(registry)
        work(_Loader(tx, registry, max_file_bytes))
        tally, run_id, data_version = tx.tally, tx.run_id, tx.data_version_after()
    return LoadReport(
        run_id=run_id,
        tally=tally,
        files_seen=files_seen,
        seconds=time.perf_counter() - started,
        data_version=data_version,
    )


@dataclass(frozen=True, slots=True)
class ParsedSource:
    """Records parsed from something other than a file (a fetched page), ready to load.

    ``key`` names the source like a file's path does (a page's address); ``digest`` is
    the hash of its bytes; ``error`` the reason a source that did not parse is skipped.
    """

    key: str
    digest: str
    records: list[ReleaseRecord]
    error: str | None = None


def load_sources(
    store: Store,
    sources: Sequence[ParsedSource],
    *,
    registry: Registry,
    actor: str,
    label: str,
) -> LoadReport:
    """Load already-parsed sources in one transaction, exactly as files are loaded: a
    source seen before is updated, the same release from elsewhere is merged. Nothing
    is removed for being absent: a poll sees only what is new."""

    def load_parsed(loader: _Loader) -> None:
        for source in sources:
            anchors = [ingest.anchor_keys(record.body) for record in source.records]
            loader.load_parsed(
                source.key, source.digest, ParseOutcome(source.records, anchors, source.error)
            )

    return _run_load(
        store, registry, 0, actor=actor, label=label, files_seen=len(sources),
        started=time.perf_counter(), work=load_parsed,
    )  # fmt: skip

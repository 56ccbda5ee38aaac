"""What one process keeps from a build for the next: the one exception to "nothing survives a rebuild".

``mkdocs serve`` rebuilds the whole site after every edit, in the same process, and most of what a build computes
is what the previous build computed: the compiled templates, the minified scripts, the print page's sections of the
pages that were not edited, the policy of every page whose HTML did not change. ``Kept`` holds such results, each
under the hash of everything it is made from (``fingerprint``): an edited input is a new key, so a build never
reads a stale value, and what an edit invalidates is recomputed (and checked, and fails, as in a fresh process).

The rule (hooks/README.md, held by tests/inputs/test_build_code_rules.py): hooks/pipeline.py creates the one
instance, ``pipeline.KEPT``, the only module-level object that changes; it hands it to the steps that use it, as
an argument like any other state. A kept value is never changed by whoever receives it (strings, bytes, code,
frozen dataclasses). Nothing else survives a rebuild: the ``Run`` and its ``Build``s are new every time.

Some are also kept on disk, in ``.cache/`` beside the citations and the figures, so that a new process (``mkdocs
build``, a ``serve`` start) finds them too: the compiled templates (``TemplateCache``, Jinja's bytecode, keyed by each
template's source and the environment), the minified scripts and stylesheets, what each page's policy is made from
the social card and the EPUBs (``kept_on_disk``, ``kept_bytes_on_disk``), each keyed also by the code and the
versions that make it.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import Counter, OrderedDict
from pathlib import Path
from typing import Callable, TypeVar

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

T = TypeVar("T")
LIMIT = 4096  # values kept at most; the least recently used go first (a long serve session stays small)


def fingerprint(*parts: str | bytes) -> str:
    """The hash of everything a value is made from (each part delimited, so that no two lists collide)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class Kept:
    """Values computed by one build and reused by the next builds of the same process, by kind and fingerprint;
    ``made`` and ``reused`` count, per kind, what was computed and what was taken from an earlier build."""

    def __init__(self, limit: int = LIMIT):
        self.limit = limit
        self.values: OrderedDict[tuple[str, str], object] = OrderedDict()
        self.made: Counter[str] = Counter()
        self.reused: Counter[str] = Counter()
        self.lock = threading.Lock()

    def get(self, kind: str, key: str, make: Callable[[], T]) -> T:
        """The value of ``kind`` made from what ``key`` fingerprints: kept, or made now by ``make()`` and kept
        (a ``make`` that raises keeps nothing: the next build tries again, and fails again as loudly)."""
        with self.lock:
            if (kind, key) in self.values:
                self.values.move_to_end((kind, key))
                self.reused[kind] += 1
                return self.values[(kind, key)]  # type: ignore[return-value]
        value = make()
        with self.lock:
            self.values[(kind, key)] = value
            self.made[kind] += 1
            while len(self.values) > self.limit:
                self.values.popitem(last=False)
        return value

    def put(self, kind: str, key: str, value: object) -> None:
        """Keep ``value`` (made by whoever calls) for the next builds."""
        with self.lock:
            self.values[(kind, key)] = value
            self.values.move_to_end((kind, key))

    def counts(self) -> dict[str, tuple[int, int]]:
        """kind -> (made, reused) so far."""
        return {kind: (self.made[kind], self.reused[kind]) for kind in sorted(set(self.made) | set(self.reused))}


def write_whole(path: Path, data: bytes) -> None:
    """Write a file whole, then rename it into place: a build running beside this one never reads half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    partial.write_bytes(data)
    partial.replace(path)


def kept_on_disk(directory: Path, name: str, key: str, suffix: str, make: Callable[[], str]) -> str:
    """A text kept in ``directory`` across processes, as ``<name>.<key><suffix>`` (``key``: a fingerprint of what
    it is made from); the file an earlier version of ``name`` left is replaced."""
    return kept_bytes_on_disk(directory, name, key, suffix, lambda: make().encode("utf-8")).decode("utf-8")


def kept_bytes_on_disk(directory: Path, name: str, key: str, suffix: str, make: Callable[[], bytes]) -> bytes:
    """The same for bytes (an image)."""
    path = directory / f"{name}.{key[:32]}{suffix}"
    if path.is_file():
        return path.read_bytes()
    data = make()
    for old in directory.glob(f"{name}.*{suffix}"):
        old.unlink(missing_ok=True)
    write_whole(path, data)
    return data


def environment_signature(environment: jinja2.Environment) -> str:
    """What a template's compiled code depends on besides its source: Jinja's version and the environment's
    settings (its extensions: mkdocs-static-i18n adds one)."""
    autoescape = environment.autoescape
    return "|".join([jinja2.__version__, ",".join(sorted(environment.extensions)),
                     getattr(autoescape, "__qualname__", repr(autoescape)), repr(environment.optimized),
                     environment.block_start_string, environment.variable_start_string,
                     environment.comment_start_string, repr(environment.line_statement_prefix),
                     repr(environment.trim_blocks), repr(environment.lstrip_blocks)])


class TemplateCache(BytecodeCache):
    """Jinja's compiled templates, kept in ``kept`` (the process) and in ``directory`` (across processes), each
    under its name, file and environment; Jinja itself rejects the code of a template whose source changed (the
    bucket's checksum) and compiles it again."""

    def __init__(self, kept: Kept, directory: Path):
        self.kept = kept
        self.directory = directory

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        key = fingerprint(name, filename or "", environment_signature(environment))
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        path = self.directory / f"{bucket.key[:40]}.jinja"
        code = self.kept.get("template", fingerprint(bucket.key, bucket.checksum),
                             lambda: path.read_bytes() if path.is_file() else b"")
        if code:
            bucket.bytecode_from_string(code)  # checks Jinja's magic and the source's checksum itself

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = bucket.bytecode_to_string()
        self.kept.put("template", fingerprint(bucket.key, bucket.checksum), code)
        write_whole(self.directory / f"{bucket.key[:40]}.jinja", code)

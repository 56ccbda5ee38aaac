"""How long a maintainer waits under ``mkdocs serve``: start-up, and each kind of edit until the page shows it.

Starts ``mkdocs serve`` on a copy of the project (with its build caches, as on a developer's machine), then
edits, one after the other, an Indonesian page, its English twin, ``references.bib`` and the data of Gambar 1,
and times each edit from the moment the file is written until the served page shows the new words (polled
every 20 ms). Each edit is made ``RUNS`` times (default 5) with a new word each time; the next edit waits
until the server has finished the previous rebuild ("Reloading browsers" in its log). Prints the medians.
The English page is edited under the server a translator runs, ``SERVE_LANGUAGE=en uv run mkdocs serve`` (plain
``mkdocs serve`` builds the original's language only); the rest under plain ``mkdocs serve``. The time includes
MkDocs' own wait: it polls the files every 0.5 s, then waits 0.1 s for more changes.

    uv run python -m bench.reload [RUNS]
    uv run python -m bench.reload 5 --project OTHER_CHECKOUT   # e.g. an older commit, to compare
"""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.error import URLError
from urllib.request import urlopen

from bench.project import arguments, copy_project, engine

POLL = 0.02  # seconds between two requests for the page
TIMEOUT = 120.0  # seconds an edit may take to show before the benchmark gives up
BASE = "/upaya-iom/"  # the subpath of the default SITE_URL, which mkdocs serve keeps


@dataclass
class Edit:
    """One kind of edit: the file, how to change it to show ``token``, the page, and the goal in seconds."""

    label: str
    file: str
    change: Callable[[str, str], str]
    page: str
    goal: float | None  # seconds (issue 24), None where none is set
    serve_language: str = ""  # SERVE_LANGUAGE of the server it is made under ('' : unset)


def append_paragraph(text: str, token: str) -> str:
    """The page with one more paragraph at its end (the token replaces the previous run's)."""
    text = re.sub(r"\n\nUkurmuat[0-9a-z]+\.\n$", "\n", text)
    return text.rstrip("\n") + f"\n\nUkurmuat{token}.\n"


def retitle(text: str, token: str) -> str:
    """references.bib with one word of one entry's title changed."""
    new, count = re.subn(r"(\btitle\s*=\s*\{Peran )(?:Ukurmuat[0-9a-z]+ )?", rf"\g<1>Ukurmuat{token} ", text, count=1)
    assert count == 1, "references.bib: no title beginning 'Peran' to edit"
    return new


def recount(text: str, token: str) -> str:
    """figures/gambar-1.csv with one number changed (``token`` is a number here)."""
    new, count = re.subn(r"^(2020,anak,)\d+", rf"\g<1>{token}", text, count=1, flags=re.M)
    assert count == 1, "figures/gambar-1.csv: no row '2020,anak,...' to edit"
    return new


EDITS = [
    Edit("Markdown page (Indonesian)", "docs/pendahuluan.md", append_paragraph, "pendahuluan/", 1.5),
    Edit("Markdown page (English)", "docs/pendahuluan.en.md", append_paragraph, "en/pendahuluan/", 1.5, "en"),
    Edit("references.bib", "references.bib", retitle, "daftar-pustaka/", 1.5),
    Edit("figure data (gambar-1.csv)", "figures/gambar-1.csv", recount, "hasil-dan-pembahasan/", None),
]


class Server:
    """``mkdocs serve`` in a project folder, its log read line by line."""

    def __init__(self, folder: Path, port: int, serve_language: str = ""):
        env = {k: v for k, v in os.environ.items()
               if k not in ("SITE_URL", "LATEST_URL", "BUILD_PDF", "SERVE_LANGUAGE")}
        env["NO_MKDOCS_2_WARNING"] = "1"
        if serve_language:
            env["SERVE_LANGUAGE"] = serve_language
        self.started = time.perf_counter()
        self.process = subprocess.Popen(engine.command("serve", "--dev-addr", f"127.0.0.1:{port}", environ=env),
                                        cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, bufsize=1)
        self.url = f"http://127.0.0.1:{port}{BASE}"
        self.reloads = 0
        self.log: list[str] = []
        self.changed = threading.Condition()
        threading.Thread(target=self.read_log, daemon=True).start()

    def read_log(self) -> None:
        for line in self.process.stdout:
            with self.changed:
                self.log.append(line.rstrip())
                if "Reloading browsers" in line:
                    self.reloads += 1
                self.changed.notify_all()

    def wait_for_reload(self, after: int) -> None:
        """Until the server has finished a rebuild that started after ``after`` rebuilds."""
        deadline = time.monotonic() + TIMEOUT
        with self.changed:
            while self.reloads <= after:
                if not self.changed.wait(timeout=max(0.0, deadline - time.monotonic())):
                    raise SystemExit("reload: no rebuild finished in time:\n" + "\n".join(self.log[-30:]))

    def page(self, path: str) -> str:
        try:
            with urlopen(self.url + path, timeout=10) as response:
                return response.read().decode("utf-8", errors="replace")
        except (URLError, OSError):
            return ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def until(condition: Callable[[], bool], what: str, server: Server) -> float:
    """Seconds until ``condition`` holds (polled every POLL seconds)."""
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > TIMEOUT:
            raise SystemExit(f"reload: {what} did not happen in {TIMEOUT:.0f} s:\n" + "\n".join(server.log[-30:]))
        if server.process.poll() is not None:
            raise SystemExit("reload: mkdocs serve stopped:\n" + "\n".join(server.log[-30:]))
        time.sleep(POLL)
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure(folder: Path, runs: int) -> dict[str, list[float]]:
    """Start-up and every edit, ``runs`` times each, on the project copy in ``folder``."""
    times: dict[str, list[float]] = {"start-up until the first page is served": []}
    for _ in range(runs):  # start-up: a fresh process each time
        server = Server(folder, free_port())
        try:
            times["start-up until the first page is served"].append(
                until(lambda: "</html>" in server.page(""), "the first page", server) + 0.0)
        finally:
            server.stop()
    for serve_language in dict.fromkeys(edit.serve_language for edit in EDITS):
        server = Server(folder, free_port(), serve_language)
        home = f"{serve_language}/" if serve_language else ""
        try:
            until(lambda: "</html>" in server.page(home), "the first page", server)
            for number, edit in enumerate(EDITS):
                if edit.serve_language != serve_language:
                    continue
                times[edit.label] = []
                path = folder / edit.file
                for run in range(runs):
                    times[edit.label].append(one_edit(server, path, edit, number, run))
        finally:
            server.stop()
    return {label: times[label] for label in ["start-up until the first page is served", *(e.label for e in EDITS)]}


def one_edit(server: Server, path: Path, edit: Edit, number: int, run: int) -> float:
    """Seconds from writing one edit until the served page shows it; returns once the rebuild has finished."""
    shown = server.page(edit.page)
    if edit.file.endswith(".csv"):  # a number below 1000 (written as it is in both languages) not shown yet
        token = next(str(n) for n in range(601 + 37 * run, 1000) if str(n) not in shown)
    else:
        token = f"{number}x{run}{os.getpid()}"
        assert token not in shown, f"{edit.page} already shows {token}"
    before = server.reloads
    text = edit.change(path.read_text(encoding="utf-8"), token)
    written = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    until(lambda: token in server.page(edit.page), f"{edit.label}: '{token}' on {edit.page}", server)
    took = time.perf_counter() - written
    server.wait_for_reload(before)  # the next edit starts on an idle server
    return took


def main(argv: list[str]) -> int:
    args = arguments(__doc__.split("\n\n")[0], argv)
    with tempfile.TemporaryDirectory(prefix="bench-reload-") as tmp:
        folder = copy_project(Path(tmp) / "proyek", source=args.project)
        times = measure(folder, args.runs)
    goals = {edit.label: edit.goal for edit in EDITS}
    goals["start-up until the first page is served"] = 3.0
    print(f"mkdocs serve, {args.runs} runs each (median, min-max); the project's build caches warm")
    for label, found in times.items():
        median = statistics.median(found)
        goal = goals[label]
        verdict = "no goal" if goal is None else f"goal <= {goal:.1f} s  " + ("ok" if median <= goal else "over")
        print(f"{label:42} {median:5.2f} s  ({min(found):.2f}-{max(found):.2f})  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Time of each test file in a run of the suite, and the order tests/conftest.py should hand them out in.

pytest-xdist gives each worker whole files (``--dist loadfile``); a long file handed out last runs alone while the
other worker has finished. The suite therefore starts with the longest files (``LONGEST_FIRST`` in tests/conftest.py).
This runs the suite (or the pytest arguments given) with a plugin that adds up, per file, the time its tests took
on their worker (set-up, call and tear-down: module fixtures included; a session fixture, such as the site's build or
the rehearsal of the Pages workflow, is charged to the first file on each worker that asks for it, or waits for it),
then prints the files, longest first, the run's wall time and the files that take at least ``--over`` seconds in the
order ``LONGEST_FIRST`` should list them, saying whether it does.

    uv run python -m bench.suite_time                                   # the default suite
    uv run python -m bench.suite_time --over 5 -- tests/browser -n 2    # some files, other pytest arguments
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest


class FileTimes:
    """A pytest plugin (in the process that gathers the reports: the controller under xdist): each file's seconds
    and tests."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.tests: dict[str, set[str]] = defaultdict(set)

    def pytest_runtest_logreport(self, report) -> None:
        name = report.nodeid.split("::", 1)[0]
        self.seconds[name] += report.duration
        self.tests[name].add(report.nodeid)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--over", type=float, default=10.0, help="seconds from which a file is listed to go first")
    parser.add_argument("pytest_args", nargs="*", help="arguments for pytest (after --)")
    args = parser.parse_args(argv)
    times = FileTimes()
    started = time.monotonic()
    status = pytest.main(["-q", *args.pytest_args], plugins=[times])
    wall = time.monotonic() - started
    ranked = sorted(times.seconds.items(), key=lambda item: -item[1])
    print(f"\n{'seconds':>8}  {'tests':>5}  file")
    for name, seconds in ranked:
        print(f"{seconds:8.1f}  {len(times.tests[name]):5d}  {name}")
    print(f"\nwall time of the run: {wall:.1f} s; the files' times add up to {sum(times.seconds.values()):.1f} s")
    longest = [name.removeprefix("tests/") for name, seconds in ranked if seconds >= args.over]
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from conftest import LONGEST_FIRST  # noqa: PLC0415 - the suite's own list, read after the run

    print(f"\nfiles over {args.over:g} s, longest first (tests/conftest.py LONGEST_FIRST):")
    for name in longest:
        print(f"    \"{name}\",")
    same = tuple(longest) == LONGEST_FIRST
    print("LONGEST_FIRST lists them in this order" if same else f"LONGEST_FIRST differs: {LONGEST_FIRST}")
    return int(status)


if __name__ == "__main__":
    sys.exit(main())

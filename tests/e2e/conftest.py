"""Running the real ``newsbot run`` process against the Discord double.

Each bot gets its own double, a private copy of the bundled data (plus twelve made-up
releases, so a search has pages to turn) and its own SQLite file. The process runs from
a temporary folder, so no developer ``.env`` leaks into it; its output goes to a file
that is printed when a test fails.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.discord_double import DiscordDouble, GatewaySession

REPO = Path(__file__).resolve().parents[2]
TOKEN = "e2e.dummy.token"
START_TIMEOUT_S = 10.0
STOP_TIMEOUT_S = 5.0
ACME_RELEASES = 12


def _acme_releases() -> str:
    """Twelve releases of one made-up company in 2022, one a month."""
    lines = []
    for month in range(1, ACME_RELEASES + 1):
        record = {
            "company": "Acme Bio",
            "title": f"Acme Bio reaches programme milestone {month}",
            "date": f"2022-{month:02d}-15",
            "body": (
                f"Acme Bio said on Tuesday that its invented programme passed milestone {month}. "
                "The company expects the next step within the year."
            ),
        }
        lines.append(json.dumps(record))
    return "\n".join(lines) + "\n"


@dataclass
class RunningBot:
    """A ``newsbot run`` process and the double it is connected to."""

    double: DiscordDouble
    process: subprocess.Popen[bytes]
    log_path: Path
    database: Path
    started_at: float  # time.monotonic() just before the process was spawned

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def warnings(self) -> list[str]:
        """The lines the bot logged at WARNING or above."""
        return [
            line
            for line in self.log().splitlines()
            if any(f" {level} " in line for level in ("WARNING", "ERROR  ", "CRITICAL"))
        ]

    def session(self) -> GatewaySession:
        session = self.double.live_session()
        assert session is not None, "the bot has no open gateway connection"
        return session

    def wait_for_log(self, text: str, *, deadline: float) -> None:
        """Wait until the bot's output contains ``text`` (``deadline`` is monotonic time)."""
        while text not in self.log():
            if self.process.poll() is not None:
                pytest.fail(f"the bot exited ({self.process.returncode}) before logging {text!r}")
            if time.monotonic() > deadline:
                pytest.fail(f"the bot did not log {text!r} in time")
            time.sleep(0.05)

    def wait_until_ready(self) -> None:
        """READY and GUILD_CREATE sent on a live connection of this bot (one the double
        readied after it started), within the start-up budget."""
        deadline = self.started_at + START_TIMEOUT_S
        while (
            (session := self.double.live_session()) is None
            or session.ready_at is None
            or session.ready_at < self.started_at
        ):
            if self.process.poll() is not None:
                pytest.fail(f"the bot exited ({self.process.returncode}) while starting")
            if time.monotonic() > deadline:
                pytest.fail(f"the bot was not connected within {START_TIMEOUT_S} s")
            time.sleep(0.05)


def _environment(double: DiscordDouble, data_dir: Path, database: Path) -> dict[str, str]:
    """The test's settings only: none of the developer's own newsbot settings."""
    env = {k: v for k, v in os.environ.items() if k not in ("ADMIN_USER_IDS", "MAX_FILE_BYTES")}
    return env | {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
        "DISCORD_TOKEN": TOKEN,
        "DISCORD_API_BASE": double.api_base,
        "DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{database.as_posix()}",
        "DEV_GUILD_ID": str(double.guild_id),
        "LOG_LEVEL": "INFO",
    }


def _private_data(workdir: Path) -> Path:
    """The bundled data plus the Acme releases, copied into ``workdir``."""
    data_dir = workdir / "data"
    shutil.copytree(REPO / "data", data_dir, ignore=shutil.ignore_patterns("db"))
    (data_dir / "releases" / "acme_bio.jsonl").write_text(_acme_releases(), encoding="utf-8")
    return data_dir


def run_cli(workdir: Path, double: DiscordDouble, *args: str) -> subprocess.CompletedProcess[str]:
    """One ``python -m bot.cli`` command against the double, to its end."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=workdir,
        env=_environment(double, _private_data(workdir), workdir / "newsbot.sqlite3"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT_S * 3,
        check=False,
    )


@contextmanager
def running_bot(
    workdir: Path,
    *,
    prepare: Callable[[DiscordDouble], None] | None = None,
    env: Mapping[str, str] | None = None,
    wait_ready: bool = True,
    double: DiscordDouble | None = None,
) -> Iterator[RunningBot]:
    """Start a double and ``python -m bot.cli run`` against it; stop both afterwards.

    ``prepare`` sets the double up (faults, say) before the bot starts; ``env`` overrides
    settings; ``wait_ready=False`` hands over the process before it is connected. A
    ``double`` given is shared with other bots: the caller starts and stops it.
    """
    data_dir = _private_data(workdir)
    database = workdir / "newsbot.sqlite3"
    log_path = workdir / "bot.log"
    owns_double = double is None
    if double is None:
        double = DiscordDouble(token=TOKEN)
        double.start()
    if prepare is not None:
        prepare(double)
    try:
        with log_path.open("wb") as log_file:
            started_at = time.monotonic()
            process = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run"],
                cwd=workdir,
                env=_environment(double, data_dir, database) | dict(env or {}),
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
            bot = RunningBot(double, process, log_path, database, started_at)
            try:
                if wait_ready:
                    bot.wait_until_ready()
                yield bot
            finally:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
                    try:
                        process.wait(STOP_TIMEOUT_S)
                    except subprocess.TimeoutExpired:
                        process.kill()
                        process.wait()
                print(f"--- bot output ---\n{bot.log()}")
    finally:
        if owns_double:
            double.stop()


@pytest.fixture(scope="module")
def shared_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningBot]:
    """One bot for the tests that only ask questions."""
    with running_bot(tmp_path_factory.mktemp("e2e")) as bot:
        yield bot


@pytest.fixture
def fresh_bot(tmp_path: Path) -> Iterator[RunningBot]:
    """A bot of its own, for tests that break or stop it."""
    with running_bot(tmp_path) as bot:
        yield bot

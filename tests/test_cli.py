"""The ``newsbot`` command line: load, parse, ask, and run without a token."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import default_database_url
from bot.records import RECORD_KEYS


@pytest.fixture
def env(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DATA_DIR", str(data_dir))
    monkeypatch.setenv("DATABASE_URL", default_database_url(data_dir))
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    return data_dir


def test_load_twice_says_no_changes(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["load"]) == 0
    assert "3 added" in capsys.readouterr().out
    assert main(["load"]) == 0
    out = capsys.readouterr().out
    assert "0 added" in out and "3 unchanged" in out and "No changes." in out


def test_parse_json_is_the_documented_format(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in (env / "releases").glob("*.txt"))
    assert main(["parse", *files, "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 3
    for record in records:
        assert tuple(record) == RECORD_KEYS
    assert not (env / "db").exists(), "parse must not touch the database"


def test_parse_reports_bad_files_by_name(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = env / "empty.txt"
    empty.write_bytes(b"")
    assert main(["parse", str(empty)]) == 1
    assert f"{empty}: empty" in capsys.readouterr().err


def test_ask_prints_the_answer_and_json_payload(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "/company leading pharm"]) == 0
    out = capsys.readouterr().out
    assert "Leadingpharm (600222.SS)" in out
    assert main(["ask", "/news 2021", "--json"]) == 0
    calls = json.loads(capsys.readouterr().out)
    callback = calls[0]
    assert callback["type"] == 4
    assert callback["data"]["allowed_mentions"] == {"parse": []}
    assert callback["data"]["embeds"][0]["title"] == "News: 2021"


def test_ask_autocomplete_and_unknown_command(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "?/company aks"]) == 0
    assert "→  Akeso" in capsys.readouterr().out
    assert main(["ask", "/weather"]) == 2
    assert "available commands" in capsys.readouterr().err


def test_run_without_token_explains_and_demonstrates(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run"]) == 0
    out = capsys.readouterr().out
    assert "DISCORD_TOKEN is not set" in out
    assert "Akeso (9926.HK)" in out and "News: 2021" in out


def test_bad_setting_is_a_clear_error(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DEV_GUILD_ID", "my server")
    assert main(["load"]) == 2
    assert "DEV_GUILD_ID must be a whole number" in capsys.readouterr().err


def test_unreachable_database_is_a_clear_error(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://newsbot@127.0.0.1:1/newsbot")
    assert main(["load"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("database unavailable") and "Traceback" not in err


def test_a_postgres_url_without_its_driver_names_the_install_command(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """PostgreSQL's driver is an optional extra: without it, one line says how to add it."""
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://newsbot@127.0.0.1:1/newsbot")
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    assert main(["load"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'newsbot[postgres]'" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_parse_and_eval_never_import_discord_or_the_database(env: Path) -> None:
    """They start fast because they load neither discord.py nor SQLAlchemy."""
    import subprocess

    page = sorted((env / "releases").glob("*.txt"))[0]
    script = (
        "import sys; from bot.cli import main; main(['parse', sys.argv[1]]); "
        "print(sorted(m for m in ('discord', 'sqlalchemy', 'bot.render') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(page)], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_parse_explain_names_the_rule_behind_each_field(
    tmp_path: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Home > Newsroom\n\nZentrix Foods Opens Bakery in Lyon\n\n"
        "LYON, France, May 4, 2022 -- Zentrix Foods Inc. (NASDAQ: ZNTX) today announced "
        "that it opened a bakery in Lyon, its first in France.\n",
        encoding="utf-8",
    )
    assert main(["parse", str(page), "--explain"]) == 0
    err = capsys.readouterr().err
    assert "title:" in err and "headline echoed by the article" in err
    assert "company:" in err and "Zentrix Foods" in err and "ticker" in err
    assert "date:" in err and "2022-05-04" in err


def test_parse_says_why_a_page_is_not_a_release(
    tmp_path: Path, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "cookies.txt"
    page.write_text("Cookie Notice\n\nWe use cookies to make this site work.\n", encoding="utf-8")
    assert main(["parse", str(page), "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    assert "not a release" in captured.err

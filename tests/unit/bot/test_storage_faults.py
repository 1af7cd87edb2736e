"""A database file the bot cannot use is one line naming [storage] path, the path and what to do,
exit 2 before Telegram is asked anything; a damaged file is never written to."""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import run as cli_run
from bot.storage.db import StorageError, open_database

GOOD_TOKEN = "123456789:" + "A" * 35
UNREACHABLE = "http://127.0.0.1:9/bot"  # the discard port: asking Telegram would fail differently


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file or folder read-only, even for root (who ignores modes: then immutable)."""
    as_root = os.geteuid() == 0
    if as_root:
        made = subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
        if not made:
            pytest.skip("root here cannot make a path read-only (no chattr +i on this filesystem)")
    else:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        if as_root:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(0o755 if path.is_dir() else 0o644)


def _run_bot(path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> tuple[int, str]:
    monkeypatch.chdir(next(folder for folder in path.parents if folder.is_dir()))
    monkeypatch.setenv("HEDGEBOT_TELEGRAM__TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("HEDGEBOT_TELEGRAM__BASE_URL", UNREACHABLE)
    monkeypatch.setenv("HEDGEBOT_STORAGE__PATH", str(path))
    status = cli_run.run(argparse.Namespace(config=None))
    return status, capsys.readouterr().err


def _one_line(err: str, path: Path) -> str:
    (line,) = err.strip().splitlines()
    assert line.startswith(f'hedgebot: [storage] path = "{path}": '), line
    return line


def _a_database_with_plans(path: Path) -> None:
    db = open_database(path)
    db.execute("CREATE TABLE filler (x TEXT)")
    for _ in range(200):
        db.execute("INSERT INTO filler VALUES (?)", ["x" * 500])
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()


def test_a_garbage_file_is_one_line_with_how_to_recover_and_stays_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    path = tmp_path / "hedgebot.sqlite3"
    path.write_bytes(b"these are someone's notes, not a database\n" * 50)
    before = path.read_bytes()

    status, err = _run_bot(path, monkeypatch, capsys)

    assert status == 2
    line = _one_line(err, path)
    assert "not a usable SQLite database" in line and f"mv {path} {path}.broken" in line
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hedgebot.sqlite3"]


def test_a_truncated_database_is_refused_and_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    path = tmp_path / "hedgebot.sqlite3"
    _a_database_with_plans(path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    before = path.read_bytes()

    status, err = _run_bot(path, monkeypatch, capsys)

    assert status == 2
    assert "not a usable SQLite database" in _one_line(err, path)
    assert path.read_bytes() == before


def test_a_folder_given_as_the_file_is_one_line_suggesting_a_file_in_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    status, err = _run_bot(tmp_path, monkeypatch, capsys)

    assert status == 2
    assert "folder, not a file" in _one_line(err, tmp_path)


def test_missing_folders_for_a_new_file_are_created(tmp_path: Path) -> None:
    path = tmp_path / "data" / "bot" / "hedgebot.sqlite3"

    db = open_database(path)

    assert path.is_file() and db.table("plans").exists()


def test_a_folder_that_cannot_be_created_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    (tmp_path / "notes.txt").write_text("a file where a folder should be")
    path = tmp_path / "notes.txt" / "hedgebot.sqlite3"

    status, err = _run_bot(path, monkeypatch, capsys)

    assert status == 2
    assert "is a file, so it cannot hold the database" in _one_line(err, path)


def test_a_read_only_database_file_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    path = tmp_path / "hedgebot.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()  # not yet migrated
    with read_only(path):
        status, err = _run_bot(path, monkeypatch, capsys)

    assert status == 2
    assert "the file is read-only for this user" in _one_line(err, path)


@pytest.mark.parametrize("existing", [False, True], ids=["new file", "existing file"])
def test_a_read_only_folder_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, existing: bool
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "hedgebot.sqlite3"
    if existing:
        sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    with read_only(folder):
        status, err = _run_bot(path, monkeypatch, capsys)

    assert status == 2
    assert f"the folder {folder} is read-only" in _one_line(err, path)


def test_the_error_is_a_storage_error_for_code_that_opens_the_database_itself(
    tmp_path: Path,
) -> None:
    path = tmp_path / "x.sqlite3"
    path.write_bytes(b"\0" * 4096)

    with pytest.raises(StorageError, match=r"^\[storage\] path = "):
        open_database(path)

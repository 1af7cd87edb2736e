import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _package_folders(top: str, import_name: str) -> set[str]:
    folders = [ROOT / top, *(ROOT / top).rglob("*")]
    return {
        ".".join([import_name, *folder.relative_to(ROOT / top).parts])
        for folder in folders
        if folder.is_dir() and "__pycache__" not in folder.parts
    }


def test_every_folder_of_bot_hedging_and_templates_is_listed_for_the_wheel():
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    expected = (
        _package_folders("bot", "bot")
        | _package_folders("hedging", "hedging")
        | _package_folders("templates", "hedgebot_templates")
    )
    assert sorted(listed) == sorted(expected)

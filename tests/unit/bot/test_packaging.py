"""The wheel a user installs holds every module, template and data file of the source tree."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests import ROOT

SHIPPED = {"bot": "bot", "hedging": "hedging", "marketdata": "marketdata"}
SHIPPED_AS = {"templates": "hedgebot_templates"}


def _source_files() -> set[str]:
    files = set()
    for folder, name in {**SHIPPED, **SHIPPED_AS}.items():
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                files.add("/".join([name, *path.relative_to(ROOT / folder).parts]))
    return files


@pytest.fixture(scope="module")
def wheel_files(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = Path(out).glob("hedgebot-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_a_non_editable_wheel_holds_every_package_template_and_data_file(wheel_files) -> None:
    missing = _source_files() - wheel_files
    assert not missing, sorted(missing)[:20]


def test_the_wheel_ships_nothing_but_the_four_packages(wheel_files) -> None:
    tops = {name.split("/")[0] for name in wheel_files if ".dist-info" not in name}
    assert tops == {"bot", "hedging", "marketdata", "hedgebot_templates"}

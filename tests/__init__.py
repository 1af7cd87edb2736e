"""Hedgebot's tests, by level: unit/, features/, e2e/, fault/, with fakes/ and data/."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository
DATA = ROOT / "tests" / "data"

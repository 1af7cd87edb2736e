"""One reader of timezones as people type them: IANA names, city names, UTC offsets."""

from __future__ import annotations

import re
from functools import cache
from zoneinfo import available_timezones

UTC_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?00)?$")
MAX_LENGTH = 64


@cache
def _zones_by_lower_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for name in sorted(available_timezones()):
        names.setdefault(name.lower(), name)
        city = name.rsplit("/", 1)[-1].replace("_", " ").lower()
        if "/" in name and not name.startswith("Etc/"):
            names.setdefault(city, name)
    return names


def read_timezone(text: str) -> str | None:
    """An IANA zone from 'Europe/Berlin', 'berlin', 'New York', 'UTC' or 'UTC+2'; else None."""
    words = " ".join(text.strip().split()).lower()
    if not words or len(words) > MAX_LENGTH:
        return None
    if words in ("utc", "gmt", "z", "zulu"):
        return "UTC"
    if match := UTC_OFFSET.match(words):
        hours = int(match[2])
        if hours > 14:
            return None
        if hours == 0:
            return "UTC"
        sign = "-" if match[1] == "+" else "+"  # the Etc/ zones count the other way round
        return f"Etc/GMT{sign}{hours}"
    zones = _zones_by_lower_name()
    return zones.get(words.replace(" ", "_")) or zones.get(words)

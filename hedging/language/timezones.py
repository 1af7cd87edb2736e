"""One reader of timezones as people type them, for /settings and reminders alike.

`read_timezone(text) -> str | None`: an IANA name for "Europe/Berlin", "berlin", "NYC", "São
Paulo", "Berlin, Germany", "UTC+3", "GMT-4", "UTC+5:30", or an abbreviation ("PST", "EET", "CET",
"IST"...), which means the zone with its daylight-saving rules whichever half it names (PST and
PDT are both America/Los_Angeles). None when the text is not a timezone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from zoneinfo import available_timezones

UTC_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$")
MAX_LENGTH = 64
# an abbreviation or common name -> the zone it usually means (IST is India, CST is US central)
ABBREVIATIONS = {
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles", "pacific time": "America/Los_Angeles",
    "est": "America/New_York", "edt": "America/New_York", "et": "America/New_York",
    "eastern": "America/New_York", "eastern time": "America/New_York",
    "cst": "America/Chicago", "cdt": "America/Chicago", "ct": "America/Chicago",
    "central": "America/Chicago", "central time": "America/Chicago",
    "mst": "America/Denver", "mdt": "America/Denver", "mt": "America/Denver",
    "mountain": "America/Denver", "mountain time": "America/Denver",
    "akst": "America/Anchorage", "hst": "Pacific/Honolulu",
    "cet": "Europe/Berlin", "cest": "Europe/Berlin", "mez": "Europe/Berlin",
    "central european time": "Europe/Berlin", "central europe": "Europe/Berlin",
    "eet": "Europe/Athens", "eest": "Europe/Athens", "eastern european time": "Europe/Athens",
    "wet": "Europe/Lisbon", "west": "Europe/Lisbon", "bst": "Europe/London",
    "british time": "Europe/London", "uk time": "Europe/London", "uk": "Europe/London",
    "ist": "Asia/Kolkata", "india": "Asia/Kolkata", "indian time": "Asia/Kolkata",
    "jst": "Asia/Tokyo", "kst": "Asia/Seoul", "hkt": "Asia/Hong_Kong", "sgt": "Asia/Singapore",
    "msk": "Europe/Moscow", "aest": "Australia/Sydney", "aedt": "Australia/Sydney",
    "awst": "Australia/Perth", "nzst": "Pacific/Auckland", "nzdt": "Pacific/Auckland",
    "sast": "Africa/Johannesburg", "wat": "Africa/Lagos", "brt": "America/Sao_Paulo",
    "pkt": "Asia/Karachi", "wib": "Asia/Jakarta", "gst": "Asia/Dubai",
}  # fmt: skip
# cities people name that have no zone of their own, and the usual short names
CITIES = {
    "nyc": "America/New_York", "new york city": "America/New_York", "ny": "America/New_York",
    "miami": "America/New_York", "boston": "America/New_York", "washington": "America/New_York",
    "atlanta": "America/New_York", "la": "America/Los_Angeles", "sf": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles", "seattle": "America/Los_Angeles",
    "dallas": "America/Chicago", "houston": "America/Chicago", "austin": "America/Chicago",
    "frankfurt": "Europe/Berlin", "munich": "Europe/Berlin", "hamburg": "Europe/Berlin",
    "cologne": "Europe/Berlin", "milan": "Europe/Rome", "barcelona": "Europe/Madrid",
    "geneva": "Europe/Zurich", "manchester": "Europe/London", "edinburgh": "Europe/London",
    "mumbai": "Asia/Kolkata", "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata", "bengaluru": "Asia/Kolkata", "chennai": "Asia/Kolkata",
    "hyderabad": "Asia/Kolkata", "beijing": "Asia/Shanghai", "shenzhen": "Asia/Shanghai",
    "cape town": "Africa/Johannesburg", "abuja": "Africa/Lagos", "melbourne": "Australia/Melbourne",
    "kiev": "Europe/Kyiv", "rio": "America/Sao_Paulo", "osaka": "Asia/Tokyo",
    "abu dhabi": "Asia/Dubai", "tel aviv": "Asia/Jerusalem", "hanoi": "Asia/Bangkok",
    "ho chi minh city": "Asia/Ho_Chi_Minh", "saigon": "Asia/Ho_Chi_Minh",
}  # fmt: skip
HALF_HOUR_OFFSETS = {(5, 30): "Asia/Kolkata", (9, 30): "Australia/Darwin", (3, 30): "Asia/Tehran"}
HALF_HOUR_OFFSETS |= {(5, 45): "Asia/Kathmandu", (4, 30): "Asia/Kabul", (6, 30): "Asia/Yangon"}
FILLER = re.compile(r"^(?:i'?m in|i am in|i live in|in|my timezone is|timezone:?|tz:?)\s+")
COUNTRY_TAIL = re.compile(r",.*$")


@cache
def _zones_by_lower_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for name in sorted(available_timezones()):
        names.setdefault(name.lower(), name)
        city = name.rsplit("/", 1)[-1].replace("_", " ").lower()
        if "/" in name and not name.startswith("Etc/"):
            names.setdefault(city, name)
    return names


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(ascii_only.strip().split()).lower().strip(" .!?")


def _offset(match: re.Match[str]) -> str | None:
    hours, minutes = int(match[2]), int(match[3] or 0)
    if minutes:
        return HALF_HOUR_OFFSETS.get((hours, minutes)) if match[1] == "+" else None
    if hours > (14 if match[1] == "+" else 12):
        return None
    if hours == 0:
        return "UTC"
    sign = "-" if match[1] == "+" else "+"  # the Etc/ zones count the other way round
    return f"Etc/GMT{sign}{hours}"


def read_timezone(text: str) -> str | None:
    """An IANA zone from what someone typed, or None when it names no timezone."""
    words = FILLER.sub("", _plain(text))
    if not words or len(words) > MAX_LENGTH:
        return None
    if words in ("utc", "gmt", "z", "zulu", "utc+0", "gmt+0", "utc 0"):
        return "UTC"
    if match := UTC_OFFSET.match(words):
        return _offset(match)
    words = (
        re.sub(r"\s+(?:time|timezone|time zone)$", "", words)
        if words not in ABBREVIATIONS
        else words
    )
    for candidate in (words, COUNTRY_TAIL.sub("", words).strip()):
        if candidate in ABBREVIATIONS:
            return ABBREVIATIONS[candidate]
        if candidate in CITIES:
            return CITIES[candidate]
        zones = _zones_by_lower_name()
        found = zones.get(candidate.replace(" ", "_")) or zones.get(candidate)
        if found is not None:
            return found
    return None

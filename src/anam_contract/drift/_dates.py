"""The "Last modified on <date>" line a docs page ends with."""

from __future__ import annotations

import re
from datetime import date, datetime

_LAST_MODIFIED = re.compile(r"Last (?:modified|updated)(?: on)?:?\s+(?P<date>[A-Za-z0-9 ,.:/-]+?)\s*$", re.IGNORECASE)
_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%Y/%m/%d")


def find_modified(line: str) -> str | None:
    """The date text of a "Last modified on ..." line, or None when the line is not one."""
    match = _LAST_MODIFIED.search(line)
    return match["date"].strip() if match else None


_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_SEPT = re.compile(r"\bSept\b", re.IGNORECASE)  # strptime knows only the three-letter "Sep"
_ISO_STAMP = re.compile(r"(?P<day>\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}.*")  # a timestamp: its day is the date
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+", re.IGNORECASE)


def parse_date(text: str) -> date | None:
    cleaned = re.sub(r"\s+", " ", text.strip().rstrip("."))
    if stamp := _ISO_STAMP.fullmatch(cleaned):
        cleaned = stamp["day"]
    cleaned = _SEPT.sub("Sep", _ORDINAL.sub(r"\1", _WEEKDAY.sub("", cleaned)))
    for fmt in _FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None

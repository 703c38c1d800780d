"""iCalendar (RFC 5545) output: all-day events with stable UIDs.

The file is the same byte for byte for the same input: UIDs come from the
semester and week, DTSTAMP from the calendar (not the clock). Lines end in
CRLF and are folded at 75 octets without splitting a UTF-8 character (3.1);
TEXT values escape backslash, semicolon, comma and newline (3.3.11).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

LIMIT = 75  # octets per line, CRLF not counted


@dataclass(frozen=True)
class Event:
    uid: str
    day: dt.date
    summary: str
    description: str = ""
    url: str = ""
    categories: str = ""


def escape_text(value: str) -> str:
    """A TEXT property value (RFC 5545 3.3.11)."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """One content line folded into ≤ 75-octet pieces joined by CRLF + space."""
    pieces, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > LIMIT:
            pieces.append(current)
            current, size = " ", 1  # the continuation's leading space counts
        current += ch
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def render(events: list[Event], name: str, stamp: dt.datetime, prodid: str = "-//fanzha-kb//programme//ZH") -> bytes:
    """The .ics file for `events`; `stamp` is every event's DTSTAMP (fixed for reproducible output)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{prodid}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape_text(name)}"]
    for e in events:
        lines += ["BEGIN:VEVENT", f"UID:{e.uid}", f"DTSTAMP:{_stamp(stamp)}",
                  f"DTSTART;VALUE=DATE:{e.day:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{e.day + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{escape_text(e.summary)}"]
        if e.description:
            lines.append(f"DESCRIPTION:{escape_text(e.description)}")
        if e.url:
            lines.append(f"URL:{e.url}")
        if e.categories:
            lines.append(f"CATEGORIES:{escape_text(e.categories)}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")

"""Reading a content file as text: UTF-8 with or without BOM, LF or CRLF."""
from __future__ import annotations

from pathlib import Path

from ..model import Pos
from ..problem import Problem, error


class UnreadableFile(Exception):
    """The file could not be read as UTF-8 text; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_text(path: Path, rel: str) -> str:
    """The file's text with BOM removed and line ends normalised to LF."""
    return decode_text(path.read_bytes(), rel)


def decode_text(data: bytes | str, rel: str) -> str:
    """The text of a file's bytes, or of a file held in memory as text, as `read_text` gives it."""
    text = _utf8(data, rel) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    if "\x00" in text:
        raise UnreadableFile(error(Pos(rel, 1, 1), "encoding", "expected text, found a NUL byte (binary file?)"))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf8(data: bytes, rel: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = " (it looks like GBK/GB18030)" if _looks_gbk(data) else ""
        raise UnreadableFile(error(Pos(rel, line, col), "encoding",
            f"expected UTF-8 text, found byte 0x{data[exc.start]:02X} that is not UTF-8{hint}; "
            "save the file as UTF-8")) from None


def _looks_gbk(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True

"""Physical-line reader for the fixed-width files municipalities send.

The format prescribes ISO-8859-1, one byte per position, so the bytes are decoded as Latin-1:
every byte becomes exactly one character and decoding can never fail, whatever the file holds
(UTF-8, binary data). Lines end in LF, CRLF or a lone CR; a missing final newline is fine.
Line numbers are the physical 1-based line numbers of the file, counting dropped blank lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

# Java's String.trim() removes every character <= U+0020; the 2020-2022 reference programs drop
# lines made only of such characters, and "blank" field values are defined the same way.
JAVA_WHITESPACE = "".join(chr(i) for i in range(0x21))

UTF8_BOM = "\xef\xbb\xbf"  # the UTF-8 byte order mark as Latin-1 characters


@dataclass(slots=True)
class Lines:
    """The kept lines of a file and their physical 1-based line numbers."""

    texts: list[str]
    numbers: list[int]
    size: int  # length of the raw file in bytes
    breaks: tuple[int, int] | None = None  # (CR, LF) bytes in the raw file, when counted

    def __len__(self) -> int:
        return len(self.texts)


def read_lines(data: bytes, *, drop_whitespace_lines: bool = True) -> Lines:
    """Split ``data`` into lines, dropping blank ones.

    With ``drop_whitespace_lines`` (the 2020-2022 behaviour) a line of only spaces or control
    characters is dropped; otherwise (2023 onwards) only empty lines are.
    """
    breaks = data.count(b"\r"), data.count(b"\n")
    physical = _physical_lines(data.decode("latin-1"), data, breaks)
    if physical and physical[-1] == "":
        physical.pop()  # the final newline ends the last line, it does not start a new one
    if _none_blank(physical, drop_whitespace_lines):
        every = list(range(1, len(physical) + 1))
        return Lines(texts=physical, numbers=every, size=len(data), breaks=breaks)
    texts: list[str] = []
    numbers: list[int] = []
    ws = JAVA_WHITESPACE
    for number, line in enumerate(physical, start=1):
        if drop_whitespace_lines:
            if not line.strip(ws):
                continue
        elif not line:
            continue
        texts.append(line)
        numbers.append(number)
    return Lines(texts=texts, numbers=numbers, size=len(data), breaks=breaks)


def _physical_lines(text: str, data: bytes, breaks: tuple[int, int]) -> list[str]:
    """``text`` (``data`` read as ISO-8859-1, one character per byte) split at LF, CRLF and
    lone CR. ``breaks`` are the CR and LF counts of ``data`` (counting bytes is faster)."""
    cr, lf = breaks
    if not cr:
        return text.split("\n")
    if cr == data.count(b"\r\n") == lf:
        return text.split("\r\n")  # every line ends in CRLF: no copy with CR replaced
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _none_blank(lines: list[str], drop_whitespace_lines: bool) -> bool:
    """True when no line would be dropped, checked in C (the usual case).

    Exact: an empty line, and a line of only whitespace (every character <= U+0020), starts
    with a character <= " " or has none; a line whose first character is above " " is kept.
    """
    if not drop_whitespace_lines:
        return "" not in lines
    firsts = map(itemgetter(slice(0, 1)), lines)
    return not lines or min(firsts) > " "


def utf8_length(line: str) -> int | None:
    """The length in characters of ``line`` read as UTF-8, or None if it is not UTF-8 text.

    Only returns a value when reading as UTF-8 changes the length, i.e. the line holds a
    multi-byte sequence or a byte order mark: the sign that the file was saved as UTF-8
    instead of ISO-8859-1.
    """
    raw = line.encode("latin-1")
    if raw.isascii():
        return None
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    decoded = decoded.removeprefix("\ufeff")
    return len(decoded) if len(decoded) != len(line) else None


def has_binary(line: str) -> bool:
    """True when ``line`` holds control characters other than tab, i.e. looks like binary data."""
    return any(ch < "\x20" and ch != "\t" or "\x7f" <= ch < "\xa0" for ch in line)

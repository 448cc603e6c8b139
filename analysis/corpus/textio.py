"""Decoding raw article bytes: UTF-8 first, a detected encoding when it can be told, else a clear refusal.

A file that is UTF-8 but for a few stray bytes stays UTF-8: its valid characters are kept and each
bad byte becomes U+FFFD, with a note saying how many and where. It is decoded in a legacy code page
only when it holds no more valid multi-byte UTF-8 characters than invalid bytes (one stray byte
must never turn "Zürich" into "ZĂĽrich").
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MAX_CONTROL_SHARE = 0.01  # share of control characters above which text is treated as binary
MAX_CHAOS = 0.25  # charset-normalizer's mess score above which a guess is refused
# When several single-byte encodings fit equally well, the commonest for news text wins.
_SURROGATES = re.compile("[\udc80-\udcff]")
PREFERRED = ("cp1252", "iso8859_1", "iso8859_15", "cp1251", "koi8_r", "gb18030", "shift_jis", "euc_kr")


class UndecodableText(ValueError):
    """The bytes are not text, or their encoding cannot be told."""


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls / len(text)


def _best_guess(data: bytes):
    matches = list(from_bytes(data))
    if not matches:
        return None
    top = min((m.chaos, -m.coherence) for m in matches)
    tied = [m for m in matches if (m.chaos, -m.coherence) == top]
    rank = {name: i for i, name in enumerate(PREFERRED)}
    return min(tied, key=lambda m: min((rank.get(e, len(rank)) for e in m.could_be_from_charset), default=len(rank)))


def _mostly_utf8(data: bytes) -> tuple[str, list[int]] | None:
    """(text with U+FFFD for each invalid byte, character offsets of those replacements) when valid
    multi-byte UTF-8 characters outnumber the invalid bytes; None otherwise."""
    escaped = data.decode("utf-8", errors="surrogateescape")  # one lone surrogate per invalid byte
    bad = [i for i, ch in enumerate(escaped) if "\udc80" <= ch <= "\udcff"]
    valid_multibyte = sum(1 for ch in escaped if ord(ch) > 127) - len(bad)
    if valid_multibyte <= len(bad):
        return None
    return _SURROGATES.sub("\ufffd", escaped), bad


def _describe_bad_bytes(bad: list[int]) -> str:
    shown = ", ".join(str(b) for b in bad[:5]) + (" ..." if len(bad) > 5 else "")
    return f"{len(bad)} invalid UTF-8 byte{'s' if len(bad) > 1 else ''} replaced with U+FFFD (at character {shown})"


def decode_with_note(data: bytes) -> tuple[str, str, str]:
    """Return (text, encoding, note): the note says what decoding had to do ("" for clean UTF-8).
    UTF-8 is kept as is (a BOM stays, so offsets match the file)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name, f"{name} byte-order mark"
    if b"\x00" in data:
        raise UndecodableText("binary file (contains NUL bytes)")
    note = ""
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        mostly = _mostly_utf8(data)
        if mostly is not None:
            text, encoding, note = mostly[0], "utf-8", _describe_bad_bytes(mostly[1])
        else:
            best = _best_guess(data)
            if best is None or best.chaos > MAX_CHAOS:
                raise UndecodableText(
                    f"not UTF-8 (bad byte at position {exc.start}) and the encoding cannot be determined"
                ) from None
            text, encoding, note = str(best), best.encoding, f"not UTF-8; decoded as {best.encoding} (detected)"
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise UndecodableText("binary file (too many control characters)")
    return text, encoding, note


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding); see ``decode_with_note``."""
    text, encoding, _ = decode_with_note(data)
    return text, encoding

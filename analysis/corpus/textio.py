"""Decoding raw article bytes: UTF-8 first, a detected encoding when it can be told, else a clear refusal."""

from __future__ import annotations

import codecs

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


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). UTF-8 is kept as is (a BOM stays, so offsets match the file)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    if b"\x00" in data:
        raise UndecodableText("binary file (contains NUL bytes)")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        best = _best_guess(data)
        if best is None or best.chaos > MAX_CHAOS:
            raise UndecodableText(
                f"not UTF-8 (bad byte at position {exc.start}) and the encoding cannot be determined"
            ) from None
        text, encoding = str(best), best.encoding
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise UndecodableText("binary file (too many control characters)")
    return text, encoding

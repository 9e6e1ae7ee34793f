"""Bytes to text: size cap, empty and binary checks, encoding detection, newline normalisation.

Order of trust: a byte-order mark, then strict UTF-8, then a declared charset (HTTP header,
HTML meta, XML declaration), then UTF-8 with replacement characters when the bytes are mostly
valid UTF-8, then charset_normalizer over the common legacy encodings.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from eventwatch.errors import BinaryDocument, DecodeFailure, EmptyDocument, InputError, MissingPath, TooLarge

# Legacy encodings news sites actually use; restricting detection to these keeps
# charset_normalizer from picking exotic look-alikes (mac_latin2 for latin-1 French text).
LEGACY_ENCODINGS = [
    "cp1252", "cp1251", "cp1250", "koi8_r", "iso8859_15", "iso8859_2", "iso8859_5", "cp1253",
    "cp1254", "cp1255", "cp1256", "iso8859_7", "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr",
]  # fmt: skip
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32)) + b"\x7f"
# A tag's attributes are read up to 500 bytes (a real <meta> or <?xml?> tag is < 200): a bounded
# run keeps the search linear on a head full of "<meta" with no ">" (tests/extract/regex_probe.py).
_META_CHARSET = re.compile(rb"""<meta[^>]{1,500}charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,500}encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.I)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a whole file, refusing it before reading when it is larger than ``max_bytes``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise TooLarge(f"{path} is {size:,} bytes, over the {max_bytes:,}-byte limit")
        with path.open("rb") as handle:  # never more than the limit, even if the file grows meanwhile
            data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise TooLarge(f"{path} is over the {max_bytes:,}-byte limit")
        return data
    except FileNotFoundError as exc:
        raise MissingPath(f"{path} does not exist") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


def declared_charset(data: bytes) -> str | None:
    """The charset a document declares about itself in its first few kilobytes."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def check_bytes(data: bytes, origin: str) -> str | None:
    """Raise for empty or binary input; return the encoding named by a BOM, if any."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            if not data[len(bom) :].strip(b"\x00 \t\r\n"):
                raise EmptyDocument(f"{origin} is empty")
            return encoding
    if not data.strip():
        raise EmptyDocument(f"{origin} is empty")
    if data.startswith(BINARY_MAGIC):
        raise BinaryDocument(f"{origin} is a binary file, not text")
    sample = data[:65536]
    if b"\x00" in sample and _utf16_without_bom(sample) is None:
        raise BinaryDocument(f"{origin} contains NUL bytes: binary, not text")
    controls = sum(sample.count(c) for c in _CONTROL)
    if b"\x00" not in sample and controls > len(sample) * 0.05:
        raise BinaryDocument(f"{origin} is mostly non-text bytes")
    return _utf16_without_bom(sample)


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 without a BOM: NULs in only one byte position, decoding to ordinary characters."""
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 4:
        return None
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if others.count(0) == 0 and zeros.count(0) >= len(zeros) * 0.1:
            text = _strict(sample[: len(sample) - len(sample) % 2], encoding)
            if text is not None and sum(ch < " " and ch not in "\t\n\r\f" for ch in text) == 0:
                return encoding
    return None


def decode(data: bytes, origin: str, declared: str | None = None) -> str:
    """Decode document bytes to text with ``\\n`` newlines; raise an InputError subclass."""
    encoding = check_bytes(data, origin)
    text = _decode_with(data, encoding) if encoding else _guess(data, origin, declared)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyDocument(f"{origin} is empty")
    return text


def _decode_with(data: bytes, encoding: str) -> str:
    bom = next((b for b, name in BOMS if name == encoding and data.startswith(b)), b"")
    return data[len(bom) :].decode(encoding, errors="replace")


def _strict(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(data: bytes, origin: str, declared: str | None) -> str:
    text = _strict(data, "utf-8") or _strict(data, declared or declared_charset(data))
    if text is not None:
        return text
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    valid_multibyte = sum(1 for ch in lenient if ord(ch) > 127) - bad
    if valid_multibyte >= bad and bad <= max(3, len(lenient) // 100):
        return lenient
    match = from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    if match is None:
        raise DecodeFailure(f"{origin}: cannot determine the text encoding")
    return str(match)

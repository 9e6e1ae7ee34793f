from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from eventwatch.errors import BinaryDocument, EmptyDocument, MissingPath, TooLarge
from eventwatch.ingest.decode import declared_charset, decode, read_bytes

RUSSIAN = "Ночью беспилотник атаковал нефтебазу в пригороде. По словам губернатора, пострадали два человека."
FRENCH = "Le café était fermé à cause de l'attaque; les élèves sont restés à la maison toute la journée."
QUOTES = (
    "The minister said \u201cwe will respond\u201d \u2014 and officials didn\u2019t comment on the strike."
)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"  \n"])
def test_empty_or_whitespace_is_refused(data: bytes) -> None:
    with pytest.raises(EmptyDocument):
        decode(data, "x.txt")


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n" + b"IHDR" * 50,
        b"%PDF-1.7\n" + b"stream" * 40,
        b"\x01\x02\x03\x04\x05\x06\x07\x08" * 40 + b"hello",
    ],
)
def test_binary_junk_is_refused(data: bytes) -> None:
    with pytest.raises(BinaryDocument):
        decode(data, "junk.bin")


def test_plain_utf8_and_newlines_are_normalised() -> None:
    assert decode("one\r\ntwo\rthree\n€".encode(), "a.txt") == "one\ntwo\nthree\n€"


def test_utf8_with_a_few_bad_bytes_decodes_with_replacement() -> None:
    good = ("Kyiv — the city's mayor said the strike hit a warehouse. " * 5).encode()
    text = decode(good + b"\xff\xfe bad \xc3 bytes", "a.txt")
    assert "mayor said" in text and "—" in text
    assert "\ufffd" in text


@pytest.mark.parametrize(
    ("original", "encoding"), [(RUSSIAN, "cp1251"), (FRENCH, "latin-1"), (QUOTES, "cp1252")]
)
def test_legacy_encodings_are_detected(original: str, encoding: str) -> None:
    assert decode(original.encode(encoding), "legacy.txt") == original


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom(encoding: str) -> None:
    assert decode(RUSSIAN.encode(encoding), "wide.txt") == RUSSIAN


def test_declared_charset_is_used_for_ambiguous_bytes() -> None:
    html = f'<html><head><meta charset="windows-1251"></head><body><p>{RUSSIAN}</p>'.encode("cp1251")
    assert declared_charset(html) == "windows-1251"
    assert RUSSIAN in decode(html, "page.html")


def test_http_header_charset_wins_for_ambiguous_bytes() -> None:
    text = "Der Bürgermeister sagte, die Straße bleibt gesperrt."
    assert decode(text.encode("latin-1"), "u", declared="iso-8859-1") == text


def test_read_bytes_refuses_large_and_missing_files(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 101)
    with pytest.raises(TooLarge):
        read_bytes(big, max_bytes=100)
    assert read_bytes(big, max_bytes=101) == b"a" * 101
    with pytest.raises(MissingPath):
        read_bytes(tmp_path / "nope.txt", max_bytes=100)

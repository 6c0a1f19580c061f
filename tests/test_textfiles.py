import pytest

from autograder.textfiles import UnreadableText, binary_kind, decode_text

TEXT = "Nom de la publicité,Montant dépensé (EUR)\nGalette,12.5\n"


@pytest.mark.parametrize("raw, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
    (("\ufeff" + TEXT).encode("utf-16-le"), "utf-16"),
    (("\ufeff" + TEXT).encode("utf-16-be"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16"),  # no byte-order mark: recognised by its NULs
    (TEXT.encode("cp1252"), "cp1252"),
])
def test_every_encoding_gives_the_same_text(raw, encoding):
    assert decode_text(raw) == (TEXT, encoding)


def test_bytes_with_nuls_are_never_read_as_windows_1252():
    with pytest.raises(UnreadableText, match="octets nuls"):
        decode_text(b"Nom,Montant\nGalette,12\x00\n")
    with pytest.raises(UnreadableText, match="Windows-1252"):
        decode_text(b"caf\x81\x8d")  # bytes Windows-1252 leaves undefined


@pytest.mark.parametrize("raw, kind", [
    (b"PK\x03\x04rest", "XLSX"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "XLS"),
    (b'\xef\xbb\xbf<?xml version="1.0"?><Workbook>', "XML"), (b"<!DOCTYPE html><html>", "HTML"),
    (TEXT.encode(), None),
])
def test_spreadsheets_sent_instead_of_text_are_recognised(raw, kind):
    assert binary_kind(raw) == kind

"""Text files as people really send them: the bytes of a CSV or an SRT decoded the way the exports are read.

UTF-8 with or without a byte-order mark; UTF-16 with its byte-order mark (or, without one, recognised by its
NUL bytes); Windows-1252 for files re-saved by an old spreadsheet or subtitle editor. Bytes holding NULs are
never decoded as Windows-1252 (that is how « ÿþs\\x00e\\x00p\\x00= » reached learners). A spreadsheet or an
XML file sent instead of a text file is recognised by :func:`binary_kind`, so the caller can say
« exportez au format CSV » instead of showing its first bytes as column names.
"""

from __future__ import annotations

import codecs
from pathlib import Path

#: Encoding -> how a French message names it.
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252"}


class UnreadableText(ValueError):
    """Bytes that are not text in any encoding the course reads (French message)."""


def file_bytes(source, not_found: str) -> tuple[bytes, str | None]:
    """``(bytes, « name »)`` of a path (``str`` or ``Path``), or ``(source, None)`` for bytes; a French
    ``ValueError`` starting with ``not_found`` when the file is absent or cannot be read."""
    if isinstance(source, bytes):
        return source, None
    path = Path(source)
    try:
        return path.read_bytes(), f"« {path.name} »"
    except FileNotFoundError:
        raise ValueError(f"{not_found} : « {path.name} ».") from None
    except OSError as exc:
        raise ValueError(f"Impossible de lire « {path.name} » ({exc.strerror}).") from None


def binary_kind(raw: bytes) -> str | None:
    """« XLSX », « XLS », « XML » or « HTML » when ``raw`` is such a file rather than plain text, else ``None``."""
    head = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if raw[:4] == b"PK\x03\x04":
        return "XLSX"
    if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "XLS"
    lowered = head[:100].lower()
    if lowered.startswith(b"<?xml"):
        return "XML"
    if lowered.startswith((b"<!doctype html", b"<html", b"<table")):
        return "HTML"
    return None


def decode_text(raw: bytes, name: str = "le fichier") -> tuple[str, str]:
    """``(text, encoding)``: the text without its byte-order mark and the encoding used (a key of
    :data:`ENCODING_NAMES`); :class:`UnreadableText` (French) when no encoding fits."""
    if raw.startswith(codecs.BOM_UTF8):
        return _decode(raw[3:], "utf-8", name), "utf-8"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(raw, "utf-16", name).lstrip("\ufeff"), "utf-16"
    if b"\x00" in raw:
        # UTF-16 without a byte-order mark: one byte of each pair is NUL for Latin text.
        even, odd = raw[0::2].count(0), raw[1::2].count(0)
        if max(even, odd) > len(raw) // 4:
            return _decode(raw, "utf-16-le" if odd > even else "utf-16-be", name).lstrip("\ufeff"), "utf-16"
        raise UnreadableText(f"{name} contient des octets nuls : ce n'est pas un fichier texte (CSV ou SRT) "
                             "lisible. Enregistrez-le de nouveau en texte UTF-8.")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode(raw, "cp1252", name), "cp1252"


def _decode(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        label = ENCODING_NAMES.get(encoding, encoding.upper())
        raise UnreadableText(f"{name} n'est pas un texte {label} lisible : enregistrez-le de nouveau en texte "
                             "UTF-8.") from None

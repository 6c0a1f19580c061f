"""Accent folding, one function per meaning.

A learner writes « Pâtisserie », « patisserie » or « PÂTISSERIE », « aujourd’hui » or « aujourd'hui »; the
domain compares them through one of these functions, chosen for what the comparison means:

| function          | use                                                   | « L’Épi-Doré_Lyon » gives |
| ----------------- | ----------------------------------------------------- | ------------------------- |
| :func:`fold`      | a keyword in a sentence (captions, replies, messages) | « l'epi-dore_lyon »       |
| :func:`name_key`  | a name picked from a list (theme, format, pillar)     | « l'epi dore lyon »       |
| :func:`ascii_key` | a handle or a brand (« @lafourneedelea »)             | « lepidorelyon »          |

All three are lower case and drop accents; :func:`strip_accents` alone keeps the case.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NOT_ASCII_WORD = re.compile(r"[^a-z0-9]")


def strip_accents(text) -> str:
    """``text`` without its combining accents (« Crème brûlée » → « Creme brulee »); case and other signs kept."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text) -> str:
    """Lower case, no accents, the typographic apostrophe as a straight one: for finding a keyword in a text."""
    return strip_accents(str(text).lower()).replace("’", "'")


@lru_cache(maxsize=8192)
def name_key(text: str) -> str:
    """:func:`fold` without surrounding spaces, « - » and « _ » read as spaces: for matching a name typed or
    picked from a list (« Contenu-utilisateur » and « contenu utilisateur » are the same theme)."""
    return fold(str(text).strip()).replace("-", " ").replace("_", " ")


def ascii_key(text) -> str:
    """ASCII letters and digits only, lower case (« La Fournée de Léa » → « lafourneedelea »): for comparing a
    handle, a user name or a brand written with or without spaces, dots or accents."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return _NOT_ASCII_WORD.sub("", ascii_text)


class UnknownName(KeyError):
    """A name that is not among those allowed (a criterion, an objective, a format…), with a French message.

    A plain ``KeyError`` prints its message quoted, with its no-break spaces escaped (« 'Secteur inconnu\\xa0:' »);
    this one prints the message as written, wherever it is shown."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""

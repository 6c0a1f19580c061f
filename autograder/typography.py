"""French typography: one spacing policy for every text a learner, a trainer or a jury reads.

The policy, after the *Lexique des règles typographiques en usage à l'Imprimerie nationale*:

| sign              | space before it                     | example          |
| ----------------- | ----------------------------------- | ---------------- |
| « ; » « ! » « ? » | narrow no-break space (U+202F)      | « Prêt ? »       |
| « : »             | no-break space (U+00A0)             | « Horaires : »   |
| « » » and after « | no-break space (U+00A0)             | « « Bonjour » »  |

A space that is already there is given the right kind; no space is ever added where there was none (« 10:30 »,
« https://… », « ?utm_source= » stay as they are). :func:`french_spacing` applies the policy to a text,
:func:`markdown_spacing` to Markdown (code, links and HTML tags left alone) and :func:`spacing_problems` says
where a text breaks it. The same functions rewrite the sources (``coursetools/typography.py``) and check them
(``tests/test_typography.py``). Thousands and units are :mod:`autograder.numbers`' business.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"  # no-break space

_SPACE = "[ \u00a0\u202f]"
#: A run of spaces after a visible character and before a sign that takes one; « ![ », « != », « :- » (a
#: Markdown table's alignment) and « :: » are not French punctuation.
_BEFORE_SIGN = re.compile(rf"(?<=\S){_SPACE}+(?:([;!?])(?![\[=])|(:)(?![-:=])|(»))")
_AFTER_OPEN = re.compile(rf"«{_SPACE}+(?=\S)")
#: Markdown that is not prose: fenced blocks, inline code, link targets, autolinks and HTML tags.
_MARKDOWN_CODE = re.compile(r"```.*?```|`[^`\n]*`|\]\([^)\s]*\)|<[^<>\n]*>", re.DOTALL)


def _open(match: re.Match) -> str:
    return "«" + NBSP


def _before(match: re.Match) -> str:
    sign = match.group(1) or match.group(2) or match.group(3)
    return (NNBSP if match.group(1) else NBSP) + sign


def _fixes(text: str, markdown: bool):
    """Each ``(start, end, right)`` where ``text`` breaks the policy; Markdown code, links and tags skipped."""
    skipped = [m.span() for m in _MARKDOWN_CODE.finditer(text)] if markdown else []
    for pattern, right in ((_BEFORE_SIGN, _before), (_AFTER_OPEN, _open)):
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in skipped):
                continue
            if match.group() != right(match):
                yield match.start(), match.end(), right(match)


def _apply(text: str, markdown: bool) -> str:
    fixed, last = [], 0
    for start, end, right in sorted(_fixes(text, markdown)):
        fixed += [text[last:start], right]
        last = end
    fixed.append(text[last:])
    return "".join(fixed)


def french_spacing(text: str) -> str:
    """``text`` with the policy's spaces (« Prêt ? » gets U+202F before « ? »); nothing else changes."""
    return _apply(text, markdown=False)


def markdown_spacing(text: str) -> str:
    """:func:`french_spacing` on the prose of a Markdown text, leaving code, link targets and tags as they are."""
    return _apply(text, markdown=True)


def spacing_problems(text: str, *, markdown: bool = False) -> list[str]:
    """Each place where ``text`` breaks the policy, as a short French excerpt (empty when it is right)."""
    problems = []
    for start, end, right in sorted(_fixes(text, markdown)):
        excerpt = text[max(0, start - 25) : end + 1].replace("\n", " ").strip()
        space = right[1] if right.startswith("«") else right[0]
        problems.append(f"«{NBSP}{excerpt}{NBSP}»{NBSP}: espace {_name(space)} attendue")
    return problems


def _name(space: str) -> str:
    return "fine insécable (U+202F)" if space == NNBSP else "insécable (U+00A0)"


def quoted(text: str) -> str:
    """``text`` between French quotation marks (no-break spaces inside), unless it is already wholly quoted:
    an option that quotes a sentence (« Image virtuelle ») is not quoted twice."""
    text = str(text).strip()
    if text.startswith("«") and text.endswith("»") and text.count("«") == 1:
        return text
    return f"«{NBSP}{text}{NBSP}»"


def plain_spaces(text: str) -> str:
    """``text`` with the policy's no-break spaces as plain spaces: for comparing two texts whatever their typography
    (a browser's ``innerText``, a quote of the référentiel)."""
    return text.replace(NBSP, " ").replace(NNBSP, " ")

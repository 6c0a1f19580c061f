"""Hidden tests kept out of what a learner reads: the lines to mask and the masking itself.

Pure text functions (no nbconvert), shared by the feedback preprocessors (:mod:`autograder.trainer.feedback`)
and the evaluation grids (:mod:`autograder.trainer.report`).
"""

from __future__ import annotations

import re

HIDDEN_BEGIN, HIDDEN_END = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
REDACTED = "[ligne d'un test caché masquée]"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def hidden_lines(source: str) -> list[str]:
    """The meaningful lines between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``."""
    lines, inside = [], False
    for line in source.splitlines():
        if HIDDEN_BEGIN in line:
            inside = True
            continue
        if HIDDEN_END in line:
            inside = False
            continue
        if inside and len(line.strip()) >= 4:
            lines.append(line.strip())
    return lines


def redact(text: str, secrets: list[str]) -> str:
    out = []
    for line in text.split("\n"):
        plain = _ANSI.sub("", line)
        out.append(REDACTED if any(s in plain for s in secrets) else line)
    return "\n".join(out)

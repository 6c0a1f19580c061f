"""The case company's inbox over one month, as the learner sees it: comments and private messages, with threads.

The items are bundled with the package (``case_community_inbox.json``), without their hidden part: no
kind, no expected handling. Items created before the 25 October were handled by the team (``handled``:
actions, reply, reply time): they feed the response-time figures and the e-reputation summary; the others
wait in the queue for the learner. The generator of the month and the answer key of its queue stay with
the trainer: an authoring tool of the course (``coursetools/``, never installed) writes this file and the key.

The texts are invented for the course (La Fournée de Léa, Lyon 4e); any resemblance is coincidental.
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path

INBOX_FILE = "case_community_inbox.json"


@functools.lru_cache(maxsize=1)
def _items() -> tuple[dict, ...]:
    return tuple(json.loads((Path(__file__).parent / INBOX_FILE).read_text(encoding="utf-8")))


def inbox() -> list[dict]:
    """The learner's inbox: every item of the month, without its hidden part (copies: safe to modify)."""
    return copy.deepcopy(list(_items()))


def pending_ids() -> list[str]:
    """The ids of the items waiting in the queue (not handled by the team)."""
    return [it["id"] for it in _items() if "handled" not in it]

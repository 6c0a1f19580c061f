"""Fixtures of the hub tests: one hub with its cohort for the whole module, one Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hub.cohorte import CHROMIUM, LEARNERS, REPO, TRAINER, CourseHub


@pytest.fixture(scope="module")
def hub():
    """The course's hub (scripts/hub.sh) with three learners and a trainer: removed at the end, even on failure."""
    if os.geteuid() != 0:
        pytest.skip("le hub crée de vrais comptes Unix et démarre les serveurs sous ces comptes : root nécessaire")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium introuvable ({CHROMIUM}) : lancez « make system-deps »")
    if not (REPO / "node_modules" / ".bin" / "configurable-http-proxy").exists():
        pytest.fail("configurable-http-proxy absent : lancez « npm ci » (fait par « make test »)")
    server = CourseHub(LEARNERS, TRAINER)
    try:
        yield server
    finally:
        server.close()


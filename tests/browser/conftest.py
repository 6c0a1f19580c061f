"""Fixtures of the browser tests: one JupyterLab for the whole session, in a scratch copy of the course."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import CHROMIUM, UI_TIMEOUT, Lab, copy_course


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """The session's JupyterLab (a module may still define its own ``lab``, which then takes precedence there)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium introuvable ({CHROMIUM}) : lancez « make system-deps »")
    root = copy_course(tmp_path_factory.mktemp("navigateur-session") / "cours")
    server = Lab(root, root.parent / "jupyterlab.log")
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    """A fresh French page (its own context) in the test module's Chromium (``browser``, tests/conftest.py)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    context.set_default_timeout(UI_TIMEOUT)
    page = context.new_page()
    yield page
    context.close()

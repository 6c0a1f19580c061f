"""Shared test configuration: notebooks inside tests/ are data, and the fixtures of a scratch course."""

from __future__ import annotations

from pathlib import Path

import pytest

from course_support import REPO, copy_course

# Notebooks inside tests/ are data (hostile submissions, fixtures), never run by nbval.
collect_ignore_glob = ["*.ipynb", "pipeline_cases/*"]


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def course_copy(tmp_path) -> Path:
    return copy_course(tmp_path / "cours")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium (coursetools.chromium) for one test module: the browser tests and the hub test."""
    from playwright.sync_api import sync_playwright

    from coursetools import chromium

    with sync_playwright() as pw:
        browser = chromium.launch(pw)
        yield browser
        browser.close()

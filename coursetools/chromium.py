"""Debian's Chromium as the browser tests, the hub test and the hub benchmark drive it (Playwright).

No browser is downloaded: Playwright launches ``/usr/bin/chromium`` (installed by ``make system-deps``), with
the flags this machine needs (no sandbox as root, no GPU, no background network traffic).
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]


def launch(playwright):
    """A headless Chromium started by ``playwright`` (a ``sync_playwright()`` context)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

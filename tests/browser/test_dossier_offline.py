"""The jury dossier opens offline: from file://, with every http(s) request refused, Chromium renders the reveal.js
slides (initialised, more than one slide, speaker notes, the evidence screenshots of the plan B slides) and the
printable page (its screenshots loaded too)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from dossier_support import ALT, write_submission

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def dossier_folder(tmp_path_factory):
    from course_support import copy_course

    root = copy_course(tmp_path_factory.mktemp("dossier") / "cours")
    write_submission(root / "submitted" / "alice" / "certification")
    proc = subprocess.run([sys.executable, "-m", "autograder", "dossier", "alice"], cwd=root, capture_output=True,
                          text=True, env={**os.environ, "NBGRADER_DB_URL": ""}, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return root / "reports" / "dossiers" / "alice"


def _offline_page(browser):
    context = browser.new_context(offline=True)
    refused = []

    def refuse(route):
        refused.append(route.request.url)
        route.abort()

    context.route("http://**/*", refuse)
    context.route("https://**/*", refuse)
    return context, context.new_page(), refused


def test_slides_render_offline_with_notes_and_plan_b_screenshots(browser, dossier_folder):
    context, page, refused = _offline_page(browser)
    try:
        page.goto((dossier_folder / "presentation.slides.html").as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=20_000)
        total = page.evaluate("() => Reveal.getTotalSlides()")
        notes = page.evaluate("() => document.querySelectorAll('.reveal .slides section aside.notes').length")
        assert total > 1 and notes == total
        assert page.evaluate("() => Reveal.getSlideNotes(Reveal.getSlides()[0])")
        image = page.locator(f'img[alt="{ALT}"]').first
        page.evaluate("(img) => Reveal.slide(Reveal.getIndices(img.closest('section')).h)", image.element_handle())
        page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        assert page.locator(".reveal .slides section.present h2").text_content().startswith("Plan B — ")
        assert refused == []
    finally:
        context.close()


def test_printable_page_renders_offline(browser, dossier_folder):
    context, page, refused = _offline_page(browser)
    try:
        page.goto((dossier_folder / "dossier.html").as_uri())
        assert page.locator("h1").inner_text() == "Dossier du jury — alice"
        assert page.locator("table tbody tr th[scope=row]").count() >= 24
        page.wait_for_function("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")
        assert page.locator(f'img[alt="{ALT}"]').count() == 1
        assert refused == []
    finally:
        context.close()

"""One open gradebook for a grading run (autograder.trainer.grading.shared)."""

from __future__ import annotations

import importlib
import multiprocessing as mp
import os
import shutil
import sys

import pytest
from nbgrader import api

from autograder.trainer.grading.shared import shared_gradebook

COURSE = "communication-digitale"
HOLDERS = ("nbgrader.converters.autograde", "nbgrader.preprocessors.saveautogrades",
           "nbgrader.preprocessors.overwritecells", "nbgrader.preprocessors.latesubmissions")


pytestmark = pytest.mark.slow  # a new gradebook costs alembic's migrations (once for the module)


@pytest.fixture(scope="module")
def empty_book(tmp_path_factory):
    """An empty nbgrader gradebook, made once (nbgrader creates it with the environment's alembic command)."""
    path = tmp_path_factory.mktemp("carnet") / "vide.db"
    saved = os.environ["PATH"]
    os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + saved
    try:
        api.Gradebook(f"sqlite:///{path}", COURSE).close()
    finally:
        os.environ["PATH"] = saved
    return path


@pytest.fixture
def urls(empty_book, tmp_path):
    """Two gradebooks of one test: the run's and another one."""
    out = []
    for name in ("gradebook.db", "autre.db"):
        shutil.copyfile(empty_book, tmp_path / name)
        out.append(f"sqlite:///{tmp_path / name}")
    return out


def _modules():
    return [importlib.import_module(name) for name in HOLDERS]


def _child_engine(url, engine_id, queue):
    with api.Gradebook(url, COURSE) as gb:
        queue.put(id(gb.engine) != engine_id)


def test_inside_a_run_every_gradebook_of_the_url_shares_one_engine_and_writes_for_real(urls):
    url, other = urls
    real = api.Gradebook
    with shared_gradebook(url, COURSE) as book:
        for module in _modules():
            with module.Gradebook(url) as gb:  # as nbgrader's steps open it (default course id)
                assert gb.engine is book.engine
                assert isinstance(gb, real)
        with api.Gradebook(url, COURSE) as gb:
            gb.add_student("apprenant_01", first_name="Inès")
        with api.Gradebook(other, COURSE) as gb:  # another gradebook: nbgrader's own object
            assert gb.engine is not book.engine and type(gb) is real
    assert all(module.Gradebook is real for module in _modules())  # nothing left behind
    with real(url, COURSE) as gb:  # written to the database, visible to any later reader
        assert gb.find_student("apprenant_01").first_name == "Inès"
        assert {c.id for c in gb.db.query(api.Course)} == {COURSE, "default_course"}  # as nbgrader's __init__


def test_a_forked_process_gets_its_own_gradebook(urls):
    url = urls[0]
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    with shared_gradebook(url, COURSE) as book:
        proc = ctx.Process(target=_child_engine, args=(url, id(book.engine), queue))
        proc.start()
        proc.join(30)
        assert queue.get(timeout=5) is True


def test_after_the_run_a_gradebook_is_nbgraders_own(urls):
    url = urls[0]
    with shared_gradebook(url, COURSE) as book:
        pass
    with api.Gradebook(url, COURSE) as gb:
        assert gb.engine is not book.engine and type(gb) is api.Gradebook

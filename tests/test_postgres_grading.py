"""Grading against a real PostgreSQL server (Debian's package, started by the test), in shards.

Two « machines » sharing the course folder (two processes here, at the same time) each grade their share
of the learners (``--shard 1/2`` and ``--shard 2/2``) into the same PostgreSQL gradebook; the scores are
those of plain ``nbgrader autograde`` on the same submissions with SQLite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from autograder.trainer.course import cell_scores, course_folder, run_nbgrader
from autograder.trainer.grading import in_shard
from coursetools.synthetic import SYNTHETIC, make_cohort, make_course

from course_support import REPO

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
SCRIPT = REPO / "scripts" / "postgres.sh"


@pytest.fixture(scope="module")
def postgres_url():
    proc = subprocess.run([str(SCRIPT), "start"], capture_output=True, text=True, timeout=120)
    if proc.returncode == 3:  # the Debian package is missing: « make system-deps » installs it
        pytest.skip(proc.stderr.strip())
    assert proc.returncode == 0, proc.stderr
    url, folder = proc.stdout.split()
    yield url
    subprocess.run([str(SCRIPT), "stop", folder], capture_output=True, timeout=120)


def _scores(root, assignment, url):
    return {(r.student, r.grade_id): r.score for r in cell_scores(root, assignment, url=url)}


@pytest.fixture(scope="module")
def sharded(postgres_url, tmp_path_factory):
    base = tmp_path_factory.mktemp("pg")
    plain, assignment = make_course(base / "plain", SYNTHETIC)
    students = make_cohort(plain, assignment, 6)
    ours = base / "ours"
    shutil.copytree(plain, ours, ignore=shutil.ignore_patterns("gradebook.db"))
    env = {**os.environ, "NBGRADER_DB_URL": postgres_url}
    run_nbgrader(["generate_assignment", assignment, "--force"], ours, env={"NBGRADER_DB_URL": postgres_url})
    run_nbgrader(["autograde", assignment, "--create", "--force"], plain, env={"NBGRADER_DB_URL": ""}, check=False,
                 timeout=1800)
    procs = [subprocess.Popen([sys.executable, "-m", "autograder", "grade", assignment, "--shard", f"{i}/2",
                               "--quiet", "--jobs", "1"], cwd=ours, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for i in (1, 2)]
    outputs = [p.communicate(timeout=1800) for p in procs]
    return {"assignment": assignment, "plain": plain, "ours": ours, "url": postgres_url, "students": students,
            "outputs": outputs, "env": env}


def test_each_machine_grades_its_share(sharded):
    for i, (out, err) in enumerate(sharded["outputs"], start=1):
        share = [s for s in sharded["students"] if in_shard(s, (i, 2))]
        assert f"{len([s for s in share if s != 'apprenant_06'])} copie(s) corrigée(s)" in out, (out, err)
        assert "Traceback" not in err


def test_sharded_postgres_scores_equal_plain_nbgrader(sharded):
    ours = _scores(sharded["ours"], sharded["assignment"], sharded["url"])
    plain = _scores(sharded["plain"], sharded["assignment"], course_folder(sharded["plain"]).default_db_url)
    assert ours == plain
    assert {s for s, _ in ours} == set(sharded["students"])


def test_rerun_on_postgres_skips_unchanged(sharded):
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", sharded["assignment"], "--quiet"],
                          cwd=sharded["ours"], env=sharded["env"], capture_output=True, text=True, timeout=1800)
    assert "0 copie(s) corrigée(s)" in proc.stdout and "5 inchangée(s)" in proc.stdout, proc.stdout + proc.stderr

"""One open nbgrader gradebook for a whole grading run, in the process that writes the gradebook.

nbgrader's autograde opens the gradebook about a dozen times per submission (each sanitising and grading
step, and each step of ``init_assignment``, builds its own ``Gradebook``: a new SQLAlchemy engine, the
inspection of every table, ``CREATE TABLE IF NOT EXISTS`` checks, the course row); that is most of the
time of a submission scored from the files. Inside :func:`shared_gradebook`, every ``Gradebook(url)`` made
by nbgrader or by the course's steps in **this** process, for **this** gradebook URL, is a handle on one
open nbgrader :class:`~nbgrader.api.Gradebook` (the same class, methods, database and commits; only its
``close`` waits for the end of the run). Other URLs, other processes (forked workers) and any code after the
run get nbgrader's own class, untouched.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

HOLDERS = ("nbgrader.", "autograder.")  # the modules whose ``Gradebook`` name is looked up while grading


@contextlib.contextmanager
def shared_gradebook(url: str, course_id: str) -> Iterator[object]:
    """Within the block, ``Gradebook(url, …)`` in this process is a handle on one open gradebook."""
    from nbgrader import api

    real = api.Gradebook
    if getattr(real, "shared_run", False):  # already inside a run (nested call): nothing more to do
        yield None
        return
    book = real(url, course_id)
    owner, active, courses = os.getpid(), [True], {course_id}  # the course rows checked in this run

    class SharedGradebook(real):  # type: ignore[misc, valid-type]
        """A handle on the run's open gradebook (nbgrader's class; ``close`` leaves the session open)."""

        shared_run = True

        def __new__(cls, db_url: str, course_id: str = "default_course", authenticator=None):
            if db_url != url or os.getpid() != owner or not active[0]:
                return real(db_url, course_id, authenticator)  # not this run's gradebook: nbgrader's own
            return super().__new__(cls)

        def __init__(self, db_url: str, course_id: str = "default_course", authenticator=None):
            self.engine, self.db = book.engine, book.db
            if course_id not in courses:  # as nbgrader's __init__: the course row exists (checked once a run)
                self.check_course(course_id=course_id)
                courses.add(course_id)
            self.course_id, self.authenticator = course_id, authenticator

        def close(self) -> None:
            self.db.remove()  # as nbgrader's close, but the engine stays open for the next handle

    for name, module in list(sys.modules.items()):
        if name.startswith(HOLDERS) and getattr(module, "Gradebook", None) is real:
            module.Gradebook = SharedGradebook
    try:
        yield book
    finally:
        active[0] = False
        for module in list(sys.modules.values()):  # modules imported during the run included
            if getattr(module, "Gradebook", None) is SharedGradebook:
                module.Gradebook = real
        book.close()

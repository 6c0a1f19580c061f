"""Choosing what to grade: the submissions of a course, the learners of a shard, the unchanged ones."""

from __future__ import annotations

import fnmatch
import hashlib
from collections.abc import Iterable
from pathlib import Path

from autograder.trainer.course import Course, CourseError, course_folder


def parse_shard(text: str | None) -> tuple[int, int] | None:
    """``"2/3"`` → ``(2, 3)``; a French error for anything else."""
    if not text:
        return None
    try:
        i, n = (int(x) for x in str(text).split("/"))
    except ValueError:
        raise CourseError(f"--shard {text!r} : attendu « i/n », par exemple « 1/3 » (part 1 sur 3).") from None
    if not 1 <= i <= n:
        raise CourseError(f"--shard {text!r} : la part i doit être comprise entre 1 et n (ici n = {n}).")
    return i, n


def in_shard(student: str, shard: tuple[int, int] | None) -> bool:
    """Whether ``student`` belongs to ``shard`` (a stable hash: adding learners never moves the others)."""
    if shard is None:
        return True
    i, n = shard
    return int(hashlib.sha1(student.encode("utf-8")).hexdigest(), 16) % n == i - 1


def submitted_students(root: Path | Course, assignment: str) -> list[str]:
    """The learners who submitted ``assignment`` (their folders in ``submitted/``)."""
    return course_folder(root).students(assignment)


def _ignored(path: Path, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(part, pat) for part in path.parts for pat in patterns)


def files(folder: Path, ignore: list[str]) -> list[Path]:
    """The files of ``folder`` (recursively) that nbgrader does not ignore, sorted."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not _ignored(p.relative_to(folder), ignore))


def fingerprint(root: Path | Course, assignment: str, student: str, url: str, ignore: list[str]) -> str:
    """A hash of what the grade depends on: the submission, the assignment's source files, the gradebook."""
    course = course_folder(root)
    digest = hashlib.sha256(url.encode("utf-8"))
    for label, folder in (("submitted", course.submitted(student, assignment)), ("source", course.source(assignment))):
        for path in files(folder, ignore):
            digest.update(f"{label}:{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()

"""A submission read as data: regular files of allowed types only, never through a symbolic link.

Every copy of a learner's submission made at grading (the project's grading workers, the sandbox's
private copy, the scoring step of :mod:`autograder.trainer.scoring`) goes through :func:`copy_submission`:

* only **regular files** are read, opened with ``O_NOFOLLOW`` after an ``lstat``: a symbolic link (to
  ``source/``, to a classmate's folder, to ``/etc``…) is refused, never followed; so are devices, pipes
  and sockets;
* **hidden** files and folders (``.ipython/``, ``.config/``, ``.jupyter/``…) and Python caches are left out;
* a folder that would **shadow an importable package** (``autograder/``, ``nbgrader/``, ``IPython/``…) is
  left out, with everything in it;
* only the **file types the course's widgets write** are kept (:data:`ALLOWED_SUFFIXES`: notebooks, JSON,
  CSV, iCalendar, SRT, PNG, JPEG, PDF, plain text); anything that could be imported or run at start-up
  (``*.py``, ``ipython_kernel_config.py``, ``jupyter_*_config.json``…) is left out;
* a file larger than :data:`MAX_FILE_BYTES` is left out.

Every file left out is listed (:class:`Refused`, with a French reason) so that the learner's feedback
names it. This module imports only the standard library: the sandbox launcher uses it.
"""

from __future__ import annotations

import fnmatch
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

# The file types the course's widgets and assignments write (one list for every assignment):
# notebooks, widget state files and answers (JSON), exports of the plan (CSV, iCalendar, PNG, PDF),
# visuals (PNG, JPEG), subtitles (SRT), plain text notes; the mock certification also hands in lesson 08's files
# (repetitions.json, jury_blanc.json, fiches_jury.json) and the evidence folder (preuves/preuves.json and its
# PNG or JPEG screenshots, autograder.evidence), read like any other file of these types.
ALLOWED_SUFFIXES = frozenset({".ipynb", ".json", ".csv", ".ics", ".srt", ".png", ".jpg", ".jpeg", ".pdf", ".txt"})
# Names read by Python, IPython or Jupyter at start-up, whatever their suffix.
STARTUP_NAMES = ("ipython_*config*", "jupyter_*config*", "ipython_config*", "*_config.json", "*_config.py",
                 "sitecustomize*", "usercustomize*", "*.pth")
SKIPPED_DIRS = ("__pycache__", ".ipynb_checkpoints")  # left out silently (tools' caches, not the learner's work)
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES = 500


@dataclass(frozen=True)
class Refused:
    """A file or folder of the submission that grading did not read, and why (French)."""

    path: str  # relative to the submission, with « / »
    reason: str

    def __str__(self) -> str:
        return f"« {self.path} » : {self.reason}"


@dataclass
class Intake:
    """What :func:`copy_submission` copied and what it left out."""

    copied: list[str] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)


def _importable_names() -> frozenset[str]:
    """Top-level names Python can import here (standard library and installed packages)."""
    names = set(sys.stdlib_module_names) | set(sys.builtin_module_names)
    for entry in sys.path:
        if not entry or not os.path.isdir(entry) or "site-packages" not in entry and "dist-packages" not in entry:
            continue
        try:
            for name in os.listdir(entry):
                stem = name.split(".", 1)[0]
                if stem.isidentifier():
                    names.add(stem)
        except OSError:
            continue
    names.update({"autograder", "coursetools", "IPython", "ipykernel", "nbgrader", "traitlets"})
    return frozenset(names)


_IMPORTABLE: frozenset[str] | None = None


def shadows_package(name: str) -> bool:
    """True when a folder called ``name`` in the working folder could be imported instead of a real module."""
    global _IMPORTABLE
    if not name.isidentifier():
        return False
    if _IMPORTABLE is None:
        _IMPORTABLE = _importable_names()
    return name in _IMPORTABLE


def refusal(rel: str, st: os.stat_result, *, is_dir: bool) -> str | None:
    """The French reason ``rel`` (with its ``lstat``) is left out, or None when it is kept."""
    name = rel.rsplit("/", 1)[-1]
    if stat.S_ISLNK(st.st_mode):
        return "lien symbolique (seuls les vrais fichiers de la copie sont lus)"
    if name.startswith("."):
        return "fichier ou dossier caché (jamais lu à la correction)"
    if is_dir:
        if not stat.S_ISDIR(st.st_mode):
            return "élément spécial (ni fichier ni dossier)"
        if shadows_package(name):
            return "dossier portant le nom d'un module Python (il pourrait remplacer le vrai module)"
        return None
    if not stat.S_ISREG(st.st_mode):
        return "élément spécial (ni fichier ordinaire ni dossier)"
    if any(fnmatch.fnmatch(name.lower(), pattern) for pattern in STARTUP_NAMES):
        return "fichier de configuration lu au démarrage de Python ou de Jupyter"
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in ALLOWED_SUFFIXES:
        return (f"type de fichier non accepté ({suffix or 'sans extension'}) ; acceptés : "
                + ", ".join(sorted(ALLOWED_SUFFIXES)))
    if st.st_size > MAX_FILE_BYTES:
        return f"fichier trop gros ({st.st_size // (1024 * 1024)} Mo, {MAX_FILE_BYTES // (1024 * 1024)} Mo au plus)"
    return None


def _ignored(rel: str, ignore: tuple[str, ...]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(name, pattern) for pattern in ignore)


def read_regular(path: str | os.PathLike, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, a regular file opened without following a symbolic link (``OSError`` else)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(f"{path} n'est pas un fichier ordinaire")
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise OSError(f"{path} dépasse {max_bytes} octets")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def scan(src: str | os.PathLike, *, ignore: tuple[str, ...] | list[str] = (), skip_notebooks: bool = False
         ) -> tuple[list[str], list[Refused]]:
    """The files of ``src`` grading may read (relative paths) and those it refuses; ``src`` itself must be
    a real folder. Nothing is followed: folders are listed with ``lstat`` on each entry."""
    ignore = tuple(ignore) + SKIPPED_DIRS
    keep: list[str] = []
    refused: list[Refused] = []
    root = os.fspath(src)
    todo = [""]
    while todo:
        rel_dir = todo.pop()
        try:
            entries = sorted(os.listdir(os.path.join(root, rel_dir)))
        except OSError as exc:
            refused.append(Refused(rel_dir or ".", f"dossier illisible ({exc.strerror or exc})"))
            continue
        for name in entries:
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if _ignored(rel, ignore):
                continue
            try:
                st = os.lstat(os.path.join(root, rel))
            except OSError:
                continue
            is_dir = stat.S_ISDIR(st.st_mode)
            why = refusal(rel, st, is_dir=is_dir)
            if why:
                refused.append(Refused(rel + ("/" if is_dir else ""), why))
            elif is_dir:
                todo.append(rel)
            elif skip_notebooks and name.endswith(".ipynb"):
                continue
            elif len(keep) >= MAX_FILES:
                refused.append(Refused(rel, f"trop de fichiers dans la copie ({MAX_FILES} au plus)"))
            else:
                keep.append(rel)
    return keep, refused


def copy_submission(src: str | os.PathLike, dest: str | os.PathLike, *, ignore: tuple[str, ...] | list[str] = (),
                    skip_notebooks: bool = False) -> Intake:
    """Copy the readable files of ``src`` into ``dest`` (created), as data; what was left out and why.

    ``src`` must be a real folder, not a symbolic link to one (:class:`NotADirectoryError` else).
    """
    st = os.lstat(src)
    if not stat.S_ISDIR(st.st_mode):
        raise NotADirectoryError(f"{src} n'est pas un dossier (lien symbolique ?)")
    keep, refused = scan(src, ignore=ignore, skip_notebooks=skip_notebooks)
    intake = Intake(refused=refused)
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for rel in keep:
        try:
            data = read_regular(os.path.join(src, rel))
        except OSError as exc:
            intake.refused.append(Refused(rel, f"illisible ({exc.strerror or exc})"))
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink() or target.exists():
            target.unlink()
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        intake.copied.append(rel)
    return intake


def refused_text(refused: list[Refused]) -> str:
    """A French paragraph naming the refused files (empty when none)."""
    if not refused:
        return ""
    return ("Fichiers de votre copie non pris en compte à la correction : "
            + " ; ".join(str(r) for r in refused) + ".")

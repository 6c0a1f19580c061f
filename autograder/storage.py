"""Files that hold widget state and artefacts: atomic writes, safe reads, nothing lost.

Autograding re-runs notebooks in a fresh kernel and replays no click, so every builder widget keeps
its state in a file next to the notebook. Writes go to a temporary file in the same folder and are
renamed over the target (atomic on POSIX): a crash never leaves a half-written file. A corrupt file is
never overwritten: it is kept aside under a ``.corrompu-…`` name and the learner is told.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import time
from pathlib import Path
from typing import Any


class StateFileError(ValueError):
    """A state file that cannot be read; the message is French and names the file."""


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temporary file in the same folder, fsync, rename)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return target


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def _reject_nan(obj: Any) -> Any:
    if isinstance(obj, float) and not math.isfinite(obj):
        raise StateFileError("Valeur non finie (NaN ou infini) refusée dans un fichier d'état.")
    if isinstance(obj, dict):
        for v in obj.values():
            _reject_nan(v)
    elif isinstance(obj, list | tuple):
        for v in obj:
            _reject_nan(v)
    return obj


def atomic_write_json(path: str | os.PathLike, data: Any) -> Path:
    """Write ``data`` as UTF-8 JSON (readable, accents kept), atomically."""
    _reject_nan(data)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, default=str)
    return atomic_write_text(path, text + "\n")


def read_json(path: str | os.PathLike, default: Any = None) -> Any:
    """Read a JSON file; ``default`` when it does not exist; :class:`StateFileError` when it is unreadable."""
    source = Path(path)
    if not source.exists():
        return default
    try:
        return json.loads(source.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise StateFileError(f"Le fichier « {source.name} » n'est pas un texte UTF-8 lisible ({exc.reason}).") from exc
    except json.JSONDecodeError as exc:
        raise StateFileError(
            f"Le fichier « {source.name} » n'est pas un JSON valide (ligne {exc.lineno}, colonne {exc.colno} : "
            f"{exc.msg})."
        ) from exc


def set_aside(path: str | os.PathLike) -> Path:
    """Rename an unreadable file to ``<name>.corrompu-<horodatage>`` so that it is kept, and return the new path."""
    source = Path(path)
    kept = source.with_name(f"{source.name}.corrompu-{time.strftime('%Y%m%d-%H%M%S')}")
    os.replace(source, kept)
    return kept


def load_state(path: str | os.PathLike, default: Any) -> tuple[Any, str | None]:
    """Load a widget's state file for a fresh start.

    Returns ``(state, message)``: the file's content (or ``default`` when there is none) and, when the file
    was unreadable, a French message saying where the damaged file was kept (the widget then starts from
    ``default`` and never overwrites the damaged file).
    """
    try:
        return read_json(path, default), None
    except StateFileError as exc:
        kept = set_aside(path)
        return default, f"{exc} Il a été mis de côté sous le nom « {kept.name} » et le travail repart d'un état vide."


class UnreadableWork(dict):
    """An empty piece of work standing for a work file that could not be read; checks report ``message``."""

    def __init__(self, message: str):
        super().__init__()
        self.message = message


def read_work_file(path: str | os.PathLike, default: Any = None) -> Any:
    """The content of a work file a widget saved, for a check: ``default`` when it does not exist yet, an
    :class:`UnreadableWork` whose French message says why when it is unreadable, or when the widget set it
    aside as unreadable (``<name>.corrompu-…``, see :func:`load_state`) and nothing replaced it."""
    source = Path(path)
    try:
        data = read_json(source, None)
    except StateFileError as exc:
        return UnreadableWork(str(exc))
    kept = sorted(source.parent.glob(f"{source.name}.corrompu-*")) if not source.exists() else []
    if kept:
        return UnreadableWork(f"le fichier « {source.name} » était illisible ; il a été mis de côté sous le nom "
                              f"« {kept[-1].name} ». Refaites le travail dans le widget.")
    return default if data is None else data


def find_nearest(name: str, start: str | os.PathLike | None = None, levels: int = 2) -> Path | None:
    """The nearest file ``name`` in ``start`` (default: the current folder) or up to ``levels`` parents, or None:
    lessons (``course/``), exercises and assignments (``release/<id>/``) find what was saved at the course root,
    while a file next to the notebook (it then travels with the submission) wins."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents[:levels]):
        if (folder / name).is_file():
            return folder / name
    return None

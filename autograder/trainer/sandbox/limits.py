"""The limits of grading, as documented settings a trainer can read and change (standard library only).

Each setting is an environment variable read **when it is used** (a grading run, a kernel start), never at
import, so that ``AUTOGRADER_SANDBOX_MEMORY_MB=4096 python -m autograder grade …`` applies to that run.
``python -m autograder limites`` prints the French table of :data:`SETTINGS` with the values in force.

Imported by the sandbox launcher, which runs once per grading kernel: nothing outside the standard library.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass


class LimitError(ValueError):
    """A setting given a value that is not a whole number in its range; the message is French."""


@dataclass(frozen=True)
class Setting:
    """One limit: its key in code, its environment variable, default, unit and French description."""

    key: str
    variable: str | None  # None: fixed, not changeable by the trainer
    default: int
    unit: str  # French, as printed in the table
    description: str  # French
    minimum: int = 1

    def value(self, environ: Mapping[str, str] | None = None) -> int:
        """The value in force (the environment variable when set, else the default)."""
        environ = os.environ if environ is None else environ
        text = environ.get(self.variable, "").strip() if self.variable else ""
        if not text:
            return self.default
        try:
            number = int(text)
        except ValueError:
            raise LimitError(f"{self.variable}={text!r} : un nombre entier est attendu ({self.unit}), "
                             f"par exemple {self.default}.") from None
        if number < self.minimum:
            raise LimitError(f"{self.variable}={number} : la valeur doit être au moins {self.minimum} ({self.unit}).")
        return number


SETTINGS: tuple[Setting, ...] = (
    Setting("memory_mb", "AUTOGRADER_SANDBOX_MEMORY_MB", 2048, "Mo",
            "Mémoire (espace d'adressage) d'un noyau de correction."),
    Setting("processes", "AUTOGRADER_SANDBOX_PROCESSES", 96, "processus",
            "Processus et fils d'exécution d'un noyau (isolement complet, en root, seulement)."),
    Setting("cpu_seconds", "AUTOGRADER_SANDBOX_CPU_SECONDS", 900, "s",
            "Temps de calcul d'un notebook entier."),
    Setting("file_mb", "AUTOGRADER_SANDBOX_FILE_MB", 64, "Mo", "Taille du plus gros fichier écrit par le code."),
    Setting("disk_mb", "AUTOGRADER_SANDBOX_DISK_MB", 256, "Mo",
            "Place de la copie privée de la soumission (isolement complet, en root, seulement)."),
    Setting("output_chars", "AUTOGRADER_SANDBOX_OUTPUT_CHARS", 200_000, "caractères",
            "Sortie gardée par cellule ; le reste est remplacé par une note."),
    Setting("cell_timeout", "NBGRADER_CELL_TIMEOUT", 60, "s",
            "Durée d'une cellule ; au-delà, elle est interrompue et ne rapporte aucun point."),
    Setting("open_files", None, 256, "fichiers", "Fichiers ouverts en même temps par un noyau (fixe)."),
)
BY_KEY = {s.key: s for s in SETTINGS}
SWITCHES = (
    ("AUTOGRADER_SANDBOX", "1", "« 0 » corrige sans bac à sable (mise au point seulement)."),
    ("AUTOGRADER_SANDBOX_PARTIAL", "0", "« 1 » impose le bac à sable partiel, comme sans root (tests)."),
)


def value(key: str, environ: Mapping[str, str] | None = None) -> int:
    """The value in force of the setting ``key`` (``value("memory_mb")`` → 2048)."""
    return BY_KEY[key].value(environ)


def current(environ: Mapping[str, str] | None = None) -> dict[str, int]:
    """Every setting's value in force, by key; a French :class:`LimitError` for a malformed one."""
    return {s.key: s.value(environ) for s in SETTINGS}


class Limits(Mapping):
    """A read-only view of the settings in force, read from the environment at each access."""

    def __getitem__(self, key: str) -> int:
        return value(key)

    def __iter__(self) -> Iterator[str]:
        return iter(BY_KEY)

    def __len__(self) -> int:
        return len(BY_KEY)


def _number(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")  # French thousands (narrow no-break space), as autograder.numbers


def table(environ: Mapping[str, str] | None = None) -> str:
    """The French (Markdown) table of the settings: variable, default, value in force, unit, meaning."""
    rows = ["| variable d'environnement | défaut | valeur actuelle | unité | ce qu'elle limite |",
            "| --- | ---: | ---: | --- | --- |"]
    for s in SETTINGS:
        try:
            now = _number(s.value(environ))
        except LimitError:
            now = "invalide"
        name = f"`{s.variable}`" if s.variable else "(fixe)"
        rows.append(f"| {name} | {_number(s.default)} | {now} | {s.unit} | {s.description} |")
    for variable, default, meaning in SWITCHES:
        now = (os.environ if environ is None else environ).get(variable, default) or default
        rows.append(f"| `{variable}` | {default} | {now} | | {meaning} |")
    return "\n".join(rows)

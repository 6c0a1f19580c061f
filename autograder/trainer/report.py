"""Results in the référentiel's terms: the evaluation grid per learner and the cohort CSV.

**Statuses.** For each of the 24 criteria, the points a learner earned in every graded cell that scores
that criterion (all assignments together) are compared with the points possible:

- « acquis » — at least 80 % of the points (:data:`ACQUIS_MIN`);
- « en cours » — at least 40 % and less than 80 % (:data:`EN_COURS_MIN`);
- « non acquis » — less than 40 %;
- « pas encore évalué » — no graded evidence at all (assignment not handed in).

The rule and its thresholds are :mod:`autograder.status`, shared with the result cards, the feedback and
the dashboard. Manually graded answers that the trainer has not graded yet count neither in the points
nor in the points possible; the evidence says they are pending.

**Evidence.** For each criterion: the cells (assignment, notebook, grade_id, points), what failed (the
« À revoir » lines of the check cards, the error of a test cell) and the trainer's comments.

**Real page and mock jury.** Next to each criterion, the grid also shows the evidence the learner recorded on
their real page (:func:`autograder.evidence.load_evidence`, the ``preuves/`` folder) and the observation of the
mock jury (``jury_blanc.json``, :mod:`autograder.mock_jury`), both read from the submission of the mock
certification (:data:`MOCK_JURY_ASSIGNMENT`). The mock jury is an observation: it adds no points.

The feedback preprocessors are in :mod:`autograder.trainer.feedback`.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from autograder import referentiel
from autograder.mock_jury import MockJury, load_mock_jury
from autograder.numbers import fmt_points as _fmt
from autograder.status import (  # noqa: F401  (re-exported for the dashboard, the dossier and the tests)
    ACQUIS,
    ACQUIS_MIN,
    EN_COURS,
    EN_COURS_MIN,
    NON_ACQUIS,
    NON_EVALUE,
    STATUSES,
    competency_status,
    status_for,
    thresholds_text,
)
from autograder.trainer.redaction import hidden_lines, redact

REPORT_DIR = Path("reports") / "grilles"
_TAG = re.compile(r"<[^>]+>")


# ------------------------------------------------------------------------------------------------------
# Evaluation grid


@dataclass
class Evidence:
    assignment: str
    notebook: str
    grade_id: str
    score: float | None
    max_score: float
    auto: bool
    missing: list[str] = field(default_factory=list)  # French « À revoir » lines and errors
    comment: str = ""

    @property
    def label(self) -> str:
        kind = "vérification automatique" if self.auto else "réponse argumentée (correction manuelle)"
        return f"{self.assignment} › {self.grade_id} ({kind})"


@dataclass
class CriterionGrade:
    criterion: str
    points: float = 0.0
    possible: float = 0.0
    pending: int = 0
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def status(self) -> str:
        return status_for(self.points, self.possible)


@dataclass
class LearnerGrid:
    student: str
    criteria: dict[str, CriterionGrade]
    #: the mock-jury grid handed in with the mock certification (:mod:`autograder.mock_jury`), if any
    mock_jury: MockJury | None = None
    #: the evidence recorded on the learner's real page, per criterion (see :func:`learner_evidence`)
    records: dict[str, list[str]] | None = None

    def competency(self, cid: str) -> str:
        return competency_status([self.criteria[c.id].status for c in referentiel.competency(cid).criteria])

    @property
    def points(self) -> float:
        return round(sum(c.points for c in self.criteria.values()), 4)

    @property
    def possible(self) -> float:
        return round(sum(c.possible for c in self.criteria.values()), 4)


def _output_findings(cell) -> list[str]:
    """The « À revoir » lines of the check cards and the errors shown by an executed test cell."""
    found: list[str] = []
    secrets = hidden_lines(cell.get("source", ""))
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            evalue = redact(str(out.get("evalue", "")), secrets) if secrets else str(out.get("evalue", ""))
            found.append(f"Erreur {out.get('ename', '')} : {evalue}"[:300])
        page = out.get("data", {}).get("text/html") if "data" in out else None
        if page:
            page = page if isinstance(page, str) else "".join(page)
            for item in re.findall(r"<li[^>]*>(.*?)</li>", page, flags=re.S):
                text = html.unescape(_TAG.sub("", item)).strip()
                if text.startswith("✘"):
                    found.append(text.lstrip("✘ ").replace("À revoir :", "").strip())
    return found


def _autograded_cells(root: Path, student: str, assignment: str, notebook: str) -> dict[str, dict]:
    import nbformat

    from autograder.trainer.course import course_folder

    path = course_folder(root).autograded(student, assignment, f"{notebook}.ipynb")
    if not path.is_file():
        return {}
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception:
        return {}
    return {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade_id")}


def build_grids(root: str | os.PathLike, url: str | None = None, assignments: list[str] | None = None,
                students: list[str] | None = None) -> dict[str, LearnerGrid]:
    """The evaluation grid of every learner in the gradebook (or of ``students``)."""
    from nbgrader.api import Gradebook

    from autograder.trainer.course import cell_scores, db_url

    root = Path(root)
    url = url or db_url(root)
    rows = [r for r in cell_scores(root, url=url) if r.criterion
            and (assignments is None or r.assignment in assignments)]
    comments: dict[tuple[str, str, str, str], str] = {}
    with Gradebook(url) as gb:
        learners = sorted(s.id for s in gb.students)
        for a in gb.assignments:
            for sub in a.submissions:
                for nb in sub.notebooks:
                    for c in nb.comments:
                        text = c.manual_comment or ""
                        if text.strip():
                            comments[(sub.student.id, a.name, nb.name, c.name)] = text.strip()
    if students is not None:
        learners = [s for s in learners if s in students]
    grids = {s: LearnerGrid(s, {c.id: CriterionGrade(c.id) for c in referentiel.CRITERIA}) for s in learners}
    cells_cache: dict[tuple[str, str, str], dict] = {}
    for r in rows:
        if r.student not in grids:
            continue
        key = (r.student, r.assignment, r.notebook)
        if key not in cells_cache:
            cells_cache[key] = _autograded_cells(root, *key)
        cell = cells_cache[key].get(r.grade_id)
        missing = _output_findings(cell) if (cell is not None and r.auto) else []
        if r.score is not None and r.score < r.max_score and not missing and r.auto:
            missing = ["Vérification non réussie (voir le retour de la cellule)."]
        ev = Evidence(r.assignment, r.notebook, r.grade_id, r.score, r.max_score, r.auto, missing,
                      comments.get((r.student, r.assignment, r.notebook, r.grade_id), ""))
        grade = grids[r.student].criteria[r.criterion]
        grade.evidence.append(ev)
        if r.score is None:
            grade.pending += 1
        else:
            grade.points = round(grade.points + r.score, 4)
            grade.possible = round(grade.possible + r.max_score, 4)
    from autograder.trainer.course import course_folder

    course = course_folder(root)
    for student, grid in grids.items():
        handed_in = course.submitted(student, MOCK_JURY_ASSIGNMENT)
        grid.mock_jury = load_mock_jury(handed_in)
        grid.records = learner_evidence(handed_in)
    return grids


#: The assignment whose submission carries the mock-jury grid and the evidence records (handed in with it).
MOCK_JURY_ASSIGNMENT = "certification"


def learner_evidence(folder: Path) -> dict[str, list[str]] | None:
    """The evidence a learner recorded on their real page (:func:`autograder.evidence.load_evidence`, the
    ``preuves/`` folder handed in with the mock certification), per criterion, as French lines: each piece of
    evidence, then what the jury will still want to see. ``None`` when nothing was handed in."""
    from autograder.evidence import by_criterion, missing_evidence, read_evidence

    if not folder.is_dir():
        return None
    found = read_evidence(folder)
    grouped = by_criterion(found.entries)
    lines = {cid: [e.summary() for e in entries] for cid, entries in grouped.items()}
    for cid, needs in missing_evidence(found.entries).items():
        lines.setdefault(cid, []).extend(f"Manque : {need}" for need in needs)
    if found.problems:
        lines["problèmes"] = list(found.problems)
    return lines


def _records_html(grid: LearnerGrid, cid: str) -> str:
    if grid.records is None:
        return "<p>Aucune copie de certification rendue.</p>"
    items = grid.records.get(cid) or []
    if not items:
        return "<p>Aucune preuve enregistrée.</p>"
    return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"


def _mock_jury_html(grid: LearnerGrid, cid: str) -> str:
    if grid.mock_jury is None or grid.mock_jury.problem:
        return "<p>–</p>"
    return f"<p>{html.escape(grid.mock_jury.line(cid) or 'non observé')}</p>"


def mock_jury_text(grid: LearnerGrid) -> str:
    """One French sentence on the learner's mock-jury grid."""
    if grid.mock_jury is None:
        return (f"Jury blanc : aucune grille rendue (fichier « jury_blanc.json » de la leçon 08, rendu avec "
                f"l'évaluation {MOCK_JURY_ASSIGNMENT}).")
    return grid.mock_jury.problem or grid.mock_jury.header()


_STATUS_STYLE = {ACQUIS: ("#0b6b3a", "✔"), EN_COURS: ("#7a4b00", "◐"), NON_ACQUIS: ("#a4161a", "✘"),
                 NON_EVALUE: ("#1a1a1a", "–")}


def _status_badge(status: str) -> str:
    colour, mark = _STATUS_STYLE.get(status, ("#1a1a1a", "?"))
    return f'<span class="statut" style="color:{colour};font-weight:bold"><span aria-hidden="true">{mark}</span> {status}</span>'


def _evidence_html(grade: CriterionGrade) -> str:
    if not grade.evidence:
        return "<p>Aucune preuve : aucune cellule notée de ce critère n'a été rendue.</p>"
    items = []
    for ev in grade.evidence:
        score = "en attente de correction" if ev.score is None else f"{_fmt(ev.score)} / {_fmt(ev.max_score)}"
        detail = "".join(f"<li>À revoir : {html.escape(m)}</li>" for m in ev.missing)
        if ev.comment:
            detail += f"<li>Commentaire du formateur : {html.escape(ev.comment)}</li>"
        items.append(f"<li>{html.escape(ev.label)} — {score}" + (f"<ul>{detail}</ul>" if detail else "") + "</li>")
    return "<ul>" + "".join(items) + "</ul>"


PAGE_CSS = """
body{font-family:sans-serif;color:#1a1a1a;background:#ffffff;max-width:1100px;margin:1em auto;padding:0 1em;line-height:1.4}
table{border-collapse:collapse;width:100%;margin:1em 0}
th,td{border:1px solid #767676;padding:4px 8px;vertical-align:top;text-align:left}
caption{text-align:left;font-weight:bold;margin-bottom:.3em}
@media print{a{color:#1a1a1a}}
"""


def grid_html(grid: LearnerGrid, title: str | None = None) -> str:
    """The evaluation grid of one learner as a standalone HTML page (French)."""
    parts = [
        "<!DOCTYPE html>", '<html lang="fr"><head><meta charset="utf-8">',
        f"<title>{html.escape(title or 'Grille d’évaluation — ' + grid.student)}</title>",
        f"<style>{PAGE_CSS}</style></head><body><main>",  # one main landmark holds the whole page
        f"<h1>Grille d’évaluation — {html.escape(grid.student)}</h1>",
        f"<p>Certification « {html.escape(referentiel.TITLE)} ». Total des points notés : "
        f"{_fmt(grid.points)} / {_fmt(grid.possible)}.</p>",
        f"<p>Seuils ({html.escape(thresholds_text())}). Les réponses argumentées pas encore corrigées ne "
        "comptent pas.</p>",
        f"<p>{html.escape(mock_jury_text(grid))} Le jury blanc est une observation : il ne compte pas dans les "
        "points.</p>",
        "<table><caption>Statut par compétence</caption><thead><tr><th scope='col'>Compétence</th>"
        "<th scope='col'>Intitulé</th><th scope='col'>Statut</th></tr></thead><tbody>",
    ]
    for comp in referentiel.COMPETENCIES:
        parts.append(f"<tr><th scope='row'>{comp.id}</th><td>{html.escape(comp.short)}</td>"
                     f"<td>{_status_badge(grid.competency(comp.id))}</td></tr>")
    parts.append("</tbody></table>")
    for comp in referentiel.COMPETENCIES:
        parts.append(f"<h2>{comp.id} — {html.escape(comp.short)}</h2>"
                     f"<p><em>{html.escape(comp.lead)}</em></p>"
                     "<table><thead><tr><th scope='col'>Critère</th><th scope='col'>Référentiel</th>"
                     "<th scope='col'>Points</th><th scope='col'>Statut</th><th scope='col'>Preuves</th>"
                     "<th scope='col'>Preuves sur la vraie page</th><th scope='col'>Jury blanc</th></tr></thead><tbody>")
        for crit in comp.criteria:
            g = grid.criteria[crit.id]
            pending = f" ({g.pending} en attente)" if g.pending else ""
            parts.append(f"<tr><th scope='row'>{crit.id}</th><td>{html.escape(crit.text)}</td>"
                         f"<td>{_fmt(g.points)} / {_fmt(g.possible)}{pending}</td><td>{_status_badge(g.status)}</td>"
                         f"<td>{_evidence_html(g)}</td><td>{_records_html(grid, crit.id)}</td>"
                         f"<td>{_mock_jury_html(grid, crit.id)}</td></tr>")
        parts.append("</tbody></table>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


def cohort_csv(grids: dict[str, LearnerGrid]) -> str:
    """One row per learner, one column per criterion and per competency (statuses), then the points.

    Semicolon-separated with decimal commas, as French spreadsheets expect.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    crits = [c.id for c in referentiel.CRITERIA]
    comps = [c.id for c in referentiel.COMPETENCIES]
    writer.writerow(["apprenant", *crits, *comps, "points", "points possibles"])
    for student, grid in sorted(grids.items()):
        writer.writerow([student, *(grid.criteria[c].status for c in crits), *(grid.competency(c) for c in comps),
                         _fmt(grid.points), _fmt(grid.possible)])
    return buffer.getvalue()


def write_reports(root: str | os.PathLike, out_dir: str | os.PathLike | None = None, url: str | None = None,
                  students: list[str] | None = None) -> list[Path]:
    """Write ``<out>/<apprenant>.html`` for each learner and ``<out>/cohorte.csv``; returns the paths."""
    from autograder.storage import atomic_write_bytes, atomic_write_text

    root = Path(root)
    out = Path(out_dir) if out_dir else root / REPORT_DIR
    out.mkdir(parents=True, exist_ok=True)
    grids = build_grids(root, url=url, students=students)
    written = []
    for student, grid in grids.items():
        path = out / f"{student}.html"
        atomic_write_text(path, grid_html(grid))
        written.append(path)
    path = out / "cohorte.csv"
    atomic_write_bytes(path, cohort_csv(grids).encode("utf-8-sig"))  # the BOM lets spreadsheets see UTF-8
    written.append(path)
    return written

"""The jury dossier of one candidate: slides that follow the 30-minute presentation, a printable page,
and the jury grid of the 24 criteria pre-filled with the automated evidence.

``python -m autograder dossier <apprenant>`` writes into ``reports/dossiers/<apprenant>/``:

- ``presentation.ipynb`` and ``presentation.slides.html``: a reveal.js deck made by nbconvert's
  ``SlidesExporter`` (one slide per part of the presentation, the timing in the speaker notes);
- ``dossier.html``: the printable dossier (timing plan, the 7 elements the jury expects with the
  candidate's evidence, and the jury grid with empty columns for the jury's marks and remarks); print it
  to PDF from the browser, or ``--pdf`` prints it with Debian's Chromium when it is installed.

The timing plan (:data:`autograder.presentation.TIMING_PLAN`, a domain module lesson 08 imports too) covers the référentiel's 30 minutes (« Durée de la présentation
30min ») in the order of the 7 elements of the modalité; the jury's questions come after.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from pathlib import Path

from autograder import referentiel
from autograder.presentation import schedule
from autograder.trainer.report import (
    ACQUIS,
    EN_COURS,
    PAGE_CSS,
    LearnerGrid,
    _fmt,
    _status_badge,
    build_grids,
)

DOSSIER_DIR = Path("reports") / "dossiers"


def _criteria_lines(grid: LearnerGrid | None, comp_id: str) -> list[str]:
    lines = []
    for crit in referentiel.competency(comp_id).criteria:
        if grid is None:
            lines.append(f"{crit.id} — {crit.text}")
            continue
        g = grid.criteria[crit.id]
        line = f"{crit.id} — {g.status} ({_fmt(g.points)} / {_fmt(g.possible)})"
        todo = [m for ev in g.evidence for m in ev.missing][:2]
        if todo and g.status != ACQUIS:
            line += " — à préparer : " + " ; ".join(todo)
        lines.append(line)
    return lines


def slides_notebook(student: str, grid: LearnerGrid | None, company_name: str):
    """The presentation as a notebook whose cells carry reveal.js slide metadata."""
    from nbformat.v4 import new_markdown_cell, new_notebook

    def slide(text: str, kind: str = "slide"):
        return new_markdown_cell(text, metadata={"slideshow": {"slide_type": kind}})

    cells = [slide(f"# {referentiel.TITLE}\n\n## Mise en situation — {html.escape(student)}\n\n"
                   f"Entreprise : **{company_name}**\n\n{referentiel.DUREE_PRESENTATION.replace('30min', '30 min')}"
                   f" ; ensuite, les questions du jury."),
             slide("## Déroulé (30 minutes)\n\n| Début | Fin | Partie |\n|---|---|---|\n" + "\n".join(
                 f"| {a} | {b} | {p.title} |" for a, b, p in schedule()))]
    for start, end, part in schedule():
        text = f"## {part.title}\n\n*{start} → {end} ({part.minutes} min)*\n\n"
        if part.element is not None:
            text += f"> {referentiel.JURY_ELEMENTS[part.element].rstrip(',;')}\n\n"
        for comp in part.competencies:
            text += "\n".join(f"- {line}" for line in _criteria_lines(grid, comp)) + "\n"
        cells.append(slide(text))
        cells.append(slide(f"Minutage : {part.minutes} min (de {start} à {end}). {part.advice}", "notes"))
    cells.append(slide("## Questions du jury\n\n" + referentiel.QUESTIONS_JURY + "."))
    return new_notebook(cells=cells, metadata={"language_info": {"name": "python"}})


def jury_grid_html(grid: LearnerGrid | None) -> str:
    """The 24-criterion jury grid: automated status and evidence, empty columns for the jury."""
    rows = []
    for comp in referentiel.COMPETENCIES:
        rows.append(f"<tr><th scope='rowgroup' colspan='5' style='background:#f0f0f0'>{comp.id} — "
                    f"{html.escape(comp.short)}</th></tr>")
        for crit in comp.criteria:
            if grid is None:
                auto, evidence = "non évalué", ""
            else:
                g = grid.criteria[crit.id]
                auto = f"{_status_badge(g.status)}<br>{_fmt(g.points)} / {_fmt(g.possible)}"
                items = [f"{html.escape(ev.label)} : "
                         f"{'en attente' if ev.score is None else _fmt(ev.score) + ' / ' + _fmt(ev.max_score)}"
                         for ev in g.evidence]
                items += [f"À revoir : {html.escape(m)}" for ev in g.evidence for m in ev.missing][:4]
                evidence = "<br>".join(items) or "aucune preuve automatique"
            rows.append(f"<tr><th scope='row'>{crit.id}</th><td>{html.escape(crit.text)}</td><td>{auto}</td>"
                        f"<td style='font-size:90%'>{evidence}</td>"
                        "<td class='jury'>☐ acquis<br>☐ non acquis<br><span class='ligne'></span></td></tr>")
    return ("<table><caption>Grille du jury — 24 critères (évaluation automatique pré-remplie, décision du jury "
            "à cocher)</caption><thead><tr><th scope='col'>Critère</th><th scope='col'>Référentiel</th>"
            "<th scope='col'>Évaluation automatique</th><th scope='col'>Preuves</th>"
            "<th scope='col'>Décision et observations du jury</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def dossier_html(student: str, grid: LearnerGrid | None, company_name: str) -> str:
    plan = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{p.minutes} min</td><td>{html.escape(p.title)}</td>"
                   f"<td>{html.escape(p.advice)}</td></tr>" for a, b, p in schedule())
    elements = "".join(f"<li>{html.escape(e.rstrip(',;'))}</li>" for e in referentiel.JURY_ELEMENTS)
    if grid is not None:
        comps = " ; ".join(f"{c.id} {grid.competency(c.id)}" for c in referentiel.COMPETENCIES)
        ready = sum(grid.criteria[c.id].status in (ACQUIS, EN_COURS) for c in referentiel.CRITERIA)
        status = (f"<p>Évaluation automatique : {comps}. {ready} critère(s) sur 24 acquis ou en cours ; "
                  f"{_fmt(grid.points)} / {_fmt(grid.possible)} points notés.</p>")
    else:
        status = "<p>Aucune copie corrigée pour ce candidat : la grille du jury est vierge.</p>"
    return "\n".join([
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">',
        f"<title>Dossier du jury — {html.escape(student)}</title>",
        f"<style>{PAGE_CSS}.jury{{min-width:12em}}.ligne{{display:block;border-bottom:1px solid #767676;height:2.5em}}"
        "@media print{section{page-break-inside:avoid}h2{page-break-before:always}}</style></head><body>",
        f"<h1>Dossier du jury — {html.escape(student)}</h1>",
        f"<p>Certification « {html.escape(referentiel.TITLE)} » ({html.escape(referentiel.CERTIFIER)}). "
        f"Entreprise présentée : <strong>{html.escape(company_name)}</strong>.</p>",
        f"<p>{html.escape(referentiel.MODALITE)}</p><ol>{elements}</ol>",
        f"<p>{html.escape(referentiel.DUREE_PRESENTATION.replace('30min', '30 min'))}. "
        f"{html.escape(referentiel.QUESTIONS_JURY)}.</p>",
        status,
        "<h2>Minutage de la présentation</h2><table><thead><tr><th scope='col'>Début</th><th scope='col'>Fin</th>"
        "<th scope='col'>Durée</th><th scope='col'>Partie</th><th scope='col'>À montrer</th></tr></thead>"
        f"<tbody>{plan}</tbody></table>",
        "<h2>Grille du jury</h2>", jury_grid_html(grid),
        "<p>Signature des membres du jury :</p><p class='ligne'></p></body></html>",
    ])


def _company_name(root: Path, student: str) -> str:
    from autograder.company import CASE_COMPANY, PROFILE_FILE, load_company
    from autograder.trainer.course import course_folder

    submitted = course_folder(root).folders("submitted", student=student).values()
    for path in sorted(p / PROFILE_FILE for p in submitted if (p / PROFILE_FILE).is_file()):
        try:
            return load_company(path).name
        except Exception:  # an unreadable profile: the case company is named instead
            continue
    return CASE_COMPANY.name


def build_dossier(root: str | os.PathLike, student: str, out_dir: str | os.PathLike | None = None,
                  url: str | None = None, pdf: bool = False) -> list[Path]:
    """Write the slides, the printable dossier (and its PDF with ``pdf``) of ``student``; returns the paths."""
    import nbformat
    from nbconvert import SlidesExporter

    from autograder.storage import atomic_write_text
    from autograder.trainer.course import CourseError, course_folder

    root = Path(root)
    grids = build_grids(root, url=url)
    if student not in grids and not course_folder(root).folders("submitted", student=student):
        known = ", ".join(sorted(grids)) or "aucun"
        raise CourseError(f"Apprenant inconnu : « {student} ». Apprenants du carnet de notes : {known}.")
    grid = grids.get(student)
    company = _company_name(root, student)
    out = Path(out_dir) if out_dir else root / DOSSIER_DIR / student
    out.mkdir(parents=True, exist_ok=True)
    nb = slides_notebook(student, grid, company)
    notebook_path = out / "presentation.ipynb"
    atomic_write_text(notebook_path, nbformat.writes(nb))
    body, _ = SlidesExporter().from_notebook_node(nb)
    slides_path = out / "presentation.slides.html"
    atomic_write_text(slides_path, body)
    dossier_path = out / "dossier.html"
    atomic_write_text(dossier_path, dossier_html(student, grid, company))
    written = [notebook_path, slides_path, dossier_path]
    if pdf:
        written.append(print_pdf(dossier_path))
    return written


def print_pdf(page: Path) -> Path:
    """Print ``page`` to PDF with Debian's Chromium (headless); a French error when it is missing."""
    from autograder.trainer.course import CourseError

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        raise CourseError("Chromium est introuvable : installez-le (make system-deps) ou imprimez dossier.html en "
                          "PDF depuis votre navigateur.")
    target = page.with_suffix(".pdf")
    args = [browser, "--headless", "--disable-gpu", "--no-sandbox", f"--print-to-pdf={target}",
            "--no-pdf-header-footer", page.resolve().as_uri()]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0 or not target.is_file():
        raise CourseError(f"L'impression PDF a échoué : {proc.stderr.strip()[-300:]}")
    return target

"""The jury dossier of one candidate: slides that follow the 30-minute presentation, a printable page,
and the jury grid of the 24 criteria pre-filled with the automated results, the evidence and the mock jury.

``python -m autograder dossier <apprenant>`` writes into ``reports/dossiers/<apprenant>/``:

- ``presentation.slides.html``: a reveal.js deck that works offline (opened from ``file://`` with no network):
  reveal.js (installed from npm, ``node_modules/reveal.js``, pinned by ``package-lock.json``) is copied into
  ``reveal.js/`` next to it and the evidence screenshots into ``images/``. One slide per part of the
  presentation, then for each live step a « plan B » slide with the screenshots of the learner's evidence,
  speaker notes on every slide (timing, what to show, what to say if the live demonstration fails);
- ``presentation.ipynb``: the same slides as a notebook (slide metadata), for the trainer to edit;
- ``dossier.html``: the printable dossier (timing plan, the 7 elements the jury expects, the learner's evidence
  and rehearsals, and the jury grid with empty columns for the jury's marks and remarks); print it to PDF from the
  browser, or ``--pdf`` prints it with Debian's Chromium when it is installed.

What the learner handed in with the mock certification (the submitted ``certification`` folder,
:data:`autograder.trainer.report.MOCK_JURY_ASSIGNMENT`) feeds it: the evidence records (``preuves/``,
:func:`autograder.evidence.load_evidence`), the artefacts of the modules (page, visuals, plan, publication,
exchange, campaign, scheduling), the rehearsal log (``repetitions.json``), the mock-jury grid
(``jury_blanc.json``) and the flash cards' self-ratings (``fiches_jury.json``: the criteria to work on). The timing plan is :data:`autograder.presentation.TIMING_PLAN`.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

from autograder import jury_questions as jq
from autograder import referentiel
from autograder.presentation import schedule
from autograder.trainer.report import (
    ACQUIS,
    EN_COURS,
    MOCK_JURY_ASSIGNMENT,
    PAGE_CSS,
    LearnerGrid,
    _fmt,
    _status_badge,
    build_grids,
)

DOSSIER_DIR = Path("reports") / "dossiers"
#: The reveal.js files the slides need, copied from ``node_modules/reveal.js`` (source → name next to the slides).
REVEAL_FILES = {"dist/reveal.css": "reveal.css", "dist/reveal.js": "reveal.js", "dist/theme/white.css": "white.css",
                "dist/plugin/notes.js": "notes.js", "LICENSE": "LICENSE"}
REVEAL_FOLDER = "reveal.js"
IMAGES_FOLDER = "images"
#: The artefacts of the modules, by competency: the files the mock certification gathers.
ARTEFACTS = {
    "C1": (("choix_reseaux.json", "le choix du réseau"), ("page_pro.json", "la page professionnelle")),
    "C2": (("mes_visuels", "les visuels"),),
    "C3": (("plan_editorial.json", "le planning des 3 mois"),),
    "C4": (("publication.json", "la publication"),),
    "C5": (("planification_c5.json", "la programmation dans Meta Business Suite"),),
    "C6": (("moderation.json", "la modération"), ("animation.json", "le plan d'animation")),
    "C7": (("campagne.json", "la campagne sponsorisée"),),
}


@dataclass
class HandedIn:
    """What the learner handed in with the mock certification, for the dossier."""

    folder: Path | None = None
    evidence: list = field(default_factory=list)  # autograder.evidence.Evidence, sorted by criterion
    problems: list[str] = field(default_factory=list)
    rehearsals: list[dict] = field(default_factory=list)
    mock_jury: object | None = None  # autograder.mock_jury.MockJury
    ratings: dict | None = None  # the flash cards' self-ratings (fiches_jury.json), by question id

    def evidence_for(self, competencies) -> list:
        return [e for e in self.evidence if e.criterion.split(".")[0] in competencies]

    def artefacts(self, competencies) -> list[str]:
        lines = []
        for comp in competencies:
            for name, label in ARTEFACTS.get(comp, ()):
                path = self.folder / name if self.folder else None
                label = label[0].upper() + label[1:]
                if path is not None and path.is_dir():
                    count = sum(1 for p in path.iterdir() if p.suffix.lower() in (".png", ".jpg", ".jpeg"))
                    lines.append(f"{label} : {count} image(s) dans « {name}/ ».")
                elif path is not None and path.is_file():
                    lines.append(f"{label} : fichier « {name} » rendu.")
                else:
                    lines.append(f"{label} : « {name} » absent de la copie.")
        return lines


def read_handed_in(folder: Path | None) -> HandedIn:
    """The evidence, rehearsals and mock-jury grid in ``folder`` (never raises for a learner's file)."""
    from autograder.evidence import read_evidence
    from autograder.mock_jury import load_mock_jury
    from autograder.rehearsal import REHEARSAL_FILE, validate_log
    from autograder.storage import UnreadableWork, read_work_file

    if folder is None or not folder.is_dir():
        return HandedIn()
    found = read_evidence(folder)
    handed = HandedIn(folder, list(found.entries), list(found.problems), mock_jury=load_mock_jury(folder))
    cards = read_work_file(folder / jq.RATINGS_FILE, None)
    if isinstance(cards, UnreadableWork):
        handed.problems.append(f"Fiches des questions du jury : {cards.message}")
    elif cards is not None:
        try:
            handed.ratings = jq.validate_ratings(cards)["ratings"]
        except ValueError as exc:
            handed.problems.append(f"Fiches des questions du jury inutilisables : {exc}.")
    log = read_work_file(folder / REHEARSAL_FILE, None)
    if isinstance(log, UnreadableWork):
        handed.problems.append(f"Journal des répétitions : {log.message}")
    elif log is not None:
        try:
            handed.rehearsals = validate_log(log)["rehearsals"]
        except ValueError as exc:
            handed.problems.append(f"Journal des répétitions inutilisable : {exc}.")
    return handed


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
            line += " — à préparer : " + " ; ".join(todo)
        lines.append(line)
    return lines


# -- slides -------------------------------------------------------------------------------------------------------
@dataclass
class Slide:
    """One slide: a title, paragraphs and bullet lines (plain text), images ``(relative path, alt)`` with their
    captions (what, when: the alt text already says what the image shows, a screen reader reads it once),
    speaker notes."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)
    notes: str = ""
    level: int = 2
    captions: list[str] = field(default_factory=list)  # one per image (none: no caption)

    def markdown(self) -> str:
        parts = [f"{'#' * self.level} {self.title}", *self.paragraphs]
        if self.bullets:
            parts.append("\n".join(f"- {b}" for b in self.bullets))
        parts += [f"![{alt}]({src})" for src, alt in self.images]
        return "\n\n".join(parts)

    def html(self) -> str:
        out = [f"<h{self.level}>{html.escape(self.title)}</h{self.level}>"]
        out += [f"<p>{html.escape(p)}</p>" for p in self.paragraphs]
        if self.bullets:
            out.append("<ul>" + "".join(f"<li>{html.escape(b)}</li>" for b in self.bullets) + "</ul>")
        if self.images:
            out.append('<div class="captures">' + "".join(
                _figure(src, alt, caption)
                for (src, alt), caption in zip_longest(self.images, self.captions[:len(self.images)], fillvalue="")
            ) + "</div>")
        if self.notes:
            out.append(f'<aside class="notes">{html.escape(self.notes)}</aside>')
        return "<section>" + "".join(out) + "</section>"


def _figure(src: str, alt: str, caption: str = "") -> str:
    """A screenshot: its alt text says what it shows, its caption (if any) where it comes from (never the alt
    text again)."""
    text = f"<figcaption>{html.escape(caption)}</figcaption>" if caption and caption != alt else ""
    return f'<figure><img src="{html.escape(src)}" alt="{html.escape(alt)}">{text}</figure>'


def _image_name(entry) -> str:
    return f"{entry.id}{entry.path.suffix.lower()}"


def build_slides(student: str, grid: LearnerGrid | None, company_name: str,
                 handed: HandedIn | None = None) -> list[Slide]:
    """The slides of the presentation: title, timing, one slide per part, a plan B slide per live step, questions."""
    handed = handed or HandedIn()
    duree = referentiel.DUREE_PRESENTATION.replace("30min", "30 min")
    slides = [Slide(referentiel.TITLE, [f"Mise en situation — {student}", f"Entreprise : {company_name}",
                                        f"{duree} ; ensuite, les questions du jury."], level=1,
                    notes="Présentez-vous et l'entreprise en une phrase ; annoncez le déroulé des 30 minutes.")]
    timing = [f"{a} → {b} : {p.title} ({p.minutes} min)" for a, b, p in schedule()]
    notes = "Déroulé à annoncer au jury."
    if handed.rehearsals:
        from autograder.rehearsal import record_line

        notes += " Dernière répétition chronométrée : " + record_line(handed.rehearsals[-1])
    slides.append(Slide("Déroulé (30 minutes)", bullets=timing, notes=notes))
    for start, end, part in schedule():
        bullets = []
        for comp in part.competencies:
            bullets += _criteria_lines(grid, comp)
        bullets += handed.artefacts(part.competencies)
        shown = handed.evidence_for(part.competencies)
        bullets += [f"Preuve : {e.summary()}" for e in shown[:6]]
        paragraphs = [f"{start} → {end} ({part.minutes} min)"]
        if part.element is not None:
            paragraphs.append(f"« {referentiel.JURY_ELEMENTS[part.element].rstrip(',;')} »")
        slides.append(Slide(part.title, paragraphs, bullets,
                            notes=f"Minutage : {part.minutes} min (de {start} à {end}). {part.advice}"))
        if part.element is None:
            continue
        captures = [e for e in shown if e.screenshot_ok]
        images = [(f"{IMAGES_FOLDER}/{_image_name(e)}", e.alt_text) for e in captures[:4]]
        captions = [e.summary() for e in captures[:4]]
        text = ([f"Si la démonstration en direct échoue : les captures de votre propre page ({len(captures)})."]
                if captures else ["Aucune capture d'écran enregistrée pour cette étape : ajoutez-en dans le relevé "
                                  "de preuves avant l'examen."])
        slides.append(Slide(f"Plan B — {part.title}", text, images=images, captions=captions,
                            notes="Plan B : si la connexion ou l'outil ne répond pas, annoncez-le calmement et "
                                  "commentez ces captures comme en direct (le menu, le choix, le résultat)."))
    slides.append(Slide("Questions du jury", [referentiel.QUESTIONS_JURY + "."],
                        notes="Répondez en 30 secondes : l'idée, un exemple de votre page, un chiffre sourcé."))
    return slides


def slides_notebook(student: str, grid: LearnerGrid | None, company_name: str, handed: HandedIn | None = None):
    """The presentation as a notebook whose cells carry reveal.js slide metadata (speaker notes as « notes »)."""
    from nbformat.v4 import new_markdown_cell, new_notebook

    cells = []
    for slide in build_slides(student, grid, company_name, handed):
        cells.append(new_markdown_cell(slide.markdown(), metadata={"slideshow": {"slide_type": "slide"}}))
        if slide.notes:
            cells.append(new_markdown_cell(slide.notes, metadata={"slideshow": {"slide_type": "notes"}}))
    return new_notebook(cells=cells, metadata={"language_info": {"name": "python"}})


def slides_html(student: str, slides: list[Slide]) -> str:
    """The reveal.js deck, loading reveal.js from the ``reveal.js/`` folder next to it (no network)."""
    r = REVEAL_FOLDER
    return "\n".join([
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        f"<title>Présentation au jury — {html.escape(student)}</title>",
        f'<link rel="stylesheet" href="{r}/reveal.css"><link rel="stylesheet" href="{r}/white.css">',
        "<style>.reveal h1,.reveal h2{text-transform:none}.reveal h1{font-size:1.3em}.reveal h2{font-size:1.2em}"
        ".reveal ul{font-size:0.6em}.reveal p{font-size:0.7em}.reveal .captures{display:flex;gap:1em;"
        "justify-content:center}.reveal figure{margin:0;max-width:45%}.reveal img{max-height:45vh}"
        ".reveal figcaption{font-size:0.4em}</style></head><body>",
        # The slides are the page's main content; reveal.js adds its controls (an <aside>) beside them.
        '<div class="reveal"><div class="slides" role="main">',
        *(slide.html() for slide in slides),
        "</div></div>",
        f'<script src="{r}/reveal.js"></script><script src="{r}/notes.js"></script>',
        "<script>Reveal.initialize({hash: true, slideNumber: true, plugins: [RevealNotes]});</script>",
        "</body></html>",
    ])


def find_reveal(root: Path | None = None) -> Path | None:
    """``node_modules/reveal.js`` of the course folder, or of the repository the package is installed from."""
    import autograder

    candidates = [Path(os.environ["REVEAL_JS_DIR"])] if os.environ.get("REVEAL_JS_DIR") else []
    if root is not None:
        candidates.append(Path(root) / "node_modules" / "reveal.js")
    candidates.append(Path(autograder.__file__).resolve().parents[1] / "node_modules" / "reveal.js")
    for folder in candidates:
        if all((folder / source).is_file() for source in REVEAL_FILES):
            return folder
    return None


def copy_reveal(target: Path, root: Path | None = None) -> Path:
    """Copy the reveal.js files the slides need into ``target/reveal.js/``; a French error when it is missing."""
    from autograder.trainer.course import CourseError

    source = find_reveal(root)
    if source is None:
        raise CourseError("reveal.js est introuvable : à la racine du dépôt, lancez « npm ci » (make dossier le fait), "
                          "puis relancez la commande. Le dossier imprimable (dossier.html) est déjà écrit.")
    folder = target / REVEAL_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for src, name in REVEAL_FILES.items():
        shutil.copyfile(source / src, folder / name)
    return folder


# -- printable page -----------------------------------------------------------------------------------------------
def jury_grid_html(grid: LearnerGrid | None, handed: HandedIn | None = None) -> str:
    """The 24-criterion jury grid: automated status, evidence and mock jury, empty columns for the jury."""
    handed = handed or HandedIn()
    rows = []
    for comp in referentiel.COMPETENCIES:
        rows.append(f"<tr><th scope='rowgroup' colspan='5' style='background:#f0f0f0'>{comp.id} — "
                    f"{html.escape(comp.short)}</th></tr>")
        for crit in comp.criteria:
            items = []
            if grid is None:
                auto = "non évalué"
            else:
                g = grid.criteria[crit.id]
                auto = f"{_status_badge(g.status)}<br>{_fmt(g.points)} / {_fmt(g.possible)}"
                items += [f"{html.escape(ev.label)} : "
                          f"{'en attente' if ev.score is None else _fmt(ev.score) + ' / ' + _fmt(ev.max_score)}"
                          for ev in g.evidence]
                items += [f"À revoir : {html.escape(m)}" for ev in g.evidence for m in ev.missing][:4]
            items += [f"Preuve : {html.escape(e.summary())}" for e in handed.evidence if e.criterion == crit.id]
            if handed.mock_jury is not None and handed.mock_jury.line(crit.id):
                items.append(f"Jury blanc : {html.escape(handed.mock_jury.line(crit.id))}")
            evidence = "<br>".join(items) or "aucune preuve"
            rows.append(f"<tr><th scope='row'>{crit.id}</th><td>{html.escape(crit.text)}</td><td>{auto}</td>"
                        f"<td style='font-size:90%'>{evidence}</td>"
                        "<td class='jury'>☐ acquis<br>☐ non acquis<br><span class='ligne'></span></td></tr>")
    return ("<table><caption>Grille du jury — 24 critères (évaluation automatique, preuves et jury blanc "
            "pré-remplis, décision du jury à cocher)</caption><thead><tr><th scope='col'>Critère</th>"
            "<th scope='col'>Référentiel</th><th scope='col'>Évaluation automatique</th><th scope='col'>Preuves</th>"
            "<th scope='col'>Décision et observations du jury</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def _handed_in_html(handed: HandedIn) -> str:
    from autograder.rehearsal import log_summary

    parts = ["<h2>Preuves sur la page réelle</h2>"]
    if handed.evidence:
        parts.append("<ul>" + "".join(f"<li>{html.escape(e.summary())}"
                                      + (f" — {html.escape(e.note)}" if e.note else "") + "</li>"
                                      for e in handed.evidence) + "</ul>")
        shots = [e for e in handed.evidence if e.screenshot_ok]
        if shots:
            parts.append("<div class='captures'>" + "".join(
                _figure(f"{IMAGES_FOLDER}/{_image_name(e)}", e.alt_text, e.summary()) for e in shots) + "</div>")
    else:
        parts.append("<p>Aucune preuve enregistrée dans la copie de la certification blanche.</p>")
    parts += [f"<p>{html.escape(p)}</p>" for p in handed.problems]
    parts.append("<h2>Répétitions chronométrées</h2>")
    parts += [f"<p>{html.escape(line)}</p>" for line in log_summary(handed.rehearsals)]
    if handed.mock_jury is not None:
        text = handed.mock_jury.problem or handed.mock_jury.header()
        parts.append(f"<h2>Jury blanc</h2><p>{html.escape(text)}</p>")
    parts.append("<h2>Fiches des questions du jury</h2>")
    parts += [f"<p>{html.escape(line)}</p>" for line in cards_summary(handed.ratings)]
    return "\n".join(parts)


def cards_summary(ratings: dict | None) -> list[str]:
    """What the learner's flash-card ratings (lesson 08) say, in French: the counts, and the criteria to work on."""
    if ratings is None:
        return ["Aucune fiche notée dans la copie (leçon 08, « Fiches des questions du jury »)."]
    questions = jq.load_questions()
    lines = [jq.ratings_summary(questions, ratings)]
    weak = jq.weak_criteria(questions, ratings)
    if weak:
        lines.append("À retravailler avant le jury : " + ", ".join(
            f"{cid} ({n} question{'s' if n > 1 else ''})" for cid, n in weak[:6]) + ".")
    elif ratings:
        lines.append("Aucune question notée « À revoir » ni « Je ne sais pas ».")
    return lines


def dossier_html(student: str, grid: LearnerGrid | None, company_name: str, handed: HandedIn | None = None) -> str:
    handed = handed or HandedIn()
    plan = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{p.minutes} min</td><td>{html.escape(p.title)}</td>"
                   f"<td>{html.escape(p.advice)}</td></tr>" for a, b, p in schedule())
    elements = "".join(f"<li>{html.escape(e.rstrip(',;'))}</li>" for e in referentiel.JURY_ELEMENTS)
    if grid is not None:
        comps = " ; ".join(f"{c.id} {grid.competency(c.id)}" for c in referentiel.COMPETENCIES)
        ready = sum(grid.criteria[c.id].status in (ACQUIS, EN_COURS) for c in referentiel.CRITERIA)
        status = (f"<p>Évaluation automatique : {comps}. {ready} critère(s) sur 24 acquis ou en cours ; "
                  f"{_fmt(grid.points)} / {_fmt(grid.possible)} points notés.</p>")
    else:
        status = "<p>Aucune copie corrigée pour ce candidat : la grille du jury est vierge.</p>"
    return "\n".join([
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">',
        f"<title>Dossier du jury — {html.escape(student)}</title>",
        f"<style>{PAGE_CSS}.jury{{min-width:12em}}.ligne{{display:block;border-bottom:1px solid #767676;height:2.5em}}"
        ".captures{display:flex;flex-wrap:wrap;gap:1em}.captures figure{max-width:45%;margin:0}"
        ".captures img{max-width:100%;border:1px solid #767676}"
        "@media print{section{page-break-inside:avoid}h2{page-break-before:always}}</style></head><body><main>",
        f"<h1>Dossier du jury — {html.escape(student)}</h1>",
        f"<p>Certification « {html.escape(referentiel.TITLE)} » ({html.escape(referentiel.CERTIFIER)}). "
        f"Entreprise présentée : <strong>{html.escape(company_name)}</strong>.</p>",
        f"<p>{html.escape(referentiel.MODALITE)}</p><ol>{elements}</ol>",
        f"<p>{html.escape(referentiel.DUREE_PRESENTATION.replace('30min', '30 min'))}. "
        f"{html.escape(referentiel.QUESTIONS_JURY)}.</p>",
        status,
        "<h2>Minutage de la présentation</h2><table><thead><tr><th scope='col'>Début</th><th scope='col'>Fin</th>"
        "<th scope='col'>Durée</th><th scope='col'>Partie</th><th scope='col'>À montrer</th></tr></thead>"
        f"<tbody>{plan}</tbody></table>",
        _handed_in_html(handed),
        "<h2>Grille du jury</h2>", jury_grid_html(grid, handed),
        "<p>Signature des membres du jury :</p><p class='ligne'></p></main></body></html>",
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
    """Write the slides (with reveal.js and the screenshots next to them), the printable dossier (and its PDF
    with ``pdf``) of ``student``; returns the paths."""
    import nbformat

    from autograder.storage import atomic_write_text
    from autograder.trainer.course import CourseError, course_folder

    root = Path(root)
    grids = build_grids(root, url=url)
    course = course_folder(root)
    if student not in grids and not course.folders("submitted", student=student):
        known = ", ".join(sorted(grids)) or "aucun"
        raise CourseError(f"Apprenant inconnu : « {student} ». Apprenants du carnet de notes : {known}.")
    grid = grids.get(student)
    company = _company_name(root, student)
    handed = read_handed_in(course.submitted(student, MOCK_JURY_ASSIGNMENT))
    out = Path(out_dir) if out_dir else root / DOSSIER_DIR / student
    out.mkdir(parents=True, exist_ok=True)
    shots = [e for e in handed.evidence if e.screenshot_ok]
    if shots:
        (out / IMAGES_FOLDER).mkdir(exist_ok=True)
        for entry in shots:
            shutil.copyfile(entry.path, out / IMAGES_FOLDER / _image_name(entry))
    notebook_path = out / "presentation.ipynb"
    atomic_write_text(notebook_path, nbformat.writes(slides_notebook(student, grid, company, handed)))
    dossier_path = out / "dossier.html"
    atomic_write_text(dossier_path, dossier_html(student, grid, company, handed))
    slides_path = out / "presentation.slides.html"
    atomic_write_text(slides_path, slides_html(student, build_slides(student, grid, company, handed)))
    copy_reveal(out, root)
    written = [notebook_path, slides_path, dossier_path]
    if pdf:
        written.append(print_pdf(dossier_path))
    return written


def print_pdf(page: Path) -> Path:
    """Print ``page`` to PDF with Debian's Chromium (headless); a French error when it is missing."""
    from autograder.trainer.course import CourseError

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        raise CourseError("Chromium est introuvable : installez-le (make system-deps) ou imprimez dossier.html en "
                          "PDF depuis votre navigateur.")
    target = page.with_suffix(".pdf")
    args = [browser, "--headless", "--disable-gpu", "--no-sandbox", f"--print-to-pdf={target}",
            "--no-pdf-header-footer", page.resolve().as_uri()]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0 or not target.is_file():
        raise CourseError(f"L'impression PDF a échoué : {proc.stderr.strip()[-300:]}")
    return target

"""The cohort dashboard: one HTML page, four plots, each with its text summary and alt text.

``python -m autograder dashboard`` writes ``reports/tableau_de_bord.html`` (images embedded, the page
works offline and prints). Plots use the Okabe-Ito colour-blind-safe palette, and the statuses are also
told by letters and hatching, never by colour alone:

1. success rate per criterion (share of learners « acquis », « en cours », « non acquis »);
2. learners × criteria heat map of statuses;
3. score distribution per assignment (percentage of the points, every submission a dot);
4. the most frequent mistakes (the « À revoir » lines of the checks, errors of test cells).
"""

from __future__ import annotations

import base64
import html
import os
import statistics
from collections import Counter
from pathlib import Path

from autograder import referentiel
from autograder.figures import png_bytes
from autograder.status import ACQUIS, ALL_STATUSES, EN_COURS, NON_ACQUIS, NON_EVALUE
from autograder.trainer.report import PAGE_CSS, LearnerGrid, build_grids

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
STATUS_COLOURS = {ACQUIS: "#009E73", EN_COURS: "#E69F00", NON_ACQUIS: "#D55E00", NON_EVALUE: "#FFFFFF"}
STATUS_HATCH = {ACQUIS: "", EN_COURS: "//", NON_ACQUIS: "xx", NON_EVALUE: ".."}
STATUS_LETTER = {ACQUIS: "A", EN_COURS: "C", NON_ACQUIS: "N", NON_EVALUE: "–"}
DASHBOARD_FILE = Path("reports") / "tableau_de_bord.html"


def _png(fig) -> str:
    return base64.b64encode(png_bytes(fig)).decode("ascii")


def _pct(x: float) -> str:
    return f"{round(100 * x)} %"


def criterion_rates(grids: dict[str, LearnerGrid]) -> dict[str, dict[str, float]]:
    """For each criterion, the share of learners in each status (« pas encore évalué » included)."""
    n = max(len(grids), 1)
    rates = {}
    for crit in referentiel.CRITERIA:
        counts = Counter(g.criteria[crit.id].status for g in grids.values())
        rates[crit.id] = {s: counts.get(s, 0) / n for s in ALL_STATUSES}
    return rates


def assignment_scores(grids: dict[str, LearnerGrid]) -> dict[str, list[float]]:
    """For each assignment, each learner's share of the graded points (0 to 1)."""
    table: dict[tuple[str, str], list[float]] = {}
    for student, grid in grids.items():
        for grade in grid.criteria.values():
            for ev in grade.evidence:
                if ev.score is None:
                    continue
                earned, possible = table.get((ev.assignment, student), [0.0, 0.0])
                table[(ev.assignment, student)] = [earned + ev.score, possible + ev.max_score]
    result: dict[str, list[float]] = {}
    for (assignment, _), (earned, possible) in sorted(table.items()):
        if possible > 0:
            result.setdefault(assignment, []).append(earned / possible)
    return result


def frequent_mistakes(grids: dict[str, LearnerGrid], top: int = 10) -> list[tuple[str, str, int]]:
    """The most frequent « À revoir » lines: (criterion, text, number of learners)."""
    counts: Counter = Counter()
    for grid in grids.values():
        seen = set()
        for grade in grid.criteria.values():
            for ev in grade.evidence:
                for text in ev.missing:
                    seen.add((grade.criterion, text))
        counts.update(seen)
    return [(c, t, n) for (c, t), n in counts.most_common(top)]


def _plot_rates(rates: dict[str, dict[str, float]]) -> str:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, 4))
    ids = list(rates)
    bottom = [0.0] * len(ids)
    for status in ALL_STATUSES:
        values = [100 * rates[c][status] for c in ids]
        ax.bar(ids, values, bottom=bottom, color=STATUS_COLOURS[status], hatch=STATUS_HATCH[status],
               edgecolor="#000000", linewidth=0.5, label=status)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("apprenants (%)")
    ax.set_ylim(0, 100)
    ax.set_title("Statut des apprenants par critère")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=4, frameon=False)
    ax.tick_params(axis="x", labelrotation=60)
    return _png(fig)


def _plot_heatmap(grids: dict[str, LearnerGrid]) -> str:
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    learners = sorted(grids)
    ids = [c.id for c in referentiel.CRITERIA]
    order = {NON_ACQUIS: 0, EN_COURS: 1, ACQUIS: 2, NON_EVALUE: 3}

    def cell(student: str, cid: str) -> int:
        return order[grids[student].criteria[cid].status]

    matrix = [[cell(s, c) for c in ids] for s in learners]
    cmap = ListedColormap([STATUS_COLOURS[s] for s in sorted(order, key=order.get)])
    fig, ax = plt.subplots(figsize=(11, 0.35 * len(learners) + 1.5))
    ax.imshow(matrix, cmap=cmap, vmin=0, vmax=3, aspect="auto")
    letters = {v: STATUS_LETTER[k] for k, v in order.items()}
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            ax.text(j, i, letters[value], ha="center", va="center", fontsize=7, color="#000000")
    ax.set_xticks(range(len(ids)), ids, rotation=60, fontsize=8)
    ax.set_yticks(range(len(learners)), learners, fontsize=8)
    ax.set_title("Apprenants × critères (A : acquis, C : en cours, N : non acquis, – : pas encore de preuve)")
    return _png(fig)


def _plot_scores(scores: dict[str, list[float]]) -> str:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, 4))
    names = list(scores)
    for i, name in enumerate(names):
        values = [100 * v for v in scores[name]]
        xs = [i + 1 + ((k % 7) - 3) * 0.04 for k in range(len(values))]
        ax.scatter(xs, values, color=OKABE_ITO[4], edgecolor="#000000", linewidth=0.4, s=22, zorder=3)
        if values:
            ax.hlines(statistics.median(values), i + 0.7, i + 1.3, color=OKABE_ITO[5], linewidth=2, zorder=4)
    ax.set_xticks(range(1, len(names) + 1), names, rotation=20, fontsize=8)
    ax.set_ylim(-5, 105)
    ax.set_ylabel("points obtenus (%)")
    ax.set_title("Répartition des notes par évaluation (trait : médiane)")
    return _png(fig)


def _plot_mistakes(mistakes: list[tuple[str, str, int]]) -> str:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, 0.45 * len(mistakes) + 1.2))
    labels = [f"{c} — {t[:70]}{'…' if len(t) > 70 else ''}" for c, t, _ in mistakes][::-1]
    values = [n for _, _, n in mistakes][::-1]
    ax.barh(labels, values, color=OKABE_ITO[1], edgecolor="#000000", linewidth=0.5)
    ax.set_xlabel("nombre d'apprenants")
    ax.set_title("Erreurs les plus fréquentes")
    ax.tick_params(axis="y", labelsize=8)
    return _png(fig)


def _figure(title: str, png: str, alt: str, summary: str) -> str:
    return (f"<section><h2>{html.escape(title)}</h2>"
            f'<figure><img src="data:image/png;base64,{png}" alt="{html.escape(alt)}" style="max-width:100%">'
            f"<figcaption>{summary}</figcaption></figure></section>")


def mock_jury_section(grids: dict[str, LearnerGrid]) -> str:
    """The mock-jury grids of the cohort (handed in with the mock certification): who observed, when, the levels,
    and the criteria most often observed « non acquis »."""
    from autograder.mock_jury import LEVELS
    from autograder.trainer.report import mock_jury_text

    rows, weak = [], Counter()
    for student, grid in sorted(grids.items()):
        jury = grid.mock_jury
        if jury is None or jury.problem:
            counts = "–"
        else:
            counts = ", ".join(f"{n} {level}" for level, n in jury.level_counts().items())
            weak.update(cid for cid, entry in jury.criteria.items() if entry.get("level") == LEVELS[-1])
        rows.append(f"<tr><th scope='row'>{html.escape(student)}</th><td>{html.escape(mock_jury_text(grid))}</td>"
                    f"<td>{html.escape(counts)}</td></tr>")
    handed = sum(1 for g in grids.values() if g.mock_jury is not None and not g.mock_jury.problem)
    summary = f"{handed} grille(s) de jury blanc rendue(s) sur {len(grids)} apprenant(s)."
    if weak:
        summary += " Critères le plus souvent observés « non acquis » : " + ", ".join(
            f"{cid} ({n})" for cid, n in sorted(weak.items(), key=lambda kv: (-kv[1], kv[0]))[:5]) + "."
    return ("<section><h2>Jury blanc</h2>"
            f"<p>{html.escape(summary)} Le jury blanc est une observation : il ne compte pas dans les points.</p>"
            "<table><caption>Grilles du jury blanc par apprenant</caption><thead><tr><th scope='col'>Apprenant</th>"
            "<th scope='col'>Grille</th><th scope='col'>Niveaux observés</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table></section>")


def dashboard_html(grids: dict[str, LearnerGrid]) -> str:
    """The dashboard page for ``grids`` (French, self-contained)."""
    import matplotlib

    matplotlib.use("Agg")
    parts = ['<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">',
             "<title>Tableau de bord de la cohorte</title>", f"<style>{PAGE_CSS}</style></head><body><main>",  # one main landmark
             "<h1>Tableau de bord de la cohorte</h1>"]
    if not grids:
        parts.append("<p>Aucun apprenant dans le carnet de notes : corrigez d'abord des copies.</p></main></body></html>")
        return "\n".join(parts)
    rates = criterion_rates(grids)
    scores = assignment_scores(grids)
    mistakes = frequent_mistakes(grids)
    n = len(grids)
    evaluated = [c for c in rates if any(g.criteria[c].possible > 0 for g in grids.values())]
    parts.append(f"<p>{n} apprenant(s) ; {len(evaluated)} critère(s) sur 24 évalué(s) par au moins une copie "
                 "corrigée. Couleurs Okabe-Ito (lisibles par les personnes daltoniennes), doublées de lettres "
                 "ou de hachures.</p>")

    ranked = sorted(evaluated, key=lambda c: rates[c][ACQUIS])
    if ranked:
        best, worst = ranked[-1], ranked[0]
        summary = (f"Critère le mieux réussi : {best} ({_pct(rates[best][ACQUIS])} d'acquis). Critère le moins "
                   f"réussi : {worst} ({_pct(rates[worst][ACQUIS])} d'acquis, {_pct(rates[worst][NON_ACQUIS])} de "
                   "non acquis). ")
        summary += "Taux d'acquis par critère : " + ", ".join(f"{c} {_pct(rates[c][ACQUIS])}" for c in evaluated) + "."
    else:
        summary = "Aucun critère n'a encore de copie corrigée."
    parts.append(_figure("Réussite par critère", _plot_rates(rates),
                         "Barres empilées : pour chacun des 24 critères, part des apprenants acquis, en cours, "
                         "non acquis et pas encore évalués (sans aucune copie corrigée).", html.escape(summary)))

    complete = [s for s, g in grids.items() if all(g.criteria[c].status == ACQUIS for c in evaluated)] if evaluated else []
    summary = (f"{len(complete)} apprenant(s) sur {n} ont tous les critères évalués acquis. "
               + " ".join(f"{s} : {sum(g.criteria[c].status == ACQUIS for c in evaluated)} acquis sur "
                          f"{len(evaluated)}." for s, g in sorted(grids.items())))
    parts.append(_figure("Apprenants et critères", _plot_heatmap(grids),
                         "Carte de chaleur : une ligne par apprenant, une colonne par critère, chaque case marquée "
                         "A (acquis), C (en cours), N (non acquis) ou d'un tiret (aucune copie corrigée pour ce "
                         "critère).", html.escape(summary)))

    if scores:
        summary = " ".join(f"{a} : {len(v)} copie(s), médiane {_pct(statistics.median(v))}, minimum {_pct(min(v))}, "
                           f"maximum {_pct(max(v))}." for a, v in scores.items())
        parts.append(_figure("Notes par évaluation", _plot_scores(scores),
                             "Nuage de points : pour chaque évaluation, la part des points obtenue par chaque copie, "
                             "avec la médiane.", html.escape(summary)))
    if mistakes:
        summary = "Les plus fréquentes : " + " ; ".join(f"{c} « {t} » ({k} apprenant(s))" for c, t, k in mistakes[:5]) + "."
        parts.append(_figure("Erreurs les plus fréquentes", _plot_mistakes(mistakes),
                             "Barres horizontales : les messages « À revoir » les plus fréquents dans la cohorte, "
                             "avec le nombre d'apprenants concernés.", html.escape(summary)))
    else:
        parts.append("<section><h2>Erreurs les plus fréquentes</h2><p>Aucune erreur relevée.</p></section>")
    parts.append(mock_jury_section(grids))
    parts.append("</main></body></html>")
    return "\n".join(parts)


def write_dashboard(root: str | os.PathLike, out: str | os.PathLike | None = None, url: str | None = None) -> Path:
    """Write the dashboard of the course at ``root``; returns its path."""
    from autograder.storage import atomic_write_text

    root = Path(root)
    path = Path(out) if out else root / DASHBOARD_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, dashboard_html(build_grids(root, url=url)))
    return path

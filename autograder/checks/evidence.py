"""Check of the evidence record: criterion by criterion, what the jury will still want to see.

:func:`check_evidence` reads the learner's record (``preuves/preuves.json``, :mod:`autograder.evidence`) and
returns one :class:`~autograder.results.CheckResult` per criterion of the référentiel (24), one point per piece
of evidence the criterion needs (:data:`autograder.evidence.NEEDS`): met (« ✔ ») or still missing (« ✘ »,
with what to show). It judges that the evidence is there, not its quality: the jury judges that, live. A
screenshot counts only when its file is still a PNG or JPEG and it has its alt text. An unreadable record, or
an entry a hand edit broke, is named in French; nothing raises.

:func:`evidence_table` is the same result as one compact accessible table (criterion, evidence kept, what is
still missing), for the lesson's widget and the trainer.
"""

from __future__ import annotations

import html
from pathlib import Path

from autograder import evidence, referentiel
from autograder.results import CheckResult

TITLE = "Preuves pour le jury (votre vraie page)"


def check_evidence(folder: str | Path) -> list[CheckResult]:
    """One result per criterion (référentiel order) for the evidence folder ``folder`` (or the course root)."""
    record = evidence.read_evidence(folder)
    grouped = evidence.by_criterion(record.entries)
    results = []
    for crit in referentiel.CRITERIA:
        result = CheckResult(crit.id, TITLE)
        mine = grouped.get(crit.id, [])
        for need in evidence.NEEDS[crit.id]:
            met = need.met_by(mine)
            count = f" ({met} sur {need.count})" if need.count > 1 else ""
            result.add(met >= need.count, 1, f"Présent : {need.text}{count}.",
                       f"Il manque {need.text}{count if met else ''}.")
        broken = [e for e in mine if e.path is not None and not e.screenshot_ok]
        for entry in broken:
            result.note(f"La capture « {entry.original or entry.path.name} » du {entry.date:%d/%m/%Y} est introuvable "
                        "ou n'est plus une image PNG ou JPEG : ajoutez-la de nouveau.", ok=False)
        if crit.id == "C1.3":
            result.note("La fluidité se juge en direct : le jour J, le jury vous regarde utiliser l'application.")
        for problem in record.problems:
            result.note(problem, ok=False)
        results.append(result)
    return results


def evidence_table(folder: str | Path) -> str:
    """The evidence of the 24 criteria as one HTML table: criterion, evidence kept, what is still missing."""
    record = evidence.read_evidence(folder)
    grouped = evidence.by_criterion(record.entries)
    missing = evidence.missing_evidence(record.entries)
    cell = 'style="border:1px solid #bbbbbb;padding:2px 6px;text-align:left;vertical-align:top"'
    rows = []
    for crit in referentiel.CRITERIA:
        kept = "".join(f"<li>{html.escape(e.summary())}</li>" for e in grouped[crit.id]) or "<li>aucune</li>"
        wanted = "".join(f"<li>{html.escape(m)}</li>" for m in missing[crit.id]) or "<li>complet</li>"
        rows.append(f'<tr><th scope="row" {cell}>{crit.id}</th><td {cell}><ul style="margin:0;padding-left:16px">'
                    f'{kept}</ul></td><td {cell}><ul style="margin:0;padding-left:16px">{wanted}</ul></td></tr>')
    complete = sum(1 for crit in referentiel.CRITERIA if not missing[crit.id])
    caption = (f"Preuves réunies : {complete} critère{'s' if complete > 1 else ''} complet"
               f"{'s' if complete > 1 else ''} sur {len(referentiel.CRITERIA)}")
    problems = "".join(f"<p role='alert'>{html.escape(p)}</p>" for p in record.problems)
    head = "".join(f'<th scope="col" {cell}>{h}</th>' for h in ("Critère", "Preuves gardées",
                                                                  "Ce que le jury voudra encore voir"))
    return (f'{problems}<table style="border-collapse:collapse;font-size:12px;color:#1a1a1a;background:#ffffff">'
            f"<caption style='text-align:left;font-weight:bold'>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")

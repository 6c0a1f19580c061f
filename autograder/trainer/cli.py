"""Trainer command line: ``python -m autograder <commande>`` from the course folder.

    python -m autograder release               # génère release/ depuis source/ (toutes les évaluations)
    python -m autograder grade c5_meta_business_suite   # corrige automatiquement les copies rendues
    python -m autograder feedback --all        # produit les retours pour les apprenants
    python -m autograder report                # grilles d'évaluation (HTML) et tableau de la cohorte (CSV)
    python -m autograder dashboard             # tableau de bord de la cohorte
    python -m autograder dossier apprenant_01  # dossier du jury d'un candidat
    python -m autograder limites               # limites de la correction (bac à sable) et leurs variables
"""

from __future__ import annotations

import argparse
import os
import sys

from autograder.trainer.course import CourseError, course_folder, run_nbgrader


def _assignments(course, args) -> list[str]:
    known = course.assignments()
    if getattr(args, "all", False) or not args.assignment:
        return known
    unknown = [a for a in args.assignment if a not in known]
    if unknown:
        raise CourseError(f"Évaluation inconnue : {', '.join(unknown)}. Évaluations du cours : {', '.join(known)}.")
    return list(args.assignment)


def _per_assignment(args, nbgrader_command: str, announce) -> int:
    """Run ``nbgrader <nbgrader_command> <assignment> --force`` for each chosen assignment, announced in French."""
    course = course_folder()
    for name in _assignments(course, args):
        print(announce(course, name), flush=True)
        run_nbgrader([nbgrader_command, name, "--force"], course)
    return 0


def cmd_release(args) -> int:
    return _per_assignment(args, "generate_assignment",
                           lambda course, name: f"Génération de {course.folder_name('release')}/{name} …")


def cmd_grade(args) -> int:
    import time

    from autograder.trainer.grading import (
        FAILED,
        CohortGrader,
        parse_shard,
        progress_bar,
        scores_table,
        summary_text,
    )

    course = course_folder()
    names = _assignments(course, args)
    start = time.perf_counter()
    grader = CohortGrader(course, jobs=args.jobs, force=args.force, shard=parse_shard(args.shard),
                          progress=None if args.quiet else progress_bar())
    outcomes = grader.grade(names)
    if not outcomes:
        print(f"Aucune copie rendue à corriger (dossier {course.folder_name('submitted')}/ vide pour ces évaluations).")
        return 0
    print(summary_text(outcomes, time.perf_counter() - start))
    print()
    print(scores_table(outcomes, grader.scores(outcomes)))
    return 1 if any(o.status == FAILED for o in outcomes) else 0


def cmd_feedback(args) -> int:
    return _per_assignment(args, "generate_feedback", lambda course, name: f"Retours pour {name} …")


def cmd_report(args) -> int:
    from autograder.trainer.report import write_reports

    written = write_reports(course_folder().root, args.sortie, students=args.apprenant or None)
    learners = len(written) - 1
    if learners == 0:
        print("Aucun apprenant dans le carnet de notes : corrigez d'abord des copies (python -m autograder grade).")
    folder = written[-1].parent
    print(f"{learners} grille(s) d'évaluation écrite(s) dans {folder}/ (une page HTML par apprenant) "
          f"et le tableau de la cohorte : {written[-1]}")
    return 0


def cmd_dashboard(args) -> int:
    from autograder.trainer.dashboard import write_dashboard

    path = write_dashboard(course_folder().root, args.sortie)
    print(f"Tableau de bord de la cohorte écrit : {path}")
    return 0


def cmd_dossier(args) -> int:
    from autograder.trainer.dossier import build_dossier

    root = course_folder().root
    for student in args.apprenant:
        written = build_dossier(root, student, args.sortie, pdf=args.pdf)
        print(f"Dossier du jury de {student} : {written[0].parent}/")
        for path in written:
            print(f"  {path.name}")
    return 0


def cmd_limits(args) -> int:
    from autograder.trainer.sandbox.limits import table

    print("Limites de la correction (bac à sable) : changez-les par les variables d'environnement, par exemple\n"
          "« AUTOGRADER_SANDBOX_MEMORY_MB=4096 make grade ». Valeurs lues au lancement de chaque correction.\n")
    print(table())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m autograder", description="Outils du formateur.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="commande")

    def with_assignments(p):
        p.add_argument("assignment", nargs="*", help="identifiant(s) d'évaluation (dossier de source/)")
        p.add_argument("--all", action="store_true", help="toutes les évaluations")
        return p

    with_assignments(sub.add_parser("release", help="générer release/ depuis source/")).set_defaults(func=cmd_release)
    grade = with_assignments(sub.add_parser("grade", help="corriger automatiquement les copies rendues"))
    grade.add_argument("--force", action="store_true", help="tout recorriger, même les copies inchangées")
    grade.add_argument("--jobs", type=int, default=None, help="nombre de processus (défaut : un par cœur, plus un)")
    grade.add_argument("--shard", default=None, metavar="i/n",
                       help="ne corriger que la part i sur n des apprenants (carnet PostgreSQL partagé)")
    grade.add_argument("--quiet", action="store_true", help="sans barre de progression")
    grade.set_defaults(func=cmd_grade)
    with_assignments(sub.add_parser("feedback", help="produire les retours")).set_defaults(func=cmd_feedback)
    report = sub.add_parser("report", help="grilles d'évaluation par apprenant (HTML) et tableau de la cohorte (CSV)")
    report.add_argument("--apprenant", nargs="*", help="seulement ces apprenants")
    report.add_argument("--sortie", default=None, help="dossier de sortie (défaut : reports/grilles)")
    report.set_defaults(func=cmd_report)
    dashboard = sub.add_parser("dashboard", help="tableau de bord de la cohorte (HTML avec graphiques)")
    dashboard.add_argument("--sortie", default=None, help="fichier de sortie (défaut : reports/tableau_de_bord.html)")
    dashboard.set_defaults(func=cmd_dashboard)
    dossier = sub.add_parser("dossier", help="dossier du jury d'un candidat (diaporama, minutage, grille du jury)")
    dossier.add_argument("apprenant", nargs="+", help="identifiant(s) d'apprenant")
    dossier.add_argument("--sortie", default=None, help="dossier de sortie (défaut : reports/dossiers/<apprenant>)")
    dossier.add_argument("--pdf", action="store_true", help="imprimer aussi le dossier en PDF (Chromium)")
    dossier.set_defaults(func=cmd_dossier)
    sub.add_parser("limites", help="limites de la correction (bac à sable) : variables, défauts, unités").set_defaults(
        func=cmd_limits)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # nbgrader's gradebook calls helper programs (alembic) by name: this environment's scripts come first.
    os.environ["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")])
    try:
        return args.func(args)
    except CourseError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

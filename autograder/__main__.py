"""Trainer command line: ``python -m autograder <commande>`` from the course folder.

    python -m autograder release               # génère release/ depuis source/ (toutes les évaluations)
    python -m autograder grade c5_meta_business_suite   # corrige automatiquement les copies rendues
    python -m autograder feedback --all        # produit les retours pour les apprenants
"""

from __future__ import annotations

import argparse
import sys

from autograder.course_dir import CourseError, find_course_root, list_assignments, run_nbgrader


def _assignments(root, args) -> list[str]:
    known = list_assignments(root)
    if getattr(args, "all", False) or not args.assignment:
        return known
    unknown = [a for a in args.assignment if a not in known]
    if unknown:
        raise CourseError(f"Évaluation inconnue : {', '.join(unknown)}. Évaluations du cours : {', '.join(known)}.")
    return list(args.assignment)


def cmd_release(args) -> int:
    root = find_course_root()
    for name in _assignments(root, args):
        print(f"Génération de release/{name} …", flush=True)
        run_nbgrader(["generate_assignment", name, "--force"], root)
    return 0


def cmd_grade(args) -> int:
    import time

    from autograder.grading import FAILED, CohortGrader, parse_shard, progress_bar, summary_text

    root = find_course_root()
    names = _assignments(root, args)
    start = time.perf_counter()
    grader = CohortGrader(root, jobs=args.jobs, force=args.force, shard=parse_shard(args.shard),
                          progress=None if args.quiet else progress_bar())
    outcomes = grader.grade(names)
    if not outcomes:
        print("Aucune copie rendue à corriger (dossier submitted/ vide pour ces évaluations).")
        return 0
    print(summary_text(outcomes, time.perf_counter() - start))
    return 1 if any(o.status == FAILED for o in outcomes) else 0


def cmd_feedback(args) -> int:
    root = find_course_root()
    for name in _assignments(root, args):
        print(f"Retours pour {name} …", flush=True)
        run_nbgrader(["generate_feedback", name, "--force"], root)
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
    grade.add_argument("--jobs", type=int, default=None, help="nombre de processus (défaut : un par cœur)")
    grade.add_argument("--shard", default=None, metavar="i/n",
                       help="ne corriger que la part i sur n des apprenants (carnet PostgreSQL partagé)")
    grade.add_argument("--quiet", action="store_true", help="sans barre de progression")
    grade.set_defaults(func=cmd_grade)
    with_assignments(sub.add_parser("feedback", help="produire les retours")).set_defaults(func=cmd_feedback)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CourseError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

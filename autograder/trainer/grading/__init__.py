"""Grading a whole cohort in parallel, with exactly nbgrader's scores.

How it works (one command: ``python -m autograder grade <évaluation>|--all``):

1. **Selection** (:mod:`.selection`). The submissions of ``submitted/`` (folders as nbgrader's
   configuration names them), the learners of a shard, and the fingerprints that say what changed.
2. **Execution in parallel** (:mod:`.worker`). Worker processes (one per core, plus one, by default) take
   submissions from a queue. For each notebook a worker applies nbgrader's own sanitising preprocessors
   (clear outputs, overwrite the locked and test cells from the gradebook, kernelspec…) and runs
   nbgrader's own ``Execute`` preprocessor, configured by ``nbgrader_config.py`` (timeouts, and the grading
   sandbox when one is configured there), in a scratch copy of the submission. The kernel of the next
   notebook is started ahead of time, while the current one runs; each kernel serves one notebook only.
   Workers answer with small typed messages (``Started``, ``Done``, ``Exit``).
3. **One writer** (:mod:`.direct`, :mod:`.replay`, :mod:`.shared`). The main process records each
   submission with nbgrader's real ``Autograde`` converter, one per assignment for all its submissions (its
   ``convert_notebooks`` loop, ``init_assignment``, the configured steps built once, its writer): directly for
   an assignment scored from the files (no kernel, no worker), and as soon as its execution is done otherwise,
   with ``Execute`` replaced by ``ReplayExecute``, which hands back the executed notebook (after checking it
   was made from the same cells). Every gradebook write (student, submission, timestamps, grades, comments,
   late penalties) is therefore nbgrader's own code, from a single process, through one open gradebook for
   the whole run: SQLite never sees two writers, and the scores are nbgrader's by construction. For an
   assignment scored from the files, a second process of the grader (:mod:`.prefetch`, when a core is free)
   scores the next submissions' files ahead while the main process records, with the same function
   (:func:`autograder.trainer.scoring.score_files`); it never opens the gradebook.
4. **Robust.** A notebook that cannot be read, a kernel that dies or stops answering, a worker process
   that crashes: the submission is recorded as failed with a French reason and the others go on.
   Submitted files are only read, never written.
5. **Incremental** (:mod:`.records`). A fingerprint of each submission (its files, the assignment's source
   files and the gradebook URL) is kept in ``reports/correction/<évaluation>/<apprenant>.json``; a rerun
   skips the submissions whose fingerprint and autograded copy are unchanged, unless ``force``.
6. **Shards.** With PostgreSQL, ``shard=(i, n)`` grades only the learners whose id hashes to share ``i``
   of ``n``, so that several machines sharing the course folder split a large cohort.
7. **Reporting** (:mod:`.progress`). A progress bar, a French summary and the table of the scores written,
   read back from the gradebook.
"""

from autograder.trainer.course import load_config
from autograder.trainer.grading.cohort import CohortGrader, grade_cohort
from autograder.trainer.grading.progress import progress_bar, scores_table, status_word, summary_text
from autograder.trainer.grading.records import (
    FAILED,
    GRADED,
    STATE_DIR,
    UNCHANGED,
    Outcome,
    Task,
    read_state,
    state_path,
    write_state,
)
from autograder.trainer.grading.selection import fingerprint, in_shard, parse_shard, submitted_students

__all__ = [
    "FAILED", "GRADED", "STATE_DIR", "UNCHANGED", "CohortGrader", "Outcome", "Task", "fingerprint", "grade_cohort",
    "in_shard", "load_config", "parse_shard", "progress_bar", "read_state", "scores_table", "state_path",
    "status_word", "submitted_students", "summary_text", "write_state",
]

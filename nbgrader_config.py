"""nbgrader configuration of the course (read by every nbgrader command run from this folder).

The gradebook is SQLite by default; any SQLAlchemy URL can be given through the environment
variable NBGRADER_DB_URL (for example ``postgresql+psycopg2://user@localhost/nbgrader``).
"""

import os

from autograder.trainer.sandbox.limits import value as limit

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

ROOT = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "communication-digitale"
c.CourseDirectory.root = ROOT
# The course's folders, named here only: the trainer tools read them back through nbgrader's CourseDirectory
# (autograder.trainer.course.Course), which builds every path of the course with its format_path.
SOURCE = "source"
c.CourseDirectory.source_directory = SOURCE
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
# The gradebook: NBGRADER_DB_URL when set, else nbgrader's own default, the SQLite file gradebook.db of ROOT.
if os.environ.get("NBGRADER_DB_URL"):
    c.CourseDirectory.db_url = os.environ["NBGRADER_DB_URL"]
# Widget state files (JSON, CSV, PNG, SRT, ICS) travel with the notebooks.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.corrompu-*"]

c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE") or os.path.join(ROOT, "exchange")

# Every assignment starts with the same French header.
c.IncludeHeaderFooter.header = os.path.join(ROOT, SOURCE, "header.ipynb")

# What learners see in place of a solution.
c.ClearSolutions.code_stub = {"python": "# VOTRE CODE ICI\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "VOTRE RÉPONSE ICI"

# A cell that runs longer than this is stopped and scores 0 (a learner's infinite loop never blocks grading).
# NBGRADER_CELL_TIMEOUT (seconds), documented with the other limits: python -m autograder limites.
c.ExecutePreprocessor.timeout = limit("cell_timeout")
c.ExecutePreprocessor.interrupt_on_timeout = True
c.Execute.timeout = limit("cell_timeout")

# At autograding only, learner code runs in the grading sandbox (autograder/trainer/sandbox/): unprivileged user,
# private copy of its own submission, no source/, gradebook, other learners or network; limited resources.
# A notebook with no code cell for learners to write, whose autograded cells are all scored from the files, is not
# executed at all (c.SandboxedExecute.skip_without_learner_code = False executes it all the same).
# Submissions are read as data (autograder/trainer/sandbox/intake.py): regular files of the accepted types only
# (.ipynb .json .csv .ics .srt .png .jpg .jpeg .pdf .txt), never through a symbolic link, no hidden file or
# folder, nothing Python or Jupyter would import or run at start-up; refused files are named in the feedback.
# The mock certification's copy thus carries the rehearsal log, the mock-jury grid, the flash-card ratings (JSON) and
# the evidence folder preuves/ (its record, JSON, and its PNG or JPEG screenshots), read by the trainer's grid.
# Scores come from the grader's process: every autograded cell registered in autograder/checks/registry.py is
# scored from the submission's files (with the trainer-only answer keys of keys/), replacing the kernel's output.
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "autograder.trainer.scoring.RestoreCellFlags",  # a test cell the learner unmarked is a test cell again
    "nbgrader.preprocessors.OverwriteCells",
    "autograder.trainer.cellmetadata.CheckCellMetadata",  # nbgrader's checks, its schema compiled once per run
]
c.Autograde.autograde_preprocessors = [
    "autograder.trainer.sandbox.execute.SandboxedExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "autograder.trainer.scoring.ScoreFromFiles",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "autograder.trainer.cellmetadata.CheckCellMetadata",
]

# Feedback never shows hidden tests: they are cut out of the test cells before the HTML is written.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "autograder.trainer.feedback.CriterionSummary",  # a French table of results by criterion at the top
    "autograder.trainer.feedback.RedactHiddenTests",  # tracebacks quote the failing hidden line: masked before…
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "autograder.trainer.feedback.FeedbackPage",  # French link names and labels, one <h1>: for the template below
]
# The feedback page is rendered from the course's French template (autograder/trainer/templates/feedback/: lang="fr",
# one <main> and one <h1>, underlined links, nothing from a CDN), which shadows nbgrader's template of the same name.
from autograder.trainer.feedback import template_basedirs  # noqa: E402 (kept with the feedback lines)

c.HTMLExporter.extra_template_basedirs = template_basedirs()

"""``python -m autograder …``: the trainer's command line (see :mod:`autograder.trainer.cli`)."""

from autograder.trainer.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

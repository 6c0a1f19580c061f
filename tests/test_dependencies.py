"""The dependency pins that keep every nbgrader command, grading run and JupyterLab start fast."""

from __future__ import annotations

import subprocess
import sys


def test_jsonschema_does_not_compile_the_iri_grammars_when_imported():
    # jsonschema ≥ 4.25 (format-nongpl) imports rfc3987_syntax, which builds 38 parsers at import (about a
    # second per process): pyproject.toml keeps jsonschema below 4.25.
    out = subprocess.run([sys.executable, "-c", "import sys, jsonschema, nbformat; "
                          "print(sorted(m for m in ('rfc3987_syntax', 'lark') if m in sys.modules))"],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"

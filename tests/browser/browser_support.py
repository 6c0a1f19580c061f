"""A real JupyterLab and a real Chromium for the browser tests (imported by the test modules).

JupyterLab is started on a free local port from this environment (so with the project's settings
written by ``autograder.setup_lab``: French interface, widgets, nbgrader), in a scratch copy of the course
so that widget state files and submissions never land in the repository, with its own Jupyter and IPython
folders so that nothing lands in the user's (the root ``conftest.py`` does the same for the whole run).
Chromium is Debian's (``/usr/bin/chromium``), driven by Playwright for Python; no browser is downloaded.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from coursetools.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: F401  (the one place; importers use them)

REPO = Path(__file__).resolve().parents[2]

CAPTURES = REPO / "tests" / "browser" / "captures"  # screenshots (git-ignored)
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
START_TIMEOUT = 180  # seconds: a loaded 2-core machine
RUN_TIMEOUT = 600_000  # ms for a whole notebook to run
UI_TIMEOUT = 120_000  # ms for the interface to react


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_course(dest: Path) -> Path:
    """The course folder as a learner and a trainer have it: lessons, exercises, nbgrader files, the trainer's
    answer keys (keys/, read by the grader only)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.corrompu-*")
    for folder in ("course", "exercises", "source", "release", "keys"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, dest / folder, ignore=ignore)
    for name in ("exercises", "course"):  # learners start without state files (only committed data files)
        for state in list((dest / name).glob("*.json")) + list((dest / name).glob("*.png")):
            if not _tracked(REPO / name / state.name):
                state.unlink()
    shutil.copy2(REPO / "nbgrader_config.py", dest / "nbgrader_config.py")
    return dest


def _tracked(path: Path) -> bool:
    proc = subprocess.run(["git", "ls-files", "--error-unmatch", str(path)], cwd=REPO, capture_output=True)
    return proc.returncode == 0


def nbgrader_env(root: Path) -> dict[str, str]:
    """The nbgrader settings of a course copy: its own SQLite gradebook and exchange (for the lab and the trainer)."""
    return {"NBGRADER_DB_URL": "", "NBGRADER_EXCHANGE": str(root / "exchange")}


class Lab:
    """A JupyterLab server running for the tests."""

    def __init__(self, root: Path, log: Path):
        self.root, self.port = root, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # Its own Jupyter folders (next to the course copy, hidden): a submission lands in this nbgrader
        # cache, never in the user's ~/.local/share/jupyter (the environment's files under sys.prefix still load).
        env = {**os.environ, **nbgrader_env(root),
               "JUPYTER_CONFIG_DIR": str(root / ".jupyter"), "JUPYTER_RUNTIME_DIR": str(root / ".runtime"),
               "JUPYTER_DATA_DIR": str(root / ".jupyter-data"), "IPYTHONDIR": str(root / ".ipython")}
        args = [
            str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", f"--port={self.port}",
            "--ip=127.0.0.1", f"--ServerApp.root_dir={root}", "--IdentityProvider.token=", "--ServerApp.password=",
            "--LabApp.expose_app_in_browser=True", "--ServerApp.open_browser=False",
        ]
        if os.geteuid() == 0:
            args.append("--allow-root")
        self.log = open(log, "w", encoding="utf-8")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(args, cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        try:
            self._wait_ready()
        except BaseException:
            self.stop()  # never leave a server behind
            raise

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab s'est arrêté au démarrage (code {self.proc.returncode})")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status", timeout=5) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise TimeoutError(f"JupyterLab ne répond pas après {START_TIMEOUT} s")

    def get_json(self, path: str):
        with urllib.request.urlopen(f"{self.url}{path}", timeout=30) as resp:
            return json.loads(resp.read().decode("utf-8"))

    def stop(self) -> None:
        try:
            for session in (self.get_json("/api/sessions") if self.proc.poll() is None else []):
                req = urllib.request.Request(f"{self.url}/api/sessions/{session['id']}", method="DELETE")
                urllib.request.urlopen(req, timeout=30).close()
        except OSError:
            pass
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=30)
        self.log.close()


# JavaScript run in the page (JupyterLab exposes its application as window.jupyterapp).
JS_NOTEBOOK_STATE = """
() => {
  const w = window.jupyterapp.shell.currentWidget;
  if (!w || !w.content || !w.content.model) { return null; }
  const cells = [];
  for (const cell of w.content.model.cells) {
    const json = cell.toJSON();
    cells.push({type: json.cell_type, source: Array.isArray(json.source) ? json.source.join('') : json.source,
                count: json.execution_count ?? null, outputs: json.outputs || []});
  }
  const kernel = w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return {cells, status: kernel ? kernel.status : 'none', busy: w.sessionContext ? w.sessionContext.kernelDisplayStatus : ''};
}
"""


def wait_kernel_idle(page, timeout: int = UI_TIMEOUT) -> None:
    page.wait_for_function(
        """() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
                   return !!(w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel
                          && w.sessionContext.session.kernel.status === 'idle'); }""",
        timeout=timeout, polling=500)


def wait_all_run(page, timeout: int = RUN_TIMEOUT) -> None:
    """Every non-empty code cell has run and the kernel is idle."""
    page.wait_for_function(
        """() => { const w = window.jupyterapp.shell.currentWidget;
                   if (!w || !w.sessionContext.session || w.sessionContext.session.kernel.status !== 'idle') return false;
                   for (const cell of w.content.model.cells) {
                     const j = cell.toJSON();
                     const src = Array.isArray(j.source) ? j.source.join('') : j.source;
                     if (j.cell_type === 'code' && src.trim() && !j.execution_count) return false;
                   }
                   return document.querySelectorAll('.jp-InputArea-prompt').length === 0 ||
                          ![...document.querySelectorAll('.jp-InputArea-prompt')].some(p => p.textContent.includes('*'));
                 }""",
        timeout=timeout, polling=1000)


def problems(state: dict) -> list[str]:
    """Error outputs and stderr streams of the executed notebook, as short French lines."""
    found = []
    for i, cell in enumerate(state["cells"]):
        for out in cell["outputs"]:
            if out.get("output_type") == "error":
                found.append(f"cellule {i} : erreur {out.get('ename')} : {str(out.get('evalue'))[:200]}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                text = out.get("text")
                text = "".join(text) if isinstance(text, list) else str(text)
                found.append(f"cellule {i} : sortie d'erreur : {text.strip()[:200]}")
    return found


def open_notebook(page, lab: Lab, rel: str) -> None:
    """Open ``rel`` alone in a fresh workspace and wait for its model."""
    workspace = "t" + "".join(ch for ch in rel if ch.isalnum())
    page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/{rel}?reset", wait_until="domcontentloaded",
              timeout=UI_TIMEOUT)
    page.wait_for_function(
        """(name) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
                      return !!(w && w.context && w.context.path.endsWith(name) && w.content && w.content.model); }""",
        arg=rel.split("/")[-1], timeout=UI_TIMEOUT, polling=500)


def run_command(page, command: str, args: dict | None = None):
    return page.evaluate("([c, a]) => window.jupyterapp.commands.execute(c, a)", [command, args or {}])


def assignment_row(page, list_id: str, name: str):
    """The rows of the assignment ``name`` in nbgrader's list ``list_id`` (the assignment's, then its notebooks')."""
    return page.locator(f"#{list_id} .list_item").filter(has_text=name)


def press_in_list(page, list_id: str, name: str) -> None:
    """Press the main button of the row of ``name`` in nbgrader's list ``list_id`` (« Récupérer », « Rendre » or
    « Récupérer les retours », put in French by the course's JupyterLab extension: nbgrader's « btn-primary », its
    notebooks' « Valider » being « btn-default »), found again if a load of the list, which draws it again, detached
    it a moment earlier."""
    deadline = time.monotonic() + UI_TIMEOUT / 1000
    while True:
        try:
            assignment_row(page, list_id, name).locator("button.btn-primary").first.click(timeout=5_000)
            return
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise


# What the course renders (markdown, outputs, widgets): JupyterLab's own editor and toolbars are not audited.
CONTENT = [".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownOutput",
           ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"]


def axe_audit(page, include: list[str] | None = None) -> list[dict]:
    """axe-core's violations on the rendered course content (impact, rule, nodes)."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (sels) => {
             const include = sels.filter(s => document.querySelector(s)).map(s => [s]);
             if (!include.length) return [];
             const res = await window.axe.run({include}, {resultTypes: ['violations']});
             return res.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                              nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.html.slice(0, 160))}));
           }""",
        include or CONTENT)

"""The grading sandbox (autograder/sandbox.py), one property per test, through its real launcher.

Each test starts ``python -m autograder.trainer.sandbox.launcher launch <copie> <bac à sable> -- python -c …`` exactly as
the kernel manager does for a grading kernel, with a small Python program in place of the kernel, and
checks what that program could see and do. Full isolation needs root (as in CI); the partial mode is
what a trainer without root gets.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from autograder.trainer.sandbox import launcher as sandbox

# Each launcher test starts a sandbox (seconds on a loaded machine): slow tests.
NOT_ROOT = "l'isolement complet demande root (comme en CI)"


@pytest.fixture
def course(tmp_path) -> dict:
    """A scratch course: solutions, a gradebook, two learners' submissions."""
    root = tmp_path / "cours"
    (root / "source" / "c5_essai").mkdir(parents=True)
    (root / "source" / "c5_essai" / "corrige.txt").write_text("SOLUTION SECRÈTE", encoding="utf-8")
    (root / "gradebook.db").write_bytes(b"SQLite format 3\x00 carnet")
    alice = root / "submitted" / "alice" / "c5_essai"
    bob = root / "submitted" / "bob" / "c5_essai"
    for folder, text in ((alice, "copie d'Alice"), (bob, "copie de Bob")):
        folder.mkdir(parents=True)
        (folder / "reponse.txt").write_text(text, encoding="utf-8")
    return {"root": root, "alice": alice, "bob": bob}


def run_sandboxed(workdir: Path, program: str, *, env: dict | None = None, timeout: float = 60):
    box = sandbox.make_sandbox_dir()
    try:
        full_env = {**os.environ, "NBGRADER_EXECUTION": "autograde", **(env or {})}
        start = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "autograder.trainer.sandbox.launcher", "launch", str(workdir), box, "--",
             sys.executable, "-c", textwrap.dedent(program)],
            capture_output=True, text=True, timeout=timeout, env=full_env, start_new_session=True,
        )
        proc.elapsed = time.monotonic() - start
        return proc
    finally:
        shutil.rmtree(box, ignore_errors=True)


def sandbox_processes() -> list[int]:
    """Host pids of processes owned by a sandbox user id."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid >= sandbox.UID_BASE:
                    pids.append(int(entry.name))
            except FileNotFoundError:
                continue
    return pids


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason=NOT_ROOT)
def test_runs_as_unprivileged_user_in_a_private_copy(course):
    proc = run_sandboxed(course["alice"], """
        import os
        print(os.getuid(), os.getgid(), os.getgroups())
        print(os.getcwd(), open("reponse.txt", encoding="utf-8").read())
        open("reponse.txt", "w").write("réécrit")
        open("nouveau.txt", "w").write("x")
    """)
    assert proc.returncode == 0, proc.stderr
    ids, where = proc.stdout.splitlines()[:2]
    uid, gid, groups = ids.split(" ", 2)
    assert int(uid) >= sandbox.UID_BASE and int(gid) >= sandbox.UID_BASE and groups == "[]"
    assert where == f"{sandbox.HOME} copie d'Alice"
    # The submission itself is untouched: the learner's code wrote into its private copy.
    assert (course["alice"] / "reponse.txt").read_text(encoding="utf-8") == "copie d'Alice"
    assert not (course["alice"] / "nouveau.txt").exists()


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason=NOT_ROOT)
def test_cannot_read_source_gradebook_or_other_learners(course):
    root = course["root"]
    targets = [root / "source" / "c5_essai" / "corrige.txt", root / "gradebook.db",
               course["bob"] / "reponse.txt", root / "nbgrader_config.py", Path(sys.prefix).parent / "source"]
    proc = run_sandboxed(course["alice"], f"""
        import os
        for path in {[str(t) for t in targets]!r}:
            try:
                open(path, "rb").read()
                print("LU", path)
            except OSError as exc:
                print("refusé", type(exc).__name__)
        repo = {str(Path(sys.prefix).resolve().parent)!r}
        print(sorted(os.listdir(repo)) if os.path.isdir(repo) else [])
    """)
    assert proc.returncode == 0, proc.stderr
    assert "LU" not in proc.stdout, proc.stdout
    assert proc.stdout.count("refusé") == len(targets)
    shown = proc.stdout.splitlines()[-1]  # the repository holding this Python: only the package and venv
    assert set(eval(shown)) <= {"autograder", ".venv"}, shown


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason=NOT_ROOT)
def test_no_network(course):
    proc = run_sandboxed(course["alice"], """
        import socket
        for host, port in (("1.1.1.1", 80), ("127.0.0.1", 22)):
            try:
                socket.create_connection((host, port), timeout=3)
                print("CONNECTÉ", host)
            except OSError as exc:
                print("coupé", exc.errno)
    """)
    assert proc.returncode == 0, proc.stderr
    assert "CONNECTÉ" not in proc.stdout and proc.stdout.count("coupé") == 2


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason=NOT_ROOT)
def test_grading_is_invisible_to_learner_code(course):
    proc = run_sandboxed(course["alice"], """
        import os
        print(sorted(k for k in os.environ if k.startswith("NBGRADER")))
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason=NOT_ROOT)
def test_memory_limit(course):
    proc = run_sandboxed(course["alice"], """
        try:
            blob = bytearray(3 * 1024 ** 3)
            print("ALLOUÉ")
        except MemoryError:
            print("mémoire refusée")
    """, env={"AUTOGRADER_SANDBOX_MEMORY_MB": "1024"})
    assert proc.stdout.strip() == "mémoire refusée", proc.stdout + proc.stderr


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason=NOT_ROOT)
def test_process_limit_and_no_survivors(course):
    proc = run_sandboxed(course["alice"], """
        import os, time
        children = 0
        try:
            while True:
                if os.fork() == 0:
                    time.sleep(120)
                    os._exit(0)
                children += 1
        except OSError:
            print("limite atteinte", children)
    """, env={"AUTOGRADER_SANDBOX_PROCESSES": "40"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("limite atteinte")
    assert int(proc.stdout.split()[-1]) < 40
    assert proc.elapsed < 30  # the sleeping children did not keep the kernel's namespace alive
    deadline = time.monotonic() + 10
    while sandbox_processes() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert sandbox_processes() == []


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason=NOT_ROOT)
def test_cpu_time_limit(course):
    proc = run_sandboxed(course["alice"], "while True:\n    pass\n", env={"AUTOGRADER_SANDBOX_CPU_SECONDS": "2"},
                         timeout=60)
    assert proc.returncode != 0
    assert proc.elapsed < 30


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason=NOT_ROOT)
def test_file_and_disk_limits(course):
    proc = run_sandboxed(course["alice"], """
        chunk = b"x" * (1024 * 1024)
        for name, size in (("gros.bin", 20), ("a.bin", 12), ("b.bin", 12), ("c.bin", 12)):
            try:
                with open(name, "wb") as handle:
                    for _ in range(size):
                        handle.write(chunk)
                print("écrit", name)
            except OSError as exc:
                print("refusé", name, exc.errno)
    """, env={"AUTOGRADER_SANDBOX_FILE_MB": "15", "AUTOGRADER_SANDBOX_DISK_MB": "40"})
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("refusé gros.bin"), proc.stdout + proc.stderr  # larger than one file may be
    assert lines[1] == "écrit a.bin" and lines[2] == "écrit b.bin"
    assert lines[3].startswith("refusé c.bin")  # the private copy is full


def test_partial_mode_says_what_is_missing_in_french(course):
    proc = run_sandboxed(course["alice"], """
        import os, resource
        print(os.getcwd() != os.environ.get("PWD_ORIGINE"), open("reponse.txt", encoding="utf-8").read())
        print(resource.getrlimit(resource.RLIMIT_AS)[0] // 1024 ** 2, "NBGRADER_EXECUTION" in os.environ)
    """, env={"AUTOGRADER_SANDBOX_PARTIAL": "1", "PWD_ORIGINE": str(course["alice"])})
    assert proc.returncode == 0, proc.stderr
    assert "Bac à sable partiel" in proc.stderr and "lancez la correction en root" in proc.stderr
    assert proc.stdout.splitlines() == ["True copie d'Alice", f"{sandbox.LIMITS['memory_mb']} False"]


def test_learner_environment_excludes_grading_variables(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.setenv("NBGRADER_DB_URL", "postgresql://formateur@localhost/notes")
    env = sandbox._kernel_env("/home/apprenant")
    assert not any(key.startswith("NBGRADER") for key in env)
    assert env["HOME"] == "/home/apprenant" and env["OMP_NUM_THREADS"] == "1"


def test_only_system_python_and_package_are_shown():
    shown = sandbox.shown_paths()
    repo = str(Path(__file__).resolve().parents[1])
    assert str(Path(sys.prefix).resolve()) in shown or any(sys.prefix.startswith(p) for p in shown)
    assert repo not in shown and f"{repo}/source" not in shown
    assert all(not p.startswith(f"{repo}/") or p in (f"{repo}/autograder", f"{repo}/.venv") for p in shown), shown


def test_config_routes_autograde_through_the_sandbox(repo):
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(repo)).load_config()
    steps = config.Autograde.autograde_preprocessors
    assert steps[0] == "autograder.trainer.sandbox.execute.SandboxedExecute"
    assert "nbgrader.preprocessors.SaveAutoGrades" in steps
    # Learners' JupyterLab and `nbgrader validate` keep nbgrader's own kernels.
    assert "kernel_manager_class" not in config.get("Execute", {})
    assert "kernel_manager_class" not in config.get("ExecutePreprocessor", {})


def test_a_kernel_dead_before_its_first_reply_is_replaced_once(monkeypatch):
    """Start-up deaths (before any learner code) cost nothing; a kernel that never starts still fails."""
    import nbformat
    from jupyter_client.manager import AsyncKernelManager

    from autograder.trainer.sandbox.execute import SandboxedExecute

    monkeypatch.setenv("AUTOGRADER_SANDBOX", "0")
    starts = []

    class DiesFirst(AsyncKernelManager):
        def format_kernel_cmd(self, extra_arguments=None):
            starts.append(1)
            if len(starts) <= self.deaths:
                return [sys.executable, "-c", "import sys; sys.exit(3)"]
            return super().format_kernel_cmd(extra_arguments)

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    DiesFirst.deaths = 1
    done, _ = SandboxedExecute(kernel_manager_class=DiesFirst, timeout=60).preprocess(nb, {"metadata": {"path": "."}})
    assert done.cells[0].outputs[0]["text"].strip() == "42" and len(starts) == 2

    starts.clear()
    DiesFirst.deaths = 5
    with pytest.raises(RuntimeError, match="kernel_info"):
        SandboxedExecute(kernel_manager_class=DiesFirst, timeout=60).preprocess(nb, {"metadata": {"path": "."}})
    assert len(starts) == 2


def test_limits_are_documented_settings_read_when_used(monkeypatch):
    from autograder.trainer.sandbox import limits

    for setting in limits.SETTINGS:
        assert setting.default > 0 and setting.unit and setting.description.endswith(".")
    monkeypatch.delenv("AUTOGRADER_SANDBOX_MEMORY_MB", raising=False)
    assert sandbox.LIMITS["memory_mb"] == limits.value("memory_mb") == 2048
    monkeypatch.setenv("AUTOGRADER_SANDBOX_MEMORY_MB", "4096")  # after import: still followed
    assert sandbox.LIMITS["memory_mb"] == 4096 and limits.current()["memory_mb"] == 4096
    assert "| `AUTOGRADER_SANDBOX_MEMORY_MB` | 2\u202f048 | 4\u202f096 | Mo |" in limits.table()
    monkeypatch.setenv("AUTOGRADER_SANDBOX_MEMORY_MB", "beaucoup")
    with pytest.raises(limits.LimitError, match="nombre entier"):
        limits.current()
    assert "invalide" in limits.table()


def test_limits_command_prints_the_french_table():
    proc = subprocess.run([sys.executable, "-m", "autograder", "limites"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "AUTOGRADER_SANDBOX_CPU_SECONDS" in proc.stdout and "NBGRADER_CELL_TIMEOUT" in proc.stdout
    assert "ce qu'elle limite" in proc.stdout


def test_start_retry_is_added_once_to_any_execute_class():
    from nbgrader.preprocessors import Execute

    from autograder.trainer.sandbox.execute import KernelStartRetry, SandboxedExecute, with_start_retry

    assert with_start_retry(SandboxedExecute) is SandboxedExecute
    retrying = with_start_retry(Execute)
    assert issubclass(retrying, KernelStartRetry) and issubclass(retrying, Execute)
    assert with_start_retry(retrying) is retrying

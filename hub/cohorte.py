"""A real JupyterHub of the course for the tests and the load benchmark (tests/hub, benchmarks/bench_hub.py).

``CourseHub`` starts, in a fresh system folder under /tmp, the hub that ``make hub`` starts (``scripts/hub.sh``:
JupyterHub and configurable-http-proxy on 127.0.0.1, PostgreSQL for the gradebook), with Unix accounts made by
``hub/comptes.py`` from a cohort CSV; ``close()`` stops everything and removes the accounts, their home folders
and the folder, whatever happened before. Needs root (real Unix accounts, servers started under them).
"""

from __future__ import annotations

import csv
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from coursetools.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: F401  (the one place; importers use them)
from hub.comptes import exists, group_exists, group_members

REPO = Path(__file__).resolve().parents[1]
HUB_ENV = Path(os.environ.get("HUB_ENV", "/opt/communication-digitale/env"))
HUB_SCRIPT = REPO / "scripts" / "hub.sh"
ACCOUNTS = REPO / "hub" / "comptes.py"

UI_TIMEOUT = 120_000  # ms
WORKSPACE = "communication-digitale"  # each user's folder in their home (hub/jupyterhub_config.py)
LEARNERS = ["essai-apprenant-1", "essai-apprenant-2", "essai-apprenant-3"]  # the test cohort
TRAINER = "essai-formateur"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def env_is_stale() -> bool:
    """The hub's environment is missing or older than the course package it holds a copy of."""
    stamp = HUB_ENV / ".installed"
    if not stamp.exists():
        return True
    sources = [REPO / "pyproject.toml", *(REPO / "autograder").rglob("*.py"), *(REPO / "autograder" / "data").rglob("*")]
    return max(p.stat().st_mtime for p in sources if p.is_file()) > stamp.stat().st_mtime


def ensure_env() -> None:
    if env_is_stale():
        subprocess.run([str(HUB_SCRIPT), "env"], check=True, capture_output=True, text=True)


class CourseHub:
    """The course's hub with a cohort of test accounts (``learners`` and one ``trainer``)."""

    def __init__(self, learners: list[str], trainer: str, prefix: str = "hub-essai-"):
        self.learners, self.trainer = learners, trainer
        self.root = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
        os.chmod(self.root, 0o755)  # learners traverse it to the exchange and their home
        self.homes = self.root / "home"
        self.homes.mkdir(mode=0o755)
        self.passwords_file = self.root / "mots-de-passe.csv"
        self.groups_before = {g for g in ("apprenants", "formateurs") if group_exists(g)}
        self.env = {**os.environ, "HUB_ROOT": str(self.root), "HUB_ENV": str(HUB_ENV),
                    "HUB_PORT": str(free_port()), "HUB_INTERNAL_PORT": str(free_port()),
                    "HUB_PROXY_API_PORT": str(free_port())}
        self.url = ""
        self.passwords: dict[str, str] = {}
        try:
            self._remove_accounts()  # left over by an interrupted run (only accounts marked by hub/comptes.py)
            for login in [*learners, trainer]:
                if exists(login):
                    raise RuntimeError(f"Le compte « {login} » existe déjà et n'a pas été créé par hub/comptes.py")
            self._create_accounts()
            ensure_env()
            out = subprocess.run([str(HUB_SCRIPT), "start"], env=self.env, capture_output=True, text=True)
            if out.returncode != 0:
                raise RuntimeError(f"scripts/hub.sh start a échoué :\n{out.stdout}\n{out.stderr}")
            self.url = out.stdout.strip().splitlines()[-1]
        except BaseException:
            self.close()
            raise

    # --- accounts
    def _cohort_file(self, name: str, logins: list[str]) -> Path:
        path = self.root / name
        lines = ["identifiant;nom;e-mail", *(f"{login};{login.replace('-', ' ').title()};{login}@example.org"
                                           for login in logins)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def _create_accounts(self) -> None:
        for role, logins in (("apprenant", self.learners), ("formateur", [self.trainer])):
            subprocess.run([sys.executable, str(ACCOUNTS), "creer", "--role", role, "--base-dir", str(self.homes),
                            "--mots-de-passe", str(self.passwords_file),
                            str(self._cohort_file(f"{role}s.csv", logins))], check=True, capture_output=True)
        with open(self.passwords_file, encoding="utf-8") as handle:
            self.passwords = {row[0]: row[1] for row in list(csv.reader(handle, delimiter=";"))[1:]}

    def _remove_accounts(self) -> None:
        subprocess.run([sys.executable, str(ACCOUNTS), "supprimer",
                        str(self._cohort_file("tous.csv", [*self.learners, self.trainer]))],
                       check=False, capture_output=True)

    # --- paths and commands
    def home(self, login: str) -> Path:
        return Path(pwd.getpwnam(login).pw_dir)

    def workspace(self, login: str) -> Path:
        return self.home(login) / WORKSPACE

    @property
    def exchange(self) -> Path:
        return self.root / "exchange"

    @property
    def gradebook_url(self) -> str:
        return (self.root / "etat" / "carnet.url").read_text(encoding="utf-8").strip()

    def run_as(self, login: str, args: list[str], cwd: Path | None = None, extra_env: dict | None = None,
               timeout: int = 600) -> subprocess.CompletedProcess:
        """``args`` under ``login``'s Unix account, with the environment their server has."""
        env = {"HOME": str(self.home(login)), "USER": login, "LANG": "C.UTF-8",
               "PATH": f"{HUB_ENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
               "JUPYTER_CONFIG_PATH": str(self.root / "jupyter" / "tous"),
               "NBGRADER_EXCHANGE": str(self.exchange), "NBGRADER_DB_URL": "", **(extra_env or {})}
        return subprocess.run(["runuser", "-u", login, "--", "env", "-i", *(f"{k}={v}" for k, v in env.items()),
                               *args], cwd=cwd or self.home(login), capture_output=True, text=True, timeout=timeout)

    def as_trainer(self, args: list[str], timeout: int = 600) -> subprocess.CompletedProcess:
        """A command of the trainer in their course folder, with the gradebook (PostgreSQL) of the hub."""
        out = self.run_as(self.trainer, args, cwd=self.workspace(self.trainer),
                          extra_env={"NBGRADER_DB_URL": self.gradebook_url}, timeout=timeout)
        if out.returncode != 0:
            raise AssertionError(f"{' '.join(args)} (formateur) : code {out.returncode}\n{out.stdout}\n{out.stderr}")
        return out

    def log(self) -> str:
        path = self.root / "etat" / "hub.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    # --- the end
    def close(self) -> None:
        """Stop the hub and PostgreSQL, remove the accounts, their homes, the groups made here and the folder."""
        if (self.root / "etat").exists():
            subprocess.run([str(HUB_SCRIPT), "stop"], env=self.env, capture_output=True, check=False, timeout=120)
        self._remove_accounts()
        for group in ("apprenants", "formateurs"):
            if group not in self.groups_before and group_exists(group) and not group_members(group):
                subprocess.run(["groupdel", group], check=False, capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)


def login(context, hub: CourseHub, user: str):
    """Log ``user`` in through the hub's (French) login page; the page once their JupyterLab is up."""
    page = context.new_page()
    page.goto(f"{hub.url}/hub/login", wait_until="domcontentloaded")
    if "/hub/login" in page.url:  # not yet logged in with this browser profile
        page.fill("#username_input", user)
        page.fill("#password_input", hub.passwords[user])
        page.click("#login_submit")
    for _ in range(3):  # JupyterLab may still redirect once (to its workspace URL) while it starts
        page.wait_for_function("() => !!(window.jupyterapp && window.jupyterapp.shell)", timeout=UI_TIMEOUT,
                               polling=500)
        try:
            page.evaluate("async () => { await window.jupyterapp.restored; }")  # every plugin (nbgrader's) loaded
            return page
        except Exception as exc:  # playwright's Error: the page navigated meanwhile
            if "navigation" not in str(exc):
                raise
    raise TimeoutError(f"JupyterLab de {user} ne finit pas de se charger")


def wait_for(predicate, timeout: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    raise TimeoutError(f"{what} : toujours faux après {timeout} s")

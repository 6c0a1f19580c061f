"""JupyterHub of the course for a cohort on one server (started by ``scripts/hub.sh``, i.e. ``make hub``).

Everything site-specific comes from the environment that ``scripts/hub.sh`` sets:

- ``HUB_ROOT``: the hub's system folder (default ``/srv/communication-digitale``) with ``contenu/`` (lessons and
  exercises, read-only, for everyone), ``cours/`` (the trainer's course folder template: source/, release/,
  nbgrader_config.py; root only), ``exchange/`` (nbgrader's multi-user exchange), ``jupyter/`` (configuration of
  the single-user servers) and ``etat/`` (the hub's own state, root only);
- ``HUB_ENV``: the Python environment installed for all users (default ``/opt/communication-digitale/env``);
- ``HUB_IP`` / ``HUB_PORT``: where the proxy listens (default 127.0.0.1:8000);
- ``HUB_MEM_LIMIT`` / ``HUB_CPU_LIMIT`` / ``HUB_IDLE_TIMEOUT``: limits of each user's server and the culler's delay.

Authentication is PAM with the Unix accounts created by ``hub/comptes.py``: members of the Unix group
« apprenants » are learners, members of « formateurs » are trainers (hub admins, with the formgrader in their
own server). Each user's server runs under their own Unix account (LocalProcessSpawner), in a cgroup that
enforces the memory and CPU limits.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import sys
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner

c = get_config()  # noqa: F821 (provided by traitlets when JupyterHub loads this file)

ROOT = Path(os.environ.get("HUB_ROOT", "/srv/communication-digitale"))
ENV = Path(os.environ.get("HUB_ENV", "/opt/communication-digitale/env"))
STATE = ROOT / "etat"
LEARNERS = os.environ.get("HUB_GROUPE_APPRENANTS", "apprenants")
TRAINERS = os.environ.get("HUB_GROUPE_FORMATEURS", "formateurs")
WORKSPACE = "communication-digitale"  # the folder each user works in, inside their home
MEM_LIMIT = os.environ.get("HUB_MEM_LIMIT", "1G")
CPU_LIMIT = float(os.environ.get("HUB_CPU_LIMIT", "1"))
IDLE_TIMEOUT = int(os.environ.get("HUB_IDLE_TIMEOUT", "3600"))


def members(group: str) -> set[str]:
    try:
        entry = grp.getgrnam(group)
    except KeyError:
        return set()
    return set(entry.gr_mem) | {p.pw_name for p in pwd.getpwall() if p.pw_gid == entry.gr_gid}


# --- Network: the proxy (configurable-http-proxy from npm) on one address, the hub behind it on loopback.
c.JupyterHub.ip = os.environ.get("HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("HUB_INTERNAL_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ.get('HUB_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [os.environ.get("HUB_PROXY", "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every user's server

# --- Who may log in: PAM against the Unix accounts; trainers are the hub's admins.
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {LEARNERS, TRAINERS}
c.PAMAuthenticator.admin_groups = {TRAINERS}
c.PAMAuthenticator.open_sessions = False  # no systemd-logind here; servers are started by the spawner
c.Authenticator.delete_invalid_users = True  # an account removed from the cohort disappears from the hub

# --- The French interface: the hub's own pages (login, home) and JupyterLab (settings written by setup_lab).
c.JupyterHub.template_paths = [str(Path(__file__).resolve().parent / "templates")]
c.JupyterHub.template_vars = {"cours": "Gérer la communication digitale d'une entreprise via les réseaux sociaux"}


class CourseSpawner(LocalProcessSpawner):
    """Each user's server under their Unix account, in their workspace, inside a memory and CPU cgroup."""

    def _is_trainer(self) -> bool:
        return self.user.name in members(TRAINERS)

    def _prepare_workspace(self) -> Path:
        account = pwd.getpwnam(self.user.name)
        home = Path(account.pw_dir)
        workspace = home / WORKSPACE
        # the trainer gets the whole course (source/, release/, config); learners only lessons and exercises
        template = ROOT / ("cours" if self._is_trainer() else "contenu")
        for src in template.rglob("*"):
            rel = src.relative_to(template)
            if any(part in (".ipynb_checkpoints", "__pycache__") for part in rel.parts):
                continue
            dest = workspace / rel
            if src.is_dir():
                dest.mkdir(parents=True, exist_ok=True)
            elif not dest.exists():  # new lessons arrive, a learner's own copy is never overwritten
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest)
            else:
                continue
            os.chown(dest, account.pw_uid, account.pw_gid)
        for folder in [workspace, *[p for p in workspace.rglob("*") if p.is_dir()]]:
            os.chown(folder, account.pw_uid, account.pw_gid)
        os.chmod(home, 0o700)  # only its owner reads a home folder
        return workspace

    def get_env(self):
        env = super().get_env()
        config_path = [str(ROOT / "jupyter" / "tous")]
        if not self._is_trainer():  # learners: no formgrader, no course list, no assignment creation
            config_path.insert(0, str(ROOT / "jupyter" / "apprenants"))
        env.update({
            "PATH": f"{ENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "JUPYTER_CONFIG_PATH": os.pathsep.join(config_path),
            "NBGRADER_EXCHANGE": str(ROOT / "exchange"),
            "NBGRADER_DB_URL": "",
            "LANG": "fr_FR.UTF-8" if Path("/usr/lib/locale/fr_FR.utf8").exists() else "C.UTF-8",
        })
        if self._is_trainer():
            url_file = STATE / "carnet.url"
            if url_file.exists():  # the gradebook (PostgreSQL) is the trainers' alone
                env["NBGRADER_DB_URL"] = url_file.read_text(encoding="utf-8").strip()
        return env

    def make_preexec_fn(self, name):
        become_user = super().make_preexec_fn(name)
        workspace = self.notebook_dir

        def preexec():  # nbgrader works in the current folder: fetched assignments land in the workspace
            become_user()
            os.chdir(workspace)

        return preexec

    async def start(self):
        workspace = self._prepare_workspace()
        self.notebook_dir = str(workspace)
        if not self._is_trainer():
            self.default_url = "/lab/tree/course/00_introduction.ipynb"
        ip_port = await super().start()
        self._limit(self.pid)
        return ip_port

    async def stop(self, now=False):
        await super().stop(now=now)
        for path in (limit_cgroup(self.user.name) or {}).values():  # the user's empty cgroups go with the server
            try:
                path.rmdir()
            except OSError:
                pass

    def _limit(self, pid: int) -> None:
        """Memory and CPU limits through the hub's own cgroups (v1 or v2), if the kernel lets us write them."""
        cgroup = limit_cgroup(self.user.name)
        if cgroup is None:
            self.log.warning("Limites mémoire/CPU non appliquées à %s : cgroups non modifiables ici", self.user.name)
            return
        try:
            apply_limits(cgroup, pid, parse_bytes(MEM_LIMIT), CPU_LIMIT)
        except OSError as exc:
            self.log.warning("Limites mémoire/CPU non appliquées à %s : %s", self.user.name, exc)


def parse_bytes(text: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper()
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


def own_cgroup(controller: str) -> Path | None:
    """The folder of this process's cgroup for ``controller`` (cgroup v1), or the unified one (v2)."""
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, names, path = line.split(":", 2)
        if controller in names.split(",") and (Path("/sys/fs/cgroup") / controller).is_dir():
            return Path("/sys/fs/cgroup") / controller / path.lstrip("/")
        if names == "" and Path("/sys/fs/cgroup/cgroup.controllers").exists():
            return Path("/sys/fs/cgroup") / path.lstrip("/")
    return None


def limit_cgroup(user: str) -> dict[str, Path] | None:
    """One child cgroup per user below the hub's own (never outside it), per controller."""
    found = {}
    for controller in ("memory", "cpu"):
        base = own_cgroup(controller)
        if base is None or not os.access(base, os.W_OK):
            return None
        found[controller] = base / "hub-communication-digitale" / user
    return found


def apply_limits(cgroup: dict[str, Path], pid: int, mem: int, cpus: float) -> None:
    for path in cgroup.values():
        path.mkdir(parents=True, exist_ok=True)
    mem_dir, cpu_dir = cgroup["memory"], cgroup["cpu"]
    if (mem_dir / "memory.limit_in_bytes").exists():  # cgroup v1
        (mem_dir / "memory.limit_in_bytes").write_text(str(mem))
        (cpu_dir / "cpu.cfs_period_us").write_text("100000")
        (cpu_dir / "cpu.cfs_quota_us").write_text(str(int(cpus * 100000)))
        for path in {mem_dir, cpu_dir}:
            (path / "cgroup.procs").write_text(str(pid))
    else:  # cgroup v2: one folder for both
        (mem_dir / "memory.max").write_text(str(mem))
        (mem_dir / "cpu.max").write_text(f"{int(cpus * 100000)} 100000")
        (mem_dir / "cgroup.procs").write_text(str(pid))


c.JupyterHub.spawner_class = CourseSpawner
c.Spawner.cmd = [str(ENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.mem_limit = MEM_LIMIT  # also shown to the server (MEM_LIMIT), enforced by the cgroup above
c.Spawner.cpu_limit = CPU_LIMIT
c.Spawner.start_timeout = 120  # a loaded 2-core server
c.Spawner.http_timeout = 120

# --- Idle culler (jupyterhub-idle-culler): a server unused for IDLE_TIMEOUT seconds is stopped.
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={IDLE_TIMEOUT}", "--cull-every=300"],
}]

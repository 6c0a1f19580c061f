"""The grading sandbox: learner code run by ``nbgrader autograde`` cannot harm the trainer's machine.

nbgrader runs each submission in a kernel on the trainer's machine. Wired in ``nbgrader_config.py``
(``c.Autograde.autograde_preprocessors``), :class:`SandboxedExecute` starts every grading kernel through
:class:`SandboxKernelManager`, whose launcher (``python -m autograder.trainer.sandbox.launcher launch …``) does, as root:

* new mount, network and PID namespaces (no network at all, only the kernel's own processes visible);
* a fresh root file system (tmpfs) holding read-only views of the system (``/usr``, ``/etc``), of this
  Python environment and of the ``autograder`` package, and a private, size-limited copy of the
  submission as working folder: ``source/``, the gradebook, ``submitted/`` and ``autograded/`` of every
  learner are simply absent;
* resource limits (memory, processes, CPU time, file size) and a distinct unprivileged user id per
  kernel (so one learner's fork bomb does not exhaust another kernel's process budget);
* the kernel talks to nbgrader over ``ipc`` (Unix sockets), which a new network namespace does not cut;
* ``NBGRADER_EXECUTION`` is not passed on: learner code cannot tell grading from normal use.

On the client side :class:`SandboxedExecute` caps each cell's output, restarts a kernel that died (crash,
memory, ``sys.exit`` in a subprocess…) or stays deaf to an interrupt, and writes a French explanation
into the cell, so grading of the cohort always completes and the broken cell scores 0.

Without root (a trainer's laptop) the launcher applies what an ordinary user can (private copy of the
submission, resource limits, clean environment) and says in French what is missing.
Learners' normal use of JupyterLab is untouched: only the autograde step uses this module.
Set ``AUTOGRADER_SANDBOX=0`` to grade without it (debugging only). The limits are the settings of
:mod:`autograder.trainer.sandbox.limits` (``python -m autograder limites`` prints them).

This module and its limits import only the standard library (it runs once per grading kernel); the
nbgrader side, :mod:`autograder.trainer.sandbox.execute`, imports it, never the reverse.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import resource
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from autograder.trainer.sandbox.intake import copy_submission as copy_as_data
from autograder.trainer.sandbox.limits import Limits

# Limits of one grading kernel: documented settings (environment variables), read when a kernel starts.
LIMITS = Limits()
UID_BASE = 200_000  # sandbox user ids: UID_BASE + launcher pid (no /etc/passwd entry, owns nothing on disk)
HOME = "/home/apprenant"
# System folders shown read-only inside the sandbox (symlinks such as /bin -> usr/bin are recreated).
SYSTEM_DIRS = ("/usr", "/bin", "/lib", "/lib64", "/lib32", "/libx32", "/sbin", "/etc", "/opt")
DEVICES = ("null", "zero", "full", "random", "urandom")
PARTIAL_WARNING = (
    "Bac à sable partiel : la correction ne tourne pas en root, le code des apprenants s'exécute dans une "
    "copie temporaire de sa copie, avec des limites de mémoire, de temps, de fichiers et de sortie, "
    "mais il peut encore lire les fichiers de votre compte (source/, carnet de notes) et accéder au réseau. "
    "Pour l'isolement complet, lancez la correction en root (par exemple « sudo make grade »)."
)

CLONE_NEWNS, CLONE_NEWNET, CLONE_NEWPID = 0x00020000, 0x40000000, 0x20000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 32, 4096, 16384, 1 << 18
PR_SET_PDEATHSIG = 1


def enabled() -> bool:
    return os.environ.get("AUTOGRADER_SANDBOX", "1") != "0"


def full_isolation_possible() -> bool:
    """Full isolation needs root (namespaces, chroot, another user id)."""
    if os.environ.get("AUTOGRADER_SANDBOX_PARTIAL") == "1":  # what a trainer without root gets (tests)
        return False
    return os.geteuid() == 0 and sys.platform.startswith("linux")


def make_sandbox_dir(path: str | None = None) -> str:
    """A private folder for one kernel: ``ipc/`` (its sockets) and, while it runs, its root file system.

    ``path``: the folder of a kernel being restarted (its launcher removed it on exit), made again.
    """
    if path is None:
        path = tempfile.mkdtemp(prefix="bac-a-sable-")
    else:
        os.makedirs(path, mode=0o711, exist_ok=True)
    os.chmod(path, 0o711)
    os.makedirs(os.path.join(path, "ipc"), mode=0o700, exist_ok=True)
    return path


# --------------------------------------------------------------------------------------------------
# Launcher side (runs as the kernel process, then becomes the kernel).


def _libc():
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    return libc


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what} : {os.strerror(err)}")


def _mount(libc, source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None):
    _check(libc.mount(source and source.encode(), target.encode(), fstype and fstype.encode(), ctypes.c_ulong(flags),
                      data and data.encode()), f"mount {target}")


def _bind(libc, source: str, target: str, *, readonly: bool = True) -> None:
    _mount(libc, source, target, None, MS_BIND | MS_REC)
    if readonly:
        _mount(libc, None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def shown_paths() -> list[str]:
    """Host paths visible (read-only) inside the sandbox: system, this Python, the autograder package."""
    import autograder

    paths = [p for p in SYSTEM_DIRS if os.path.lexists(p)]
    for extra in (sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(os.path.realpath(sys.executable)),
                  str(Path(autograder.__file__).resolve().parent)):
        extra = os.path.realpath(extra)
        if not any(extra == p or extra.startswith(p.rstrip("/") + "/") for p in paths if not os.path.islink(p)):
            paths.append(extra)
    return paths


def _build_root(libc, newroot: str, workdir: str, ipc_dir: str, uid: int) -> None:
    """Populate the new root (a tmpfs already mounted on ``newroot``)."""
    # /tmp first: a course (and its Python environment) may live under /tmp, and a tmpfs mounted later
    # would hide the read-only views bound below it.
    os.makedirs(newroot + "/tmp", exist_ok=True)
    _mount(libc, "tmpfs", newroot + "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=64m,mode=1777")
    for path in shown_paths():
        inside = newroot + path
        if os.path.islink(path) and os.path.dirname(path) == "/":
            os.symlink(os.readlink(path), inside)
            continue
        os.makedirs(inside, exist_ok=True)
        _bind(libc, path, inside)
    for name in ("proc", "dev", "tmp", "run", "home"):
        os.makedirs(os.path.join(newroot, name), exist_ok=True)
    _mount(libc, "proc", newroot + "/proc", "proc", MS_NOSUID | MS_NODEV)
    _mount(libc, "tmpfs", newroot + "/dev", "tmpfs", MS_NOSUID, "size=1m,mode=0755")
    for dev in DEVICES:
        target = f"{newroot}/dev/{dev}"
        Path(target).touch()
        _bind(libc, f"/dev/{dev}", target, readonly=False)
    os.makedirs(newroot + "/dev/shm")
    _mount(libc, "tmpfs", newroot + "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "size=64m,mode=1777")
    inside_ipc = newroot + ipc_dir
    os.makedirs(inside_ipc, exist_ok=True)
    _bind(libc, ipc_dir, inside_ipc, readonly=False)
    home = newroot + HOME
    _copy_submission(workdir, home)
    for base, dirs, files in os.walk(newroot + "/home"):
        for name in (base, *(os.path.join(base, n) for n in dirs + files)):
            os.lchown(name, uid, uid)


def _copy_submission(workdir: str, home: str) -> None:
    # Read as data: regular files of accepted types only, never through a link, nothing run at start-up.
    copy_as_data(workdir, home)
    os.chmod(home, 0o700)
    cache = Path.home() / ".cache" / "matplotlib"  # saves rebuilding the font list in every kernel
    if cache.is_dir():
        shutil.copytree(cache, os.path.join(home, ".cache", "matplotlib"), dirs_exist_ok=True)


def _set_limits(*, processes: bool = True) -> None:
    def lower(which: int, value: int) -> None:
        soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(which, (value, value))

    mb = 1024 * 1024
    lower(resource.RLIMIT_AS, LIMITS["memory_mb"] * mb)
    lower(resource.RLIMIT_CPU, LIMITS["cpu_seconds"])
    lower(resource.RLIMIT_FSIZE, LIMITS["file_mb"] * mb)
    lower(resource.RLIMIT_NOFILE, LIMITS["open_files"])
    lower(resource.RLIMIT_CORE, 0)
    if processes:
        lower(resource.RLIMIT_NPROC, LIMITS["processes"])


def _kernel_env(home: str) -> dict:
    env = {
        "PATH": os.pathsep.join([os.path.dirname(sys.executable), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": home, "USER": "apprenant", "LOGNAME": "apprenant",
        "LANG": os.environ.get("LANG", "C.UTF-8"), "PYTHONIOENCODING": "utf-8",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline", "MPLCONFIGDIR": os.path.join(home, ".config", "matplotlib"),
        "IPYTHONDIR": os.path.join(home, ".ipython"), "JUPYTER_PLATFORM_DIRS": "1",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    for name in ("TZ", "VIRTUAL_ENV"):  # never NBGRADER_EXECUTION nor NBGRADER_DB_URL
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def _rewrite_connection_file(cmd: list[str], target: str) -> list[str]:
    """Copy the connection file named after ``-f`` to ``target`` and point the command at it."""
    out = list(cmd)
    for i, arg in enumerate(out):
        if arg == "-f" and i + 1 < len(out):
            shutil.copyfile(out[i + 1], target)
            out[i + 1] = target
        elif arg.startswith("--f="):
            shutil.copyfile(arg[4:], target)
            out[i] = "--f=" + target
    return out


def launch(workdir: str, sandbox_dir: str, cmd: list[str]) -> int:
    """Start the kernel command ``cmd`` sandboxed; returns its exit status (full) or never returns (partial)."""
    if not full_isolation_possible():
        return _launch_partial(workdir, sandbox_dir, cmd)
    libc = _libc()
    uid = UID_BASE + os.getpid()
    ipc_dir = os.path.join(sandbox_dir, "ipc")
    newroot = os.path.join(sandbox_dir, "racine")
    os.makedirs(newroot, exist_ok=True)
    os.chown(ipc_dir, uid, uid)
    # Only the kernel's side gets new mount and network namespaces: this launcher stays in the host's, so
    # that nothing it does (removing the folder at the end) can ever reach into the sandbox's mounts.
    _check(libc.unshare(CLONE_NEWPID), "unshare")
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # interrupts are for the kernel (same process group)
    init = os.fork()
    if init == 0:  # PID 1 of the new namespace: prepares the root, starts the kernel, reaps orphans
        try:
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
            _check(libc.unshare(CLONE_NEWNS | CLONE_NEWNET), "unshare")
            _mount(libc, None, "/", None, MS_REC | MS_PRIVATE)
            _mount(libc, "tmpfs", newroot, "tmpfs", MS_NOSUID | MS_NODEV, f"size={LIMITS['disk_mb']}m,mode=0755")
            _build_root(libc, newroot, workdir, ipc_dir, uid)
            cmd = _rewrite_connection_file(cmd, newroot + "/run/connexion.json")
            if os.path.exists(newroot + "/run/connexion.json"):
                os.chmod(newroot + "/run/connexion.json", 0o444)
            cmd = [c.replace(newroot + "/run", "/run") for c in cmd]
            kernel = os.fork()
            if kernel == 0:
                os.chroot(newroot)
                os.chdir(HOME)
                _set_limits()
                os.setgroups([])
                os.setresgid(uid, uid, uid)
                os.setresuid(uid, uid, uid)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                os.execve(cmd[0] if os.path.isabs(cmd[0]) else sys.executable, cmd, _kernel_env(HOME))
            status = 0
            while True:
                try:
                    pid, status = os.wait()
                except ChildProcessError:
                    break
                if pid == kernel:
                    break
            os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
        except BaseException as exc:  # noqa: BLE001 (report anything to nbgrader's log, then die)
            print(f"Bac à sable : échec de la préparation du noyau : {exc}", file=sys.stderr, flush=True)
            os._exit(70)

    def forward(signum, _frame):
        try:
            os.kill(init, signal.SIGKILL)
        except ProcessLookupError:
            pass

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGHUP, forward)
    code = 0
    while True:
        try:
            _, status = os.waitpid(init, 0)
            code = os.waitstatus_to_exitcode(status)
            break
        except InterruptedError:
            continue
        except ChildProcessError:
            break
    # The kernel's namespaces are gone with their mounts: remove its folder (a restart makes a new one).
    if not os.path.ismount(newroot):  # never walk into a live sandbox root
        shutil.rmtree(sandbox_dir, ignore_errors=True)
    return code


def _launch_partial(workdir: str, sandbox_dir: str, cmd: list[str]) -> int:
    print(PARTIAL_WARNING, file=sys.stderr, flush=True)
    home = os.path.join(sandbox_dir, "apprenant")
    _copy_submission(workdir, home)
    os.chdir(home)
    _set_limits(processes=False)  # RLIMIT_NPROC would count every process of the trainer's account
    os.execve(cmd[0] if os.path.isabs(cmd[0]) else sys.executable, cmd, _kernel_env(home))
    return 0  # not reached


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) < 5 or argv[0] != "launch" or "--" not in argv:
        print("Usage : python -m autograder.trainer.sandbox.launcher launch <dossier de la copie> <dossier du bac à sable> -- <noyau…>",
              file=sys.stderr)
        return 2
    sep = argv.index("--")
    workdir, sandbox_dir = argv[1], argv[2]
    return launch(workdir, sandbox_dir, argv[sep + 1:])


if __name__ == "__main__":
    sys.exit(main())

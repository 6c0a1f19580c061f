"""The nbgrader side of the grading sandbox (see :mod:`autograder.trainer.sandbox.launcher`).

Kept apart from the launcher so that the launcher, started once per grading kernel, imports only the
standard library; this module imports the launcher, never the reverse.
``autograder.trainer.sandbox.execute.SandboxedExecute`` is the name wired in ``nbgrader_config.py``.

:class:`KernelStartRetry` is the one kernel start-up retry of the project: :class:`SandboxedExecute` has it,
and the grading workers add it to whatever ``Execute`` class the configuration names (:func:`with_start_retry`).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import ensure_async, run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Bool, Dict, Integer, default

from autograder.trainer.sandbox import limits
from autograder.trainer.sandbox.launcher import (
    LIMITS,
    PARTIAL_WARNING,
    enabled,
    full_isolation_possible,
    make_sandbox_dir,
)

# --------------------------------------------------------------------------------------------------
# nbgrader side.


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run in the sandbox and talk over Unix sockets."""

    sandbox_dir: str | None = None

    async def _async_pre_start_kernel(self, **kw):
        if self.sandbox_dir is None:
            self.sandbox_dir = make_sandbox_dir()
            self.transport = "ipc"
            self.ip = os.path.join(self.sandbox_dir, "ipc", "k")
            if not full_isolation_possible():
                self.log.warning(PARTIAL_WARNING)
        else:  # a restart: same folder and sockets' names (the connection file is kept)
            make_sandbox_dir(self.sandbox_dir)
        cmd, kw = await super()._async_pre_start_kernel(**kw)
        workdir = os.path.abspath(kw.get("cwd") or os.getcwd())
        launcher = [sys.executable, "-m", "autograder.trainer.sandbox.launcher", "launch", workdir, self.sandbox_dir, "--"]
        kw["cwd"] = self.sandbox_dir
        return launcher + list(cmd), kw

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart and self.sandbox_dir:
            shutil.rmtree(self.sandbox_dir, ignore_errors=True)

    cleanup_resources = _async_cleanup_resources  # AsyncKernelManager binds the base method by value


DEAD_KERNEL = (
    "Le noyau s'est arrêté pendant cette cellule (plantage, mémoire épuisée, trop de processus ou arrêt forcé) : "
    "elle ne rapporte aucun point et la correction a continué avec un noyau neuf."
)
DEAF_KERNEL = (
    "Cette cellule a dépassé le temps permis et le noyau n'a pas répondu à l'interruption : "
    "il a été redémarré, les variables définies avant sont perdues."
)
TOO_MANY_RESTARTS = "Cellule non exécutée : le noyau s'est arrêté trop de fois dans ce carnet."
TIMEOUT = "cette cellule a dépassé le temps permis pendant la correction et a été interrompue (boucle infinie ?)."
# French explanations added under the errors a sandbox limit causes.
HINTS = {
    "NameError": "Variable inconnue : la cellule qui la définit a été supprimée, déplacée, ou s'est arrêtée avant.",
    "MemoryError": "Mémoire épuisée : le code a dépassé la limite de mémoire de la correction ({memory_mb} Mo).",
    "BlockingIOError": "Trop de processus : le code a dépassé la limite de processus de la correction.",
    "SystemExit": "Le code a appelé sys.exit() : l'exécution de cette cellule s'est arrêtée là.",
    "KeyboardInterrupt": "Cellule interrompue : elle a dépassé le temps permis pendant la correction.",
    "FileNotFoundError": "Pendant la correction, seuls les fichiers de votre copie sont disponibles.",
    "PermissionError": "Pendant la correction, seuls les fichiers de votre copie sont disponibles.",
    "OSError": "Pendant la correction, le réseau et les fichiers hors de votre copie sont inaccessibles.",
}


def _error(ename: str, text: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=text, traceback=[f"{ename} : {text}"])


class KernelStartRetry:
    """Mixin for nbgrader's ``Execute``: a kernel that dies before its first reply (no learner code has run
    yet: a busy machine, a launcher hiccup) is replaced once by a fresh one instead of failing the notebook.
    A kernel that dies twice at start-up still fails it."""

    async def _replace_kernel(self) -> None:
        """Shut the current kernel down (whatever state it is in) and start a fresh one, without a client."""
        try:
            await self._async_cleanup_kernel()
        except Exception as exc:  # noqa: BLE001 (already dead, or half started)
            self.log.warning("Arrêt du noyau défaillant : %s", exc)
        self.km, self.kc = None, None
        self.km = self.create_kernel_manager()
        await self.async_start_new_kernel()

    async def async_start_new_kernel_client(self):
        try:
            return await super().async_start_new_kernel_client()
        except RuntimeError as exc:
            if "kernel_info" not in str(exc):
                raise
            self.log.warning("Noyau arrêté avant sa première réponse (%s) : nouveau noyau.", exc)
            await self._replace_kernel()
            return await super().async_start_new_kernel_client()

    start_new_kernel_client = run_sync(async_start_new_kernel_client)  # nbclient calls it by this name


def with_start_retry(cls: type) -> type:
    """``cls`` (an nbgrader ``Execute`` class) with :class:`KernelStartRetry`, unless it already has it."""
    if issubclass(cls, KernelStartRetry):
        return cls
    return type(f"Retrying{cls.__name__}", (KernelStartRetry, cls), {"__module__": __name__})


class SandboxedExecute(KernelStartRetry, Execute):
    """nbgrader's Execute step with sandboxed kernels, capped output and recovery from dead kernels."""

    max_output_chars = Integer(
        help="Characters of output kept per cell; the rest is dropped with a note (AUTOGRADER_SANDBOX_OUTPUT_CHARS).",
    ).tag(config=True)

    @default("max_output_chars")
    def _max_output_chars_default(self) -> int:
        return limits.value("output_chars")

    skip_without_learner_code = Bool(
        True, help="Do not execute a notebook without learner code (its graded cells are scored from the files).",
    ).tag(config=True)
    max_restarts = Integer(3, help="Kernel restarts allowed per notebook before the remaining cells are skipped.").tag(
        config=True)
    interrupt_grace = Integer(10, help="Seconds a kernel has to answer after a timeout interrupt.").tag(config=True)
    error_on_timeout = Dict(
        default_value={"ename": "CellTimeoutError", "evalue": TIMEOUT, "traceback": [f"CellTimeoutError : {TIMEOUT}"]},
        help="The error written into a cell stopped by the timeout (French).",
    ).tag(config=True)

    def __init__(self, *args, **kwargs):
        if enabled():
            kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(*args, **kwargs)
        self._chars: dict[int, int] = {}
        self._restarts = 0
        self._timed_out = False

    def preprocess(self, nb, resources=None, km=None):
        self._chars, self._restarts, self._timed_out = {}, 0, False
        from autograder.trainer.scoring import clean_submission_copy, needs_kernel

        if self.skip_without_learner_code and not needs_kernel(nb, resources):  # scored from the files: no kernel
            return nb, resources

        clean_submission_copy(nb, resources, self.config)  # nothing nbgrader copied through a link reaches the kernel
        return super().preprocess(nb, resources, km)

    def output(self, outs, msg, display_id, cell_index):
        size = len(json.dumps(msg.get("content", {}), ensure_ascii=False))
        used = self._chars.get(cell_index, 0)
        self._chars[cell_index] = used + size
        if used + size > self.max_output_chars:
            if used <= self.max_output_chars:
                outs.append(NotebookNode(output_type="stream", name="stdout", text=(
                    f"\n[Sortie tronquée : cette cellule a produit plus de {self.max_output_chars} caractères.]\n")))
            return None
        return super().output(outs, msg, display_id, cell_index)

    async def _async_handle_timeout(self, timeout, cell=None):
        self._timed_out = True
        return await super()._async_handle_timeout(timeout, cell)

    async def _responsive(self) -> bool:
        try:
            msg_id = await ensure_async(self.kc.kernel_info())
            deadline = asyncio.get_running_loop().time() + self.interrupt_grace
            while asyncio.get_running_loop().time() < deadline:
                try:
                    msg = await ensure_async(self.kc.shell_channel.get_msg(timeout=1))
                except Exception:  # noqa: BLE001 (queue.Empty: keep waiting)
                    continue
                if msg.get("parent_header", {}).get("msg_id") == msg_id:
                    return True
        except Exception:  # noqa: BLE001
            return False
        return False

    async def _fresh_kernel(self) -> None:
        self._restarts += 1
        await self._replace_kernel()
        await self.async_start_new_kernel_client()

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if cell.cell_type == "code" and self._restarts > self.max_restarts:
            cell.outputs = [_error("NoyauArrete", TOO_MANY_RESTARTS)]
            return cell
        self._timed_out = False
        try:
            cell = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        except DeadKernelError:
            self.log.warning("Noyau arrêté pendant la cellule %s : redémarrage.", cell_index)
            cell.outputs.append(_error("NoyauArrete", DEAD_KERNEL))
            await self._fresh_kernel()
            return cell
        except (CellTimeoutError, TimeoutError):  # no idle status after the interrupt: the kernel is still busy
            if not self._timed_out:
                raise
            cell.outputs.append(_error("CellTimeoutError", TIMEOUT))
        if self._timed_out and not await self._responsive():
            dead = not await ensure_async(self.km.is_alive())  # died meanwhile, or deaf to the interrupt
            self.log.warning("Noyau %s pendant la cellule %s : redémarrage.", "arrêté" if dead else "sourd", cell_index)
            cell.outputs.append(_error("NoyauArrete", DEAD_KERNEL) if dead else _error("NoyauRedemarre", DEAF_KERNEL))
            await self._fresh_kernel()
        _explain(cell)
        return cell

    execute_cell = run_sync(async_execute_cell)  # nbconvert calls the synchronous name, bound by value


def needs_execution(nb) -> bool:
    """True when the notebook holds learner code: a code cell nbgrader marks as a solution (or, in a notebook
    that is no nbgrader assignment at all, any code cell), or an autograded cell with no registered check.

    An assignment whose learners answer only through widgets and markdown has none: grading does not start
    a kernel for it (its graded cells are scored from the files by :mod:`autograder.trainer.scoring`).
    """
    from autograder.checks import registry

    cells = nb.get("cells", [])
    graded = [cell.get("metadata", {}).get("nbgrader") for cell in cells if cell.get("metadata", {}).get("nbgrader")]
    if not graded:
        return any(cell.get("cell_type") == "code" for cell in cells)
    code = [cell.get("metadata", {}).get("nbgrader", {}) for cell in cells if cell.get("cell_type") == "code"]
    # learner code to run, or an autograded cell whose score only the kernel can give (no registered check)
    return any(meta.get("solution") for meta in code) or any(
        meta.get("grade") and not registry.lookup(meta.get("grade_id", "")) for meta in code)


def _explain(cell) -> None:
    """Add a French line under each error caused by a sandbox limit."""
    for out in cell.get("outputs", []):
        hint = HINTS.get(out.get("ename", "")) if out.get("output_type") == "error" else None
        if hint and not any(hint[:30] in line for line in out.get("traceback", [])):
            out["traceback"] = [*out.get("traceback", []), hint.format(**LIMITS)]



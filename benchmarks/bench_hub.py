"""Load on the course's JupyterHub: one learner alone, then ten learners at once (root only).

Each learner logs in through the hub's login page (their server starts), opens the lesson ``LESSON`` and runs
it. Measured: time to the server (login → JupyterLab ready), time to first output (« tout exécuter » → first
output shown) and time to the whole lesson run; then the memory of each learner's server with the lesson open
(server + kernel: PSS summed over the processes of their Unix account). Chromium drives the ten browsers from
this process (asyncio); the hub, its accounts and PostgreSQL are removed at the end (hub.cohorte.CourseHub).
"""

from __future__ import annotations

import asyncio
import os
import pwd
import statistics
import time
from pathlib import Path

from hub.cohorte import CHROMIUM, CHROMIUM_ARGS, REPO, UI_TIMEOUT, CourseHub

LESSON = "course/01_choisir_ses_reseaux.ipynb"
ALONE = "charge-apprenant-00"  # measured alone first (their server stays open, as in a class)
COHORT = [f"charge-apprenant-{i:02d}" for i in range(1, 11)]  # then ten at once: ten servers starting together
TRAINER = "charge-formateur"

RUN_AND_TIME = """
async () => {
  const app = window.jupyterapp, w = app.shell.currentWidget;
  const t0 = performance.now();
  let first = null;
  const done = app.commands.execute('notebook:run-all-cells');
  await new Promise(resolve => {
    const check = () => {
      for (const cell of w.content.model.cells) {
        const j = cell.toJSON();
        if (j.cell_type === 'code' && j.outputs && j.outputs.length) { first = performance.now() - t0; return resolve(); }
      }
      setTimeout(check, 25);
    };
    check();
  });
  await done;
  await new Promise(resolve => {
    const idle = () => {
      const k = w.sessionContext.session.kernel;
      const pending = [...w.content.model.cells].some(c => { const j = c.toJSON();
        const src = Array.isArray(j.source) ? j.source.join('') : j.source;
        return j.cell_type === 'code' && src.trim() && !j.execution_count; });
      if (k.status === 'idle' && !pending) return resolve();
      setTimeout(idle, 50);
    };
    idle();
  });
  return [first, performance.now() - t0];
}
"""


async def _learner(browser, hub: CourseHub, user: str) -> dict:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    context.set_default_timeout(UI_TIMEOUT * 3)
    page = await context.new_page()
    try:
        start = time.perf_counter()
        await page.goto(f"{hub.url}/hub/login", wait_until="domcontentloaded")
        await page.fill("#username_input", user)
        await page.fill("#password_input", hub.passwords[user])
        await page.click("#login_submit")
        await page.wait_for_function("() => !!(window.jupyterapp && window.jupyterapp.shell)", polling=250)
        ready = time.perf_counter() - start
        await page.goto(f"{hub.url}/user/{user}/lab/workspaces/charge/tree/{LESSON}?reset",
                        wait_until="domcontentloaded")
        await page.wait_for_function(
            """(name) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
                          return !!(w && w.context && w.context.path.endsWith(name) && w.sessionContext.session
                                    && w.sessionContext.session.kernel
                                    && w.sessionContext.session.kernel.status === 'idle'); }""",
            arg=LESSON.split("/")[-1], polling=250)
        first_ms, all_ms = await page.evaluate(RUN_AND_TIME)
        return {"user": user, "ready": ready, "first": first_ms / 1000, "all": all_ms / 1000, "context": context}
    except BaseException:
        await context.close()
        raise


def pss_mb(user: str) -> float:
    """Proportional memory (PSS) of every process of ``user``, in MB (shared libraries counted once overall)."""
    uid = pwd.getpwnam(user).pw_uid
    total = 0
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if proc.stat().st_uid != uid:
                continue
            for line in (proc / "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


async def _measure(hub: CourseHub) -> tuple[dict, list[dict], list[float]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            alone = await _learner(browser, hub, ALONE)
            await alone.pop("context").close()
            results = await asyncio.gather(*(_learner(browser, hub, user) for user in COHORT))
            memory = [pss_mb(user) for user in COHORT]
            for result in results:
                await result.pop("context").close()
        finally:
            await browser.close()
    return alone, list(results), memory


def run(bench):
    if os.geteuid() != 0 or not Path(CHROMIUM).exists() or \
            not (REPO / "node_modules" / ".bin" / "configurable-http-proxy").exists():
        print("  hub : mesure ignorée (root, Chromium et configurable-http-proxy nécessaires : sudo make bench)")
        return
    hub = CourseHub([ALONE, *COHORT], TRAINER, prefix="hub-charge-")
    try:
        alone, ten, memory = asyncio.run(_measure(hub))
    finally:
        hub.close()
    note = f"{LESSON}, 2 cœurs"
    bench.record("hub : 1 apprenant, 1re sortie", [alone["first"]], "s", note=note)
    bench.record("hub : 1 apprenant, leçon entière", [alone["all"]], "s", note=note)
    bench.record("hub : 1 apprenant, serveur prêt", [alone["ready"]], "s", note="connexion → JupyterLab")
    firsts = [r["first"] for r in ten]
    bench.record("hub : 10 apprenants, 1re sortie", firsts, "s",
                 note=f"médiane ; la plus lente {max(firsts):.2f} s")
    alls = [r["all"] for r in ten]
    bench.record("hub : 10 apprenants, leçon entière", alls, "s", note=f"médiane ; la plus lente {max(alls):.2f} s")
    readies = [r["ready"] for r in ten]
    bench.record("hub : 10 apprenants, serveur prêt", readies, "s",
                 note=f"médiane ; le plus lent {max(readies):.2f} s (10 démarrages simultanés)")
    bench.record("hub : mémoire par serveur apprenant", memory, "Mo",
                 note=f"PSS serveur + noyau, leçon ouverte et exécutée ; max {max(memory):.0f} Mo, "
                      f"total {sum(memory):.0f} Mo")
    print(f"  hub : 1re sortie seul {alone['first']:.2f} s ; à 10 médiane {statistics.median(firsts):.2f} s, "
          f"max {max(firsts):.2f} s ; mémoire médiane {statistics.median(memory):.0f} Mo par apprenant")

"""An axe-core audit that sees what a sighted person sees (imported by the browser and page tests).

JupyterLab lays its shell out with absolutely positioned panels inside a ``<body>`` that is 0 px high with
``overflow: hidden``: audited as is, every notebook element counts as off-screen for axe-core, whose colour
rules (``color-contrast``, ``link-in-text-block``) then check no notebook text at all. The audit here lets the
page overflow (``overflow: visible`` on ``html`` and ``body``, no colour changed), scrolls each cell into view
in turn and audits that cell alone (``include``), so that every rendered text is checked where a learner
reads it. An audit whose colour rules checked no node fails: a page it could not see must not pass.

Counts are axe-core's nodes (one element breaking one rule), kept once per rule and element across the runs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
COLOUR_RULES = ("color-contrast", "link-in-text-block")
BLOCKING = ("serious", "critical")  # impacts that fail a page
IMPACTS = ("critical", "serious", "moderate", "minor")

# What the course renders in a notebook (markdown, outputs, widgets); JupyterLab's own editor, toolbars and
# side panels are not the course's and are not audited.
CELL_CONTENT = ".jp-MarkdownOutput, .jp-OutputArea-output"
NOTEBOOK_CELLS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell"

# Lets the page grow past the window instead of clipping it: geometry only, no colour.
REVEAL_CSS = "html, body { overflow: visible !important; }"

_RUN = """
async ([ctx, colourRules]) => {
  const res = await window.axe.run(ctx);
  const seen = (list) => list.filter(r => colourRules.includes(r.id)).reduce((n, r) => n + r.nodes.length, 0);
  return {
    violations: res.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                summary: (n.failureSummary || '').slice(0, 300)}))})),
    colour_checked: seen(res.violations) + seen(res.passes),
    colour_incomplete: seen(res.incomplete),
  };
}
"""

_CELLS = """
(sel) => [...document.querySelectorAll(sel)].map((cell, i) => { cell.dataset.axeCell = String(i); return i; })
"""

_SCROLL_CELL = """
async (i) => {
  const cell = document.querySelector(`[data-axe-cell="${i}"]`);
  if (!cell) return false;
  cell.scrollIntoView({block: 'start'});
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return !!cell.querySelector(CELL_CONTENT);
}
""".replace("CELL_CONTENT", repr(CELL_CONTENT))


@dataclass
class Audit:
    """What one page's audit found: violations (one entry per rule, element), and what the colour rules saw."""

    page: str
    violations: dict[tuple[str, str], dict] = field(default_factory=dict)  # (rule, target) -> node
    colour_checked: int = 0
    colour_incomplete: int = 0
    runs: int = 0

    def add(self, result: dict) -> None:
        self.runs += 1
        self.colour_checked += result["colour_checked"]
        self.colour_incomplete += result["colour_incomplete"]
        for v in result["violations"]:
            for node in v["nodes"]:
                self.violations.setdefault((v["id"], node["target"]), {**node, "id": v["id"],
                                                                        "impact": v["impact"], "help": v["help"]})

    def counts(self) -> Counter:
        """Nodes per impact (critical, serious, moderate, minor)."""
        return Counter(node["impact"] for node in self.violations.values())

    def blocking(self) -> list[dict]:
        return [n for n in self.violations.values() if n["impact"] in BLOCKING]

    def problems(self) -> list[str]:
        """Why the page fails, in French: blocking violations, or colour rules that saw nothing."""
        found = [f"[{n['impact']}] {n['id']} — {n['help']} : {n['target']} :: {n['html'][:120]}"
                 + (f" ({n['summary'][:160]})" if n["summary"] else "") for n in self.blocking()]
        if not self.colour_checked:
            found.append(f"audit aveugle : les règles de couleur ({', '.join(COLOUR_RULES)}) n'ont vérifié aucun "
                         f"élément ({self.colour_incomplete} indéterminé(s))")
        return found

    def report(self) -> str:
        counts = self.counts()
        return (f"{self.page} : {counts['serious']} grave(s), {counts['critical']} critique(s), "
                f"{counts['moderate']} modérée(s) ; couleurs vérifiées sur {self.colour_checked} élément(s) "
                f"en {self.runs} passage(s)")


def load_axe(page) -> None:
    if not AXE.is_file():
        raise FileNotFoundError("axe-core absent : lancez « npm ci » (fait par « make test »)")
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE))


def reveal(page) -> None:
    """Let the page overflow its window (geometry only): nothing is clipped away from axe-core's view."""
    page.add_style_tag(content=REVEAL_CSS)


def audit_notebook(page, name: str) -> Audit:
    """Audit the open notebook cell by cell, each scrolled into view: only what the course renders."""
    load_axe(page)
    reveal(page)
    audit = Audit(name)
    for i in page.evaluate(_CELLS, NOTEBOOK_CELLS):
        if page.evaluate(_SCROLL_CELL, i):
            ctx = {"include": [[f'[data-axe-cell="{i}"] {sel.strip()}'] for sel in CELL_CONTENT.split(",")]}
            audit.add(page.evaluate(_RUN, [_existing(page, ctx), list(COLOUR_RULES)]))
    return audit


_SLIDES = r"""
() => { if (!(window.Reveal && Reveal.isReady && Reveal.isReady())) return null;
        Reveal.configure({transition: 'none', backgroundTransition: 'none', minScale: 1, maxScale: 1});
        // reveal.js's per-slide background layer sits under the slides; axe-core takes it for a layer on top
        // (« bgOverlap ») and checks no text. Set aside only when it paints nothing (no colour, no image).
        const layer = document.querySelector('.reveal .backgrounds');
        const paints = (e) => { const cs = getComputedStyle(e);
          return cs.backgroundImage !== 'none' || !/rgba\(0, 0, 0, 0\)|transparent/.test(cs.backgroundColor); };
        if (layer && ![layer, ...layer.querySelectorAll('*')].some(paints)) layer.style.display = 'none';
        return Reveal.getSlides().map(s => Reveal.getIndices(s)); }
"""

_GO_TO_SLIDE = """
async ([h, v]) => { Reveal.slide(h, v);
                    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); }
"""


def audit_page(page, name: str) -> Audit:
    """Audit a whole standalone page (feedback, grid, dashboard, dossier), every ``<details>`` opened; a reveal.js
    slide show slide by slide, each shown in turn (the others are hidden, as in the room)."""
    load_axe(page)
    reveal(page)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    audit = Audit(name)
    slides = page.evaluate(_SLIDES)
    if slides is None:
        audit.add(page.evaluate(_RUN, [{"include": [["html"]]}, list(COLOUR_RULES)]))
        return audit
    for n, indices in enumerate(slides):
        page.evaluate(_GO_TO_SLIDE, [indices["h"], indices.get("v") or 0])
        # the whole page once (its controls, landmarks, title), then each slide shown alone
        audit.add(page.evaluate(_RUN, [{"include": [["html"]]} if n == 0 else
                                       {"include": [[".reveal .slides section.present"]]}, list(COLOUR_RULES)]))
    return audit


def _existing(page, ctx: dict) -> dict:
    keep = page.evaluate("(sels) => sels.filter(s => document.querySelector(s[0]))", ctx["include"])
    return {"include": keep}

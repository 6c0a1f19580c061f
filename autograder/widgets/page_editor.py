"""Professional page editor: build a page profile (name, @username, description, pictures, CTA, contact…)
with a live completeness and optimisation score, a preview of the page header, and an edit history.

The page is saved to a JSON file (``page_pro.json`` by default) on every valid change; its pictures are
PNG files next to it. Every change to a field that was already filled is recorded in ``modifications``
(C1.2: « modification de page »). A description longer than the network allows is refused with a French
message and the last good page stays saved.
"""

from __future__ import annotations

import base64
import html
import io
from datetime import datetime
from pathlib import Path

import ipywidgets as w
from PIL import Image

from autograder.checks import c1
from autograder.company import load_company
from autograder.networks import (
    CTA_LABELS,
    NETWORKS,
    PAGE_FIELD_LABELS,
    PAGE_INDICATORS,
    PAGE_TEXT_FIELDS,
    bio_limit_kind,
    get_network,
    validate_page,
)
from autograder.widgets.base import FileBackedModel, StatusLine, results_html

PAGE_FILE = "page_pro.json"
TEXT_FIELDS = PAGE_TEXT_FIELDS
LABELS = PAGE_FIELD_LABELS


class PageModel(FileBackedModel):
    """The page as a file-backed state; ``.value`` is the page dict the C1.2 checks read."""

    def default_state(self) -> dict:
        state = {"network": "facebook", **{k: "" for k in TEXT_FIELDS}, "profile_image": "", "cover_image": "",
                 "highlights": [], "indicators": [], "modifications": []}
        return state

    def validate(self, state: dict) -> dict:
        return validate_page(super().validate(state))  # the rule the C1.2 checks apply to the file

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def value(self) -> dict:
        return {k: v for k, v in self.state.items() if k != "schema_version"}

    def set_field(self, key: str, value) -> None:
        """Change one field; a change to a field already filled is recorded as a page modification."""
        if key not in (*TEXT_FIELDS, "network", "indicators", "highlights"):
            raise ValueError(f"champ inconnu : {key}")

        def change(state):
            old = state.get(key)
            state[key] = value
            if old and old != value and key != "indicators":
                state["modifications"].append({"champ": LABELS.get(key, key),
                                               "date": datetime.now().isoformat(timespec="seconds")})
                del state["modifications"][:-50]

        self.update(change)

    def create_images(self, company=None) -> dict:
        """Render the profile picture and cover in the brand colours at the network's sizes."""
        from autograder import visuals  # imported here: colour science is only needed to draw the images

        company = company or load_company()
        names = visuals.save_page_images(self.state["network"], company, self.folder)

        def change(state):
            state["profile_image"] = names.get("profile_image", "")
            state["cover_image"] = names.get("cover_image", "")

        self.update(change)
        return names

    def fill_from_company(self, company=None) -> None:
        company = company or load_company()

        def change(state):
            for key, value in (("name", company.name), ("username", company.handle), ("website", company.website),
                               ("category", company.sector)):
                if not state.get(key):
                    state[key] = value

        self.update(change)

    def results(self, company=None) -> list:
        company = company or load_company()
        return [c1.check_page(self.value, company, self.folder), c1.check_page_management(self.value)]


def _thumb(path: Path, max_side: int) -> str:
    """A small base64 PNG of ``path`` (cached by modification time)."""
    try:
        key = (str(path), path.stat().st_mtime_ns, max_side)
    except OSError:
        return ""
    if key not in _THUMBS:
        with Image.open(path) as img:
            img.thumbnail((max_side, max_side))
            buffer = io.BytesIO()
            img.save(buffer, format="PNG")
        _THUMBS.clear() if len(_THUMBS) > 32 else None
        _THUMBS[key] = base64.b64encode(buffer.getvalue()).decode()
    return _THUMBS[key]


_THUMBS: dict = {}


class PageEditor(w.VBox):
    """The page form, its header preview and its live score; ``.value`` is the saved page."""

    def __init__(self, path: str | Path = PAGE_FILE, company=None, **kwargs):
        self._model = PageModel(path)
        self._company = company or load_company()
        s = self._model.state
        style = {"description_width": "160px"}
        wide = w.Layout(width="560px")
        self._network = w.Dropdown(options=[(n.name, n.id) for n in NETWORKS.values()], value=s["network"],
                                   description="Réseau", style=style)
        self._fields: dict[str, w.Widget] = {}
        for key in TEXT_FIELDS:
            if key == "description":
                ctl = w.Textarea(value=s[key], description=LABELS[key], style=style,
                                 layout=w.Layout(width="560px", height="70px"), continuous_update=False)
            elif key == "cta":
                ctl = w.Dropdown(options=[("(aucun)", "")] + [(c, c) for c in CTA_LABELS],
                                 value=s[key] if s[key] in CTA_LABELS else "", description=LABELS[key], style=style)
            else:
                ctl = w.Text(value=s[key], description=LABELS[key], style=style, layout=wide, continuous_update=False)
            ctl.observe(self._on_field(key), names="value")
            self._fields[key] = ctl
        self._highlights = w.Text(value=", ".join(s["highlights"]), description="Stories à la une", style=style,
                                  layout=wide, continuous_update=False,
                                  placeholder="Titres séparés par des virgules : Nos pains, Ateliers, Commandes")
        self._highlights.observe(self._on_field("highlights"), names="value")
        self._indicators = w.SelectMultiple(options=list(PAGE_INDICATORS), value=tuple(s["indicators"]),
                                            description="Indicateurs suivis", style=style, rows=6)
        self._indicators.observe(self._on_field("indicators"), names="value")
        self._network.observe(self._on_field("network"), names="value")
        self._fill = w.Button(description="Reprendre le profil de l'entreprise", icon="building",
                              tooltip="Remplit le nom, le nom d'utilisateur, la catégorie et le site s'ils sont vides")
        self._images = w.Button(description="Créer photo de profil et couverture", icon="image",
                                tooltip="Dessine les images aux dimensions du réseau, aux couleurs de la marque")
        self._undo = w.Button(description="Annuler", icon="undo", tooltip="Revenir à l'état précédent")
        self._fill.on_click(lambda _: self._act(lambda: self._model.fill_from_company(self._company),
                                                "Profil de l'entreprise repris."))
        self._images.on_click(lambda _: self._act(lambda: self._model.create_images(self._company),
                                                  "Images créées aux bonnes dimensions."))
        self._undo.on_click(lambda _: self._act(self._model.undo, "Dernière modification annulée."))
        self._counter = w.HTML()
        self._preview = w.HTML()
        self._score = w.HTML()
        self._status = StatusLine()
        if self._model.load_message:
            self._status.show(self._model.load_message, "erreur")
        super().__init__([
            w.HTML("<h3>Éditeur de page professionnelle</h3>"), self._network, *self._fields.values(),
            self._counter, self._highlights, self._indicators, w.HBox([self._fill, self._images, self._undo]), self._status,
            self._preview, self._score,
        ], **kwargs)
        self._refresh()

    @property
    def value(self) -> dict:
        return self._model.value

    @property
    def model(self) -> PageModel:
        return self._model

    def _on_field(self, key):
        def handler(change):
            if getattr(self, "_syncing", False):
                return
            value = change["new"]
            if key == "indicators":
                value = list(value)
            elif key == "highlights":
                value = [part.strip() for part in value.split(",") if part.strip()]
            self._act(lambda: self._model.set_field(key, value), "Page enregistrée.")
        return handler

    def _act(self, action, ok_message: str) -> None:
        self._status.attempt(action, ok_message, kept="La page précédente est conservée.")
        self._sync_controls()
        self._refresh()

    def _sync_controls(self) -> None:
        s = self._model.state
        self._syncing = True
        try:
            self._network.value = s["network"]
            for key, ctl in self._fields.items():
                ctl.value = s[key] if key != "cta" or s[key] in CTA_LABELS else ""
            self._indicators.value = tuple(s["indicators"])
            self._highlights.value = ", ".join(s["highlights"])
        finally:
            self._syncing = False

    def _refresh(self) -> None:
        s = self._model.state
        net = get_network(s["network"])
        limit = net.page.bio_limit
        n = len(s["description"].strip())
        self._counter.value = (f"<span style='color:#1a1a1a'>{net.page.bio_label.capitalize()} : {n} / "
                               f"{limit or '—'} caractères ({bio_limit_kind(net)})</span>")
        folder = self._model.folder
        cover = _thumb(folder / s["cover_image"], 560) if s["cover_image"] else ""
        profile = _thumb(folder / s["profile_image"], 96) if s["profile_image"] else ""
        cover_html = (f'<img src="data:image/png;base64,{cover}" alt="Couverture de la page" style="width:560px">'
                      if cover else '<div style="height:80px;background:#e6e6e6;color:#1a1a1a;padding:8px">'
                      'Couverture à créer</div>')
        profile_html = (f'<img src="data:image/png;base64,{profile}" alt="Photo de profil" '
                        'style="width:72px;height:72px;border-radius:50%;border:3px solid #ffffff">' if profile else "")
        self._preview.value = (
            f'<div role="img" aria-label="Aperçu de l\'en-tête de la page" style="width:560px;border:1px solid #767676;'
            f'background:#ffffff;color:#1a1a1a;font-family:sans-serif">{cover_html}<div style="padding:8px">'
            f'{profile_html}<div style="font-size:18px;font-weight:bold">{html.escape(s["name"] or "Nom de la page")}'
            f'</div><div style="color:#444444">{html.escape(s["username"])} · {html.escape(s["category"])}</div>'
            f'<p>{html.escape(s["description"])}</p>'
            + (f'<span style="background:#0b57d0;color:#ffffff;padding:4px 10px;border-radius:4px">'
               f'{html.escape(s["cta"])}</span>' if s["cta"] else "")
            + "</div></div>"
        )
        self._score.value = results_html(self._model.results(self._company))

"""Visual studio: compose visuals for a network and placement, see live checks, save real PNG files.

The studio keeps every visual's specification in a JSON file (``studio_visuels.json`` by default) saved on
every valid change, and writes each visual as a PNG with its metadata sidecar into a folder (``mes_visuels``
by default) when the learner clicks « Enregistrer le PNG ». The live checks are the C2 checks the graded
cells use. A colour that is not a colour, an impossible size or an unknown image is refused with a French
message; the last good visual stays saved.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import ipywidgets as w

from autograder import visuals
from autograder.checks import c2
from autograder.company import load_company
from autograder.networks import NETWORKS, get_network
from autograder.widgets.base import FileBackedModel, StatusLine, action_button, choice_group, results_html

STUDIO_FILE = "studio_visuels.json"
VISUALS_FOLDER = "mes_visuels"
EDITABLE = ("network", "placement", "background", "headline", "body", "text_colour", "band_colour", "headline_size",
            "body_size", "headline_font", "body_font", "logo", "alt_text", "licence", "source", "message", "publication")


class StudioModel(FileBackedModel):
    """``{"visuals": [spec, …], "current": index}``; specs are validated by :func:`autograder.visuals.validate_spec`."""

    def __init__(self, path, company=None, folder: str | Path | None = None):
        self.company = company or load_company()
        super().__init__(path)
        self.folder = Path(folder) if folder is not None else self.path.parent / VISUALS_FOLDER

    def default_state(self) -> dict:
        return {"visuals": [visuals.default_spec(self.company)], "current": 0}

    def validate(self, state: dict) -> dict:
        state = super().validate(state)
        specs = state.get("visuals")
        if not isinstance(specs, list) or not specs:
            raise ValueError("au moins un visuel était attendu")
        state["visuals"] = [visuals.validate_spec(s) for s in specs]
        current = state.get("current", 0)
        if not isinstance(current, int) or not 0 <= current < len(specs):
            raise ValueError(f"visuel courant inconnu : {current!r}")
        return state

    @property
    def current(self) -> dict:
        return self.state["visuals"][self.state["current"]]

    @property
    def value(self) -> list[dict]:
        return list(self.state["visuals"])

    def set(self, key: str, value) -> None:
        if key not in EDITABLE:
            raise ValueError(f"champ inconnu : {key}")

        def change(state):
            spec = state["visuals"][state["current"]]
            spec[key] = value
            if key == "network":  # keep a placement the new network has
                net = get_network(value)
                if spec["placement"] not in net.placements:
                    spec["placement"] = next(iter(net.placements))

        self.update(change)

    def add(self) -> None:
        def change(state):
            state["visuals"].append(visuals.default_spec(self.company))
            state["current"] = len(state["visuals"]) - 1

        self.update(change)

    def select(self, index: int) -> None:
        self.update(lambda s: s.__setitem__("current", int(index)))

    def remove(self) -> None:
        def change(state):
            if len(state["visuals"]) == 1:
                raise ValueError("il faut garder au moins un visuel")
            del state["visuals"][state["current"]]
            state["current"] = max(0, state["current"] - 1)

        self.update(change)

    def import_photo(self, data: bytes, name: str) -> str:
        """Store an uploaded photo next to the visuals and use it as the current visual's background."""
        path = visuals.import_photo(data, self.folder / "photos", name)

        def change(state):
            spec = state["visuals"][state["current"]]
            spec["background"] = dict(spec["background"], kind="image", image=path)
            if spec["licence"] not in visuals.FREE_LICENCES:
                spec["licence"] = "photo personnelle"

        self.update(change)
        return path

    def png_path(self, index: int | None = None) -> Path:
        index = self.state["current"] if index is None else index
        return self.folder / f"visuel_{index + 1}.png"

    def save_png(self, index: int | None = None) -> Path:
        index = self.state["current"] if index is None else index
        return visuals.save_visual(self.state["visuals"][index], self.png_path(index))

    def results(self) -> list:
        spec = [self.current]
        return [c2.check_fit(spec), c2.check_content(spec, self.company), c2.check_inclusive(spec)]


def _palette(company) -> list[tuple[str, str]]:
    options = [(f"{role} ({hexa})", hexa.upper()) for role, hexa in company.brand_colors.items()]
    return options + [("blanc (#FFFFFF)", "#FFFFFF"), ("noir (#000000)", "#000000")]


class VisualStudio(w.VBox):
    """The visual composer: controls, a preview of the rendered PNG, live checks; ``.value`` is the visuals."""

    def __init__(self, path: str | Path = STUDIO_FILE, company=None, folder: str | Path | None = None, **kwargs):
        self._model = StudioModel(path, company, folder)
        company = self._model.company
        style = {"description_width": "150px"}
        wide = w.Layout(width="520px")
        palette = _palette(company)
        self._which = w.Dropdown(description="Visuel", style=style)
        self._network = w.Dropdown(options=[(n.name, n.id) for n in NETWORKS.values()], description="Réseau", style=style)
        self._placement = w.Dropdown(description="Emplacement", style=style)
        self._bg_kind = choice_group([("Couleur", "couleur"), ("Image", "image")], description="Fond", style=style)
        self._bg_colour = w.Dropdown(options=palette, description="Couleur du fond", style=style)
        self._bg_image = w.Dropdown(options=[(v["title"], k) for k, v in visuals.catalogue().items()],
                                    description="Image", style=style)
        self._upload = w.FileUpload(accept="image/png,image/jpeg", multiple=False, description="Importer ma photo",
                                    tooltip="Votre propre photo (PNG ou JPEG) : licence « photo personnelle »")
        self._upload.observe(self._on_upload, names="value")
        self._headline = w.Text(description="Titre", style=style, layout=wide, continuous_update=False)
        self._body = w.Textarea(description="Texte", style=style, layout=w.Layout(width="520px", height="60px"),
                                continuous_update=False)
        self._text_colour = w.Dropdown(options=palette, description="Couleur du texte", style=style)
        self._band = w.Dropdown(options=[("(aucun bandeau)", "")] + palette, description="Bandeau sous le texte",
                                style=style)
        # Number fields, not sliders: ipywidgets' slider handles have no accessible name.
        self._hsize = w.BoundedIntText(min=8, max=200, description="Taille du titre (px)", style=style)
        self._bsize = w.BoundedIntText(min=8, max=120, description="Taille du texte (px)", style=style)
        fonts = list(dict.fromkeys([*company.fonts.values(), "DejaVu Sans", "DejaVu Serif"]))
        font_options = [(f + ("" if visuals.font_available(f) else " (non installée : DejaVu Sans à la place)"), f)
                        for f in fonts]
        self._hfont = w.Dropdown(options=font_options, description="Police du titre", style=style)
        self._bfont = w.Dropdown(options=font_options, description="Police du texte", style=style)
        self._logo = w.Checkbox(description="Logo de l'entreprise", indent=False)
        self._alt = w.Textarea(description="Texte alternatif", style=style, layout=w.Layout(width="520px", height="60px"),
                               continuous_update=False)
        self._licence = w.Dropdown(options=[("(aucune image)", "")] + [(x, x) for x in visuals.FREE_LICENCES] +
                                   [("autre (non libre)", "autre")], description="Licence de l'image", style=style)
        self._source = w.Text(description="Source de l'image", style=style, layout=wide, continuous_update=False)
        self._message = w.Text(description="Message", style=style, layout=wide, continuous_update=False)
        self._publication = w.Text(description="Publication", style=style, layout=wide, continuous_update=False,
                                   placeholder="La publication que ce visuel accompagne")
        self._add = w.Button(description="Nouveau visuel", icon="plus")
        self._remove = w.Button(description="Supprimer ce visuel", icon="trash")
        self._save = action_button("Enregistrer le PNG", icon="save", button_style="primary")
        self._undo = w.Button(description="Annuler", icon="undo")
        self._status = StatusLine()
        self._preview = w.HTML()
        self._summary = w.HTML()
        self._checks = w.HTML()
        self._controls = {
            "network": self._network, "placement": self._placement, "headline": self._headline, "body": self._body,
            "text_colour": self._text_colour, "band_colour": self._band, "headline_size": self._hsize,
            "body_size": self._bsize, "headline_font": self._hfont, "body_font": self._bfont, "logo": self._logo,
            "alt_text": self._alt, "licence": self._licence,
            "source": self._source, "message": self._message, "publication": self._publication,
        }
        for key, ctl in self._controls.items():
            ctl.observe(self._on(key), names="value")
        for ctl in (self._bg_kind, self._bg_colour, self._bg_image):
            ctl.observe(self._on_background, names="value")
        self._which.observe(self._on_which, names="value")
        self._add.on_click(lambda _: self._act(self._model.add, "Nouveau visuel créé."))
        self._remove.on_click(lambda _: self._act(self._model.remove, "Visuel supprimé."))
        self._undo.on_click(lambda _: self._act(self._model.undo, "Dernière modification annulée."))
        self._save.on_click(lambda _: self._act(self._model.save_png, "PNG enregistré."))
        if self._model.load_message:
            self._status.show(self._model.load_message, "erreur")
        form = w.VBox([self._which, self._network, self._placement, self._bg_kind, self._bg_colour, self._bg_image,
                       self._upload, self._headline, self._body, self._text_colour, self._band, self._hsize, self._bsize,
                       self._hfont, self._bfont, self._logo, self._alt, self._licence, self._source, self._message,
                       self._publication,
                       w.HBox([self._add, self._remove, self._undo, self._save])])
        super().__init__([w.HTML("<h3>Studio de visuels</h3>"), w.HBox([form, w.VBox([self._preview, self._summary])]),
                          self._status, self._checks], **kwargs)
        self._sync()
        self._refresh()

    @property
    def value(self) -> list[dict]:
        return self._model.value

    @property
    def model(self) -> StudioModel:
        return self._model

    def _on(self, key):
        def handler(change):
            if not getattr(self, "_syncing", False):
                self._act(lambda: self._model.set(key, change["new"]), "Visuel mis à jour.")
        return handler

    def _on_background(self, change):
        if getattr(self, "_syncing", False):
            return
        bg = {"kind": self._bg_kind.value, "colour": self._bg_colour.value, "image": self._bg_image.value or ""}
        self._act(lambda: self._model.set("background", bg), "Fond mis à jour.")

    def _on_upload(self, change):
        files = change["new"]
        if getattr(self, "_syncing", False) or not files:
            return
        upload = files[0]
        self._act(lambda: self._model.import_photo(bytes(upload["content"]), upload["name"]),
                  f"Photo « {upload['name']} » importée : indiquez sa source.")

    def _on_which(self, change):
        if not getattr(self, "_syncing", False) and change["new"] is not None:
            self._act(lambda: self._model.select(change["new"]), "Visuel sélectionné.")

    def _act(self, action, ok_message: str) -> None:
        def saying(result) -> str:
            if isinstance(result, Path):
                return f"{ok_message} ({result.parent.name}/{result.name})"
            return ok_message

        self._status.attempt(action, saying)
        self._sync()
        self._refresh()

    def _sync(self) -> None:
        spec = self._model.current
        self._syncing = True
        try:
            self._which.options = [(f"{i + 1}. {s['headline'] or '(sans titre)'} — {get_network(s['network']).name}", i)
                                   for i, s in enumerate(self._model.state["visuals"])]
            self._which.value = self._model.state["current"]
            net = get_network(spec["network"])
            self._network.value = net.id
            self._placement.options = [(f"{p.name} ({p.width}×{p.height})", p.id) for p in net.placements.values()]
            for key, ctl in self._controls.items():
                if key == "network":
                    continue
                value = spec[key]
                if isinstance(ctl, w.Dropdown) and value not in [o[1] for o in ctl.options]:
                    ctl.options = list(ctl.options) + [(str(value), value)]
                ctl.value = value
            bg = spec["background"]
            self._bg_kind.value = bg["kind"]
            if bg["colour"].upper() not in [o[1] for o in self._bg_colour.options]:
                self._bg_colour.options = list(self._bg_colour.options) + [(bg["colour"], bg["colour"].upper())]
            self._bg_colour.value = bg["colour"].upper()
            if bg["image"]:
                if bg["image"] not in [o[1] for o in self._bg_image.options]:
                    self._bg_image.options = list(self._bg_image.options) + [
                        (f"Ma photo : {Path(bg['image']).name}", bg["image"])]
                self._bg_image.value = bg["image"]
            self._bg_colour.layout.display = "" if bg["kind"] == "couleur" else "none"
            self._bg_image.layout.display = "" if bg["kind"] == "image" else "none"
        finally:
            self._syncing = False

    def _refresh(self) -> None:
        spec = self._model.current
        image = visuals.render(spec)
        thumb = image.reduce(max(1, -(-image.width // 360), -(-image.height // 480)))
        self._png = visuals.png_bytes(thumb)
        analysis = visuals.analyse(spec, brand_colors=self._model.company.brand_colors)
        alt = spec["alt_text"].strip() or f"Aperçu du visuel « {spec['headline'] or 'sans titre'} » (texte alternatif à écrire)"
        self._preview.value = (f'<img src="{self.preview_data_uri()}" alt="{html.escape(alt)}" width="{thumb.width}" '
                               f'height="{thumb.height}" style="border:1px solid #767676">')
        saved = self._model.png_path()
        self._summary.value = (
            f"<p style='color:#1a1a1a;max-width:360px'>Aperçu : {analysis.width}×{analysis.height} px "
            f"({analysis.ratio_label}). Texte alternatif : {html.escape(spec['alt_text'] or '(absent)')}<br>"
            f"Fichier : {html.escape(saved.parent.name)}/{saved.name} "
            f"{'(enregistré)' if saved.is_file() else '(pas encore enregistré)'}</p>"
        )
        self._checks.value = results_html(self._model.results())

    def preview_data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self._png).decode()

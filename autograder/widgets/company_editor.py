"""Company profile editor: the learner describes their own company (or keeps the case company).

The profile is saved to ``entreprise.json`` on every valid change; every module reads it through
``autograder.company.load_company``. An invalid entry (a colour that is not a colour, an empty name…) is
refused with a French message and the last good profile stays saved.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from autograder.company import CASE_COMPANY, OBJECTIVES, PROFILE_FILE, CompanyProfile
from autograder.widgets.base import FileBackedModel, StatusLine, choice_group

_FONTS = ("DejaVu Sans", "DejaVu Serif", "Liberation Sans", "Liberation Serif", "Open Sans", "Montserrat", "Lato")


class CompanyModel(FileBackedModel):
    """The company profile as a file-backed state (the dict form of :class:`CompanyProfile`)."""

    def default_state(self) -> dict:
        return CASE_COMPANY.to_dict()

    def validate(self, state: dict) -> dict:
        state = super().validate(state)
        data = {k: v for k, v in state.items() if k != "schema_version"}
        if not str(data.get("name", "")).strip():
            raise ValueError("le nom de l'entreprise est obligatoire")
        return CompanyProfile.from_dict(data).to_dict()

    @property
    def value(self) -> CompanyProfile:
        return CompanyProfile.from_dict(self.state)


def _lines(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", "\n").splitlines() if part.strip()]


class CompanyEditor(w.VBox):
    """A form for the company profile; ``.value`` is the saved :class:`CompanyProfile`."""

    def __init__(self, path: str | Path = PROFILE_FILE, **kwargs):
        self._model = CompanyModel(path)
        s = self._model.state
        style = {"description_width": "170px"}
        layout = w.Layout(width="560px")
        self._name = w.Text(value=s["name"], description="Nom de l'entreprise", style=style, layout=layout)
        self._sector = w.Text(value=s["sector"], description="Secteur d'activité", style=style, layout=layout)
        self._market = w.Dropdown(options=["B2C", "B2B", "B2B2C"], value=s["market"], description="Marché",
                                  style=style)
        self._city = w.Text(value=s["city"], description="Ville", style=style)
        self._description = w.Textarea(value=s["description"], description="Présentation", style=style,
                                       layout=w.Layout(width="560px", height="80px"))
        # Number fields rather than a range slider: ipywidgets' slider handles have no accessible name.
        self._age_min = w.BoundedIntText(value=s["target_ages"][0], min=13, max=100, description="Âge minimum de la cible",
                                         style=style)
        self._age_max = w.BoundedIntText(value=s["target_ages"][1], min=13, max=100, description="Âge maximum de la cible",
                                         style=style)
        self._gender = w.Dropdown(options=["toutes", "femmes", "hommes"], value=s["target_gender"],
                                  description="Genre de la cible", style=style)
        self._locations = w.Text(value=", ".join(s["target_locations"]), description="Zones ciblées", style=style,
                                 layout=layout, placeholder="Lyon, Villeurbanne")
        self._objectives = w.SelectMultiple(options=list(OBJECTIVES), value=tuple(s["objectives"]),
                                            description="Objectifs", style=style, rows=len(OBJECTIVES))
        self._products = w.Textarea(value="\n".join(s["products"]), description="Produits (un par ligne)",
                                    style=style, layout=w.Layout(width="560px", height="90px"))
        # Hex codes typed in labelled text fields, each with a swatch: the native colour input of ColorPicker has
        # no accessible name, and brand charts give hex codes anyway.
        self._colors = {
            role: w.Text(value=colour, description=f"Couleur « {role} »", style=style, placeholder="#7A3E1D")
            for role, colour in s["brand_colors"].items()
        }
        self._swatches = w.HTML()
        fonts = sorted(set(_FONTS) | set(s["fonts"].values()))
        self._fonts = {role: w.Dropdown(options=fonts, value=font, description=f"Police « {role} »", style=style)
                       for role, font in s["fonts"].items()}
        self._tone = choice_group(["vouvoiement", "tutoiement"], value=s["tone"], description="Ton", style=style)
        self._handle = w.Text(value=s["handle"], description="Nom d'utilisateur", style=style)
        self._website = w.Text(value=s["website"], description="Site web", style=style, layout=layout)
        self._hashtags = w.Text(value=" ".join(s["brand_hashtags"]), description="Hashtags de marque",
                                style=style, layout=layout)
        self._reset = w.Button(description="Revenir à l'entreprise du cas", icon="undo",
                               tooltip="Remplace le profil par celui de La Fournée de Léa")
        self._status = StatusLine()
        controls = [self._name, self._sector, self._market, self._city, self._description, self._age_min, self._age_max,
                    self._gender,
                    self._locations, self._objectives, self._products, *self._colors.values(),
                    *self._fonts.values(), self._tone, self._handle, self._website, self._hashtags]
        for control in controls:
            control.observe(self._on_change, names="value")
        self._reset.on_click(self._on_reset)
        super().__init__(children=[w.HTML("<h3>Profil de l'entreprise</h3>"), *controls, self._swatches, self._reset,
                                   self._status], **kwargs)
        self._draw_swatches()
        if self._model.load_message:
            self._status.show(self._model.load_message, "erreur")
        else:
            self._status.show(f"Profil chargé : {s['name']}.", "info")

    @property
    def value(self) -> CompanyProfile:
        return self._model.value

    @property
    def path(self) -> Path:
        return self._model.path

    def _collect(self, state: dict) -> None:
        state.update(
            name=self._name.value.strip(), sector=self._sector.value.strip(), market=self._market.value,
            city=self._city.value.strip(), description=self._description.value.strip(),
            target_ages=[self._age_min.value, self._age_max.value], target_gender=self._gender.value,
            target_locations=_lines(self._locations.value), objectives=list(self._objectives.value),
            products=_lines(self._products.value),
            brand_colors={role: field.value.strip().upper() for role, field in self._colors.items()},
            fonts={role: d.value for role, d in self._fonts.items()}, tone=self._tone.value,
            handle=self._handle.value.strip(), website=self._website.value.strip(),
            brand_hashtags=self._hashtags.value.split(),
        )

    def _draw_swatches(self) -> None:
        colours = self._model.state["brand_colors"]
        self._swatches.value = "<p>Palette enregistrée : " + " ".join(
            f'<span style="display:inline-block;width:1.2em;height:1.2em;background:{c};border:1px solid #1a1a1a;'
            f'vertical-align:middle" aria-hidden="true"></span> {role} {c}' for role, c in colours.items()) + "</p>"

    def _show_state(self) -> None:
        """Put the saved profile back into the form (after a reset) without saving on every field."""
        s = self._model.state
        self._quiet = True
        try:
            for field, key in ((self._name, "name"), (self._sector, "sector"), (self._market, "market"),
                               (self._city, "city"), (self._description, "description"),
                               (self._gender, "target_gender"), (self._tone, "tone"), (self._handle, "handle"),
                               (self._website, "website")):
                field.value = s[key]
            self._age_min.value, self._age_max.value = s["target_ages"]
            self._locations.value = ", ".join(s["target_locations"])
            self._objectives.value = tuple(s["objectives"])
            self._products.value = "\n".join(s["products"])
            self._hashtags.value = " ".join(s["brand_hashtags"])
            for role, field in self._colors.items():
                field.value = s["brand_colors"].get(role, field.value)
            for role, field in self._fonts.items():
                field.value = s["fonts"].get(role, field.value)
        finally:
            self._quiet = False
        self._draw_swatches()

    def _on_change(self, _change=None) -> None:
        if getattr(self, "_quiet", False):
            return
        self._status.attempt(lambda: self._model.update(self._collect),
                             f"Profil enregistré dans « {self._model.path.name} ».",
                             kept="Le dernier profil valide reste enregistré.")
        self._draw_swatches()

    def _on_reset(self, _button=None) -> None:
        self._model.update(lambda state: state.update(CASE_COMPANY.to_dict()))
        self._show_state()
        self._status.show("Profil remplacé par celui de l'entreprise du cas.", "ok")

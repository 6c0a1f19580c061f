"""The post composer: network and format, caption with live counters, hashtags with their roles, alt text,
visual, scheduled time; a preview of the post as it will look; the C4.1–C4.3 checks live; drafts saved to a
file; the post can be added to the plan (``autograder.widgets.plan_builder``).
"""

from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path
from typing import Any

import ipywidgets as w

from autograder import content
from autograder.company import load_company
from autograder.networks import NETWORKS, get_network
from autograder.plan import FORMATS, THEMES, normalise_format, parse_date, parse_time
from autograder.results import LearnerInputError
from autograder.widgets.base import FileBackedModel, StatusLine, action_button, results_html
from autograder.widgets.plan_builder import PLAN_FILE, open_plan

DRAFT_FILE = "publication.json"
_EMPTY_DRAFT = {"network": "instagram", "format": "publication", "date": "", "time": "18:30", "caption": "",
                "hashtags": [], "alt_text": "", "visual": "", "theme": "produit", "pillar": ""}


def parse_hashtag_lines(text: str) -> list[dict]:
    """``"#LaFourneeDeLea : marque"`` lines → ``[{"tag": "LaFourneeDeLea", "role": "marque"}]``."""
    out = []
    for n, line in enumerate(str(text).splitlines(), start=1):
        if not line.strip():
            continue
        tag, _, role = line.partition(":")
        tag, role = tag.strip().lstrip("#"), content.fold(role.strip()) or "niche"
        role = {"locale": "locale", "local": "locale", "large": "large", "marque": "marque", "niche": "niche"}.get(role)
        if not re.fullmatch(r"\w+", tag):
            raise LearnerInputError(f"Hashtags, ligne {n} : « {line.strip()} » — attendu « #MotCle : rôle », sans espace "
                                    "dans le mot-clé.")
        if role is None:
            raise LearnerInputError(f"Hashtags, ligne {n} : rôle inconnu ; rôles possibles : {', '.join(content.ROLES)}.")
        out.append({"tag": tag, "role": role})
    return out


class ComposerModel(FileBackedModel):
    """``{"draft": {...}, "saved": [drafts kept]}``; the draft is validated on every change."""

    MAX_HASHTAGS = 30

    def default_state(self) -> dict[str, Any]:
        return {"draft": dict(_EMPTY_DRAFT), "saved": []}

    def validate(self, state: dict[str, Any]) -> dict[str, Any]:
        state = super().validate(state)
        draft = state.get("draft")
        if not isinstance(draft, dict):
            raise ValueError("le brouillon doit être un dictionnaire.")
        draft = {**_EMPTY_DRAFT, **draft}
        for key in ("network", "format", "date", "time", "caption", "alt_text", "visual", "theme", "pillar"):
            if not isinstance(draft[key], str):
                raise ValueError(f"« {key} » doit être un texte.")
        tags = draft["hashtags"]
        if not isinstance(tags, list) or not all(isinstance(h, dict) and isinstance(h.get("tag"), str) for h in tags):
            raise ValueError("« hashtags » doit être une liste de {\"tag\": …, \"role\": …}.")
        try:
            net = get_network(draft["network"])
        except KeyError as exc:
            raise ValueError(exc.args[0]) from None
        draft["network"] = net.id
        draft["format"] = normalise_format(draft["format"])
        if draft["format"] not in net.formats:
            raise ValueError(f"le format « {draft['format']} » n'existe pas sur {net.name} ; formats possibles : "
                             f"{', '.join(net.formats)}.")
        if len(draft["caption"]) > net.caption_limit:
            raise ValueError(f"texte trop long pour {net.name} : {len(draft['caption'])} caractères pour "
                             f"{net.caption_limit} au plus.")
        if len(draft["hashtags"]) > self.MAX_HASHTAGS:
            raise ValueError(f"{len(draft['hashtags'])} hashtags : {self.MAX_HASHTAGS} au plus dans le compositeur "
                             f"({net.hashtag_limit or 'pas de limite fixée'} sur {net.name}).")
        if draft["date"]:
            day = parse_date(draft["date"], "Date de diffusion")
            draft["date"] = day.isoformat()
            draft["time"] = parse_time(draft["time"], day)
        state["draft"] = draft
        if not isinstance(state.get("saved", []), list):
            raise ValueError("« saved » doit être une liste de brouillons.")
        return state

    def set_fields(self, **fields) -> None:
        self.update(lambda s: s["draft"].update(fields))

    def keep_draft(self) -> None:
        self.update(lambda s: s["saved"].append(dict(s["draft"])))


def preview_html(draft: dict, company, base: Path) -> str:
    """A feed card close to how the post will look: account, visual, caption cut at the network's « plus »."""
    net = get_network(draft["network"])
    text = draft["caption"]
    tags = " ".join("#" + h["tag"] for h in draft["hashtags"])
    full = (text + ("\n\n" + tags if tags else "")).strip()
    cut = net.visible_chars
    shown = html.escape(full if cut is None or len(full) <= cut else full[:cut].rstrip() + "…")
    more = "" if cut is None or len(full) <= cut else ' <span style="color:#737373">plus</span>'
    img = '<div style="height:160px;background:#eeeeee;display:flex;align-items:center;justify-content:center;' \
          'color:#444">(aucun visuel)</div>'
    path = Path(draft["visual"]) if draft["visual"] else None
    if path is not None and not path.is_absolute():
        path = base / path
    if path is not None and path.is_file():
        try:
            from PIL import Image

            with Image.open(path) as im:
                im.thumbnail((320, 568))
                buf = io.BytesIO()
                im.convert("RGB").save(buf, "JPEG", quality=80)
            img = (f'<img src="data:image/jpeg;base64,{base64.b64encode(buf.getvalue()).decode()}" '
                   f'alt="{html.escape(draft["alt_text"] or "visuel sans texte alternatif")}" style="width:100%">')
        except OSError:
            pass
    return (f'<div style="width:320px;border:1px solid #dbdbdb;border-radius:8px;background:#fff;color:#1a1a1a;'
            f'font-family:sans-serif;font-size:13px"><div style="padding:6px;font-weight:bold">'
            f'{html.escape(company.handle.lstrip("@"))} · <span style="font-weight:normal;color:#555">{net.name} – '
            f'{draft["format"]}</span></div>{img}<div style="padding:6px;white-space:pre-wrap">'
            f'<b>{html.escape(company.handle.lstrip("@"))}</b> {shown}{more}</div></div>')


class PostComposer(w.VBox):
    """The composer view; ``.value`` is the current draft (dict), saved in ``publication.json``."""

    def __init__(self, path: str | Path = DRAFT_FILE, plan_path: str | Path | None = PLAN_FILE, company=None,
                 live_checks: bool = True, **kwargs):
        super().__init__(**kwargs)
        self._model = ComposerModel(path)
        self._plan_path = plan_path
        self._company = company or load_company()
        self._live = live_checks
        d = self._model.state["draft"]
        self._network = w.Dropdown(options=[(n.name, n.id) for n in NETWORKS.values()], value=d["network"],
                                   description="Réseau :")
        self._format = w.Dropdown(options=FORMATS, description="Format :")
        self._theme = w.Dropdown(options=[(v, k) for k, v in THEMES.items()], value=d["theme"], description="Thème :")
        pillars: tuple[str, ...] = ()
        if plan_path is not None and Path(plan_path).exists():
            try:
                pillars = tuple(open_plan(plan_path).plan.line.pillars)
            except (ValueError, KeyError):
                pillars = ()
        self._pillar = w.Combobox(value=d["pillar"], options=pillars, description="Pilier :", ensure_option=False,
                                  placeholder="pilier de la ligne éditoriale")
        self._caption = w.Textarea(value=d["caption"], description="Texte :", continuous_update=False,
                                   layout=w.Layout(width="520px", height="110px"))
        self._counters = w.HTML()
        self._hashtags = w.Textarea(value="\n".join(f"#{h['tag']} : {h['role']}" for h in d["hashtags"]),
                                    description="Hashtags :", placeholder="#LaFourneeDeLea : marque\n#Lyon : locale",
                                    continuous_update=False, layout=w.Layout(width="520px", height="90px"))
        self._alt = w.Textarea(value=d["alt_text"], description="Texte alternatif :", continuous_update=False,
                               layout=w.Layout(width="520px", height="50px"), style={"description_width": "initial"})
        self._visual = w.Combobox(value=d["visual"], options=self._images(), description="Visuel :",
                                  placeholder="fichier PNG ou JPEG (studio visuel ou autre)", ensure_option=False)
        self._date = w.Text(value=d["date"], description="Date :", placeholder="JJ/MM/AAAA", continuous_update=False)
        self._time = w.Text(value=d["time"], description="Heure :", placeholder="HH:MM", continuous_update=False)
        self._keep = w.Button(description="Garder ce brouillon", tooltip="Ajouter le brouillon à la liste des brouillons",
                              layout=w.Layout(width="auto"))
        self._to_plan = action_button("Ajouter au plan", button_style="success",
                                       tooltip="Ajouter la publication au plan social media", layout=w.Layout(width="auto"))
        self._undo = w.Button(description="Annuler la dernière modification", layout=w.Layout(width="auto"))
        self._preview = w.HTML()
        self._status = StatusLine()
        self._checks = w.HTML()
        self._sync_formats(d["format"])
        for ctrl in (self._network, self._format, self._theme, self._pillar, self._caption, self._hashtags,
                     self._alt, self._visual, self._date, self._time):
            ctrl.observe(self._on_change, "value")
        self._keep.on_click(lambda _: self._run(self._on_keep))
        self._to_plan.on_click(lambda _: self._run(self._on_plan))
        self._undo.on_click(lambda _: self._run(self._on_undo))
        form = w.VBox([w.HBox([self._network, self._format]), w.HBox([self._theme, self._pillar]), self._caption,
                       self._counters,
                       self._hashtags, self._alt, self._visual, w.HBox([self._date, self._time]),
                       w.HBox([self._keep, *self._plan_buttons(), self._undo]), self._status])
        self.children = (w.HBox([form, self._preview]), self._checks)
        if self._model.load_message:
            self._status.show(self._model.load_message, "erreur")
        self._redraw()

    @property
    def value(self) -> dict:
        return dict(self._model.state["draft"])

    @property
    def model(self) -> ComposerModel:
        return self._model

    def _images(self) -> list[str]:
        """Images next to the notebook and those saved by the C2 visual studio (``mes_visuels/``)."""
        folder = self._model.path.parent
        return sorted(str(p.relative_to(folder)) for pattern in ("*.png", "*.jpg", "*.jpeg", "mes_visuels/*.png")
                      for p in folder.glob(pattern))

    def _studio_alt_text(self, name: str) -> str:
        """The alt text saved with a visual of the C2 studio (its metadata sidecar), or ""."""
        if not name.lower().endswith(".png"):
            return ""
        from autograder import visuals

        try:
            return str(visuals.load_visual(self._model.path.parent / name).spec.get("alt_text") or "")
        except (ValueError, OSError):
            return ""

    def _sync_formats(self, wanted: str) -> None:
        net = get_network(self._network.value)
        self._format.options = [f for f in FORMATS if f in net.formats]
        self._format.value = wanted if wanted in self._format.options else self._format.options[0]

    def _run(self, action) -> None:
        try:
            action()
        except (LearnerInputError, ValueError, KeyError) as exc:
            self._status.show(str(exc.args[0]) if exc.args else str(exc), "erreur")

    def _on_change(self, change) -> None:
        if getattr(self, "_quiet", False):
            return
        if change["owner"] is self._network:
            self._quiet = True
            try:
                self._sync_formats(self._format.value)
            finally:
                self._quiet = False
        if change["owner"] is self._visual and not self._alt.value.strip():
            alt = self._studio_alt_text(self._visual.value.strip())
            if alt:
                self._quiet = True
                try:
                    self._alt.value = alt  # the alt text written in the C2 visual studio
                finally:
                    self._quiet = False

        def apply():
            self._model.set_fields(
                network=self._network.value, format=self._format.value, theme=self._theme.value,
                pillar=self._pillar.value.strip(),
                caption=self._caption.value, hashtags=parse_hashtag_lines(self._hashtags.value),
                alt_text=self._alt.value, visual=self._visual.value.strip(), date=self._date.value.strip(),
                time=self._time.value.strip())
            if self._caption.value.strip():
                self._status.show("Brouillon enregistré.", "ok")
            else:
                self._status.show("Brouillon enregistré, mais le texte est vide : rédigez quelques phrases "
                                  "(accroche, produit, appel à l'action).", "info")
            self._redraw()

        self._run(apply)

    def _on_keep(self) -> None:
        self._model.keep_draft()
        self._status.show(f"Brouillon gardé ({len(self._model.state['saved'])} au total).", "ok")

    def _plan_buttons(self) -> list:
        """« Ajouter au plan » when a plan is linked to the composer; nothing otherwise (no button that can
        only say there is no plan)."""
        return [self._to_plan] if self._plan_path is not None else []

    def _on_plan(self) -> None:
        if self._plan_path is None:  # the button is not shown then
            return
        d = self._model.state["draft"]
        if not d["date"]:
            raise LearnerInputError("Indiquez la date de diffusion avant d'ajouter la publication au plan.")
        text = d["caption"] + ("\n\n" + " ".join("#" + h["tag"] for h in d["hashtags"]) if d["hashtags"] else "")
        post_id = open_plan(self._plan_path).add_post({
            "date": d["date"], "time": d["time"], "network": d["network"], "format": d["format"], "theme": d["theme"],
            "pillar": d["pillar"], "caption": text, "visual": d["visual"]})
        self._status.show(f"Publication ajoutée au plan ({post_id}).", "ok")

    def _on_undo(self) -> None:
        if not self._model.undo():
            self._status.show("Rien à annuler.", "info")
            return
        d = self._model.state["draft"]
        self._quiet = True
        try:
            self._network.value = d["network"]
            self._sync_formats(d["format"])
            self._theme.value = d["theme"]
            self._pillar.value = d["pillar"]
            self._caption.value = d["caption"]
            self._hashtags.value = "\n".join(f"#{h['tag']} : {h['role']}" for h in d["hashtags"])
            self._alt.value, self._visual.value = d["alt_text"], d["visual"]
            self._date.value, self._time.value = d["date"], d["time"]
        finally:
            self._quiet = False
        self._status.show("Dernière modification annulée.", "ok")
        self._redraw()

    def _redraw(self) -> None:
        d = self._model.state["draft"]
        net = get_network(d["network"])
        full = d["caption"] + ("\n\n" + " ".join("#" + h["tag"] for h in d["hashtags"]) if d["hashtags"] else "")
        n_tags = len(d["hashtags"]) + len([t for t in content.hashtags(d["caption"])])
        over = len(full) > net.caption_limit or (net.hashtag_limit is not None and n_tags > net.hashtag_limit)
        visible = f" ; visibles avant « plus » : {net.visible_chars}" if net.visible_chars else ""
        self._counters.value = (
            f'<div role="status" style="color:{"#a4161a" if over else "#1a1a1a"}">{len(full)} / {net.caption_limit} '
            f"caractères{visible} ; hashtags : {n_tags}"
            f"{f' / {net.hashtag_limit}' if net.hashtag_limit else ''} ; émojis : {len(content.emojis(full))}</div>")
        self._preview.value = preview_html(d, self._company, self._model.path.parent)
        if self._live:
            self._checks.value = results_html(self.check())

    def check(self):
        from autograder.checks import c4

        d = self._model.state["draft"]
        if not d["caption"].strip():
            return []
        return c4.check_publication(self._with_base(d), self._company)

    def _with_base(self, d: dict) -> dict:
        out = dict(d)
        if out["visual"] and not Path(out["visual"]).is_absolute():
            out["visual"] = str(self._model.path.parent / out["visual"])
        return out

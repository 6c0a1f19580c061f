"""Checks of competency C2 (visuals that fit each network and include everyone).

A set of visuals is given as a folder of saved visuals (PNG + metadata sidecar, see
:mod:`autograder.visuals`), a list of :class:`~autograder.visuals.SavedVisual`, or a list of visual specs
(dicts; their size is then the placement's).

| check                 | criterion | points | what                                                                   |
| --------------------- | --------- | ------ | ---------------------------------------------------------------------- |
| ``check_fit``         | C2.1      | 3      | exact size of each PNG, text coverage ≤ 20 %, a vertical 9:16 format     |
| ``check_diversity``   | C2.2      | 2      | 3 visuals or more on 3 placements, formats, backgrounds, messages      |
| ``check_content``     | C2.3      | 4      | text, royalty-free image with source, precise message, brand identity  |
| ``check_inclusive``   | C2.4      | 4      | contrast, text size, alt text, colour-blind-safe contrast              |
| ``check_subtitles``   | C2.4      | 3      | SRT well formed, readable, audio-description script                    |

The graded cells of the assignment are registered at the end of this module (:mod:`autograder.checks.registry`):
they read the visuals saved by the studio in ``mes_visuels/``, the subtitle file ``sous_titres.srt`` (written
by the notebook's subtitle form) and the audio-description script of the notebook's answers file.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageChops, ImageStat

from autograder import accessibility as a11y
from autograder import visuals as vis
from autograder.checks.law import LawQuestion, register_questions
from autograder.checks.registry import escape, register
from autograder.checks.views import table
from autograder.company import CASE_COMPANY
from autograder.numbers import fr_number, fr_percent, fr_value
from autograder.results import LearnerInputError, check
from autograder.storage import UnreadableWork

MIN_VISUALS = 3
MAX_HEADLINE_CHARS = 40
MAX_MESSAGE_CHARS = 120


def _load(visuals) -> list[tuple[dict, tuple[int, int] | None, str]]:
    """(spec, real size or None, label) for each visual."""
    if isinstance(visuals, UnreadableWork):
        raise LearnerInputError(visuals.message)
    if isinstance(visuals, str | Path):
        folder = Path(visuals)
        if not folder.is_dir():
            raise LearnerInputError(f"Dossier de visuels introuvable : « {folder.name} ». Enregistrez vos visuels "
                                       "avec le studio (bouton « Enregistrer le PNG »).")
        visuals = vis.load_visuals(folder)
    if isinstance(visuals, dict | vis.SavedVisual):
        visuals = [visuals]
    if not isinstance(visuals, list | tuple) or not visuals:
        raise LearnerInputError("Aucun visuel : enregistrez vos visuels (PNG et métadonnées) ou donnez une liste "
                                "de visuels.")
    out = []
    for n, item in enumerate(visuals, start=1):
        if isinstance(item, vis.SavedVisual):
            out.append((item.spec, item.size, item.path.name))
        elif isinstance(item, dict):
            out.append((vis.validate_spec(item), None, f"visuel {n}"))
        else:
            raise LearnerInputError(f"Visuel {n} : un dictionnaire ou un visuel enregistré était attendu.")
    return out


def _names(labels: list[str]) -> str:
    return ", ".join(labels)


@check("C2.1", "Visuels adaptés au réseau et à son algorithme", 3)
def check_fit(visuals, *, result):
    items = _load(visuals)
    analyses = [(vis.analyse(spec, size), label) for spec, size, label in items]
    wrong = [f"{label} ({a.width}×{a.height} au lieu de {a.expected[0]}×{a.expected[1]})"
             for a, label in analyses if not a.size_ok]
    result.add(not wrong, 1.5, "Chaque visuel a la taille exacte de son emplacement.",
               "Taille inadaptée : " + _names(wrong) + ".")
    heavy = [f"{label} ({fr_percent(a.text_coverage, 0)})" for a, label in analyses
             if a.text_coverage > vis.MAX_TEXT_COVERAGE]
    result.add(not heavy, 0.75, "Le texte couvre moins de 20 % de chaque visuel (l'image reste lisible dans le fil).",
               "Trop de texte (plus de 20 % de la surface) : " + _names(heavy) + ".")
    vertical = [label for a, label in analyses if a.ratio_label == "9:16"]
    result.add(bool(vertical), 0.75, f"Un format vertical 9:16 (story, reel, short) est prévu : {_names(vertical)}.",
               "Aucun format vertical 9:16 : les algorithmes mettent en avant stories, reels et vidéos verticales.")


@check("C2.2", "Visuels diversifiés et reliés aux publications", 2)
def check_diversity(visuals, *, result):
    items = _load(visuals)
    result.add(len(items) >= MIN_VISUALS, 0.5, f"{len(items)} visuels.",
               f"{len(items)} visuel(s) : au moins {MIN_VISUALS} attendus.")
    ratios = {vis.analyse(spec).ratio_label for spec, _, _ in items}
    placements = {(spec["network"], spec["placement"]) for spec, _, _ in items}
    result.add(len(ratios) >= 2 and len(placements) >= MIN_VISUALS, 0.5,
               f"Formats variés ({', '.join(sorted(ratios))}) sur {len(placements)} emplacements différents.",
               f"Formats trop semblables ({len(placements)} emplacement(s), {len(ratios)} format(s)) : "
               f"{MIN_VISUALS} emplacements différents et au moins 2 formats attendus (carré, portrait 4:5, "
               "vertical 9:16, paysage…).")
    backgrounds = {spec["background"]["image"] if spec["background"]["kind"] == "image" else spec["background"]["colour"]
                   for spec, _, _ in items}
    result.add(len(backgrounds) >= 2, 0.5, "Fonds variés (photos et couleurs).",
               "Tous les visuels ont le même fond : variez images et couleurs.")
    messages = [spec["message"].strip().lower() for spec, _, _ in items]
    tied = all(spec["publication"].strip() for spec, _, _ in items)
    result.add(tied and len(set(messages)) == len(messages) and all(messages), 0.5,
               "Chaque visuel porte son propre message et accompagne une publication nommée.",
               "Reliez chaque visuel à une publication (champ « publication ») avec un message différent.")


@check("C2.3", "Texte, image libre de droits, message précis, identité visuelle", 4)
def check_content(visuals, company=None, *, result):
    items = _load(visuals)
    if company is None:
        from autograder.company import CASE_COMPANY as company
    no_text = [label for spec, _, label in items if not spec["headline"].strip()]
    result.add(not no_text, 1, "Chaque visuel comporte un titre.", "Titre absent : " + _names(no_text) + ".")
    images = [(spec, label) for spec, _, label in items if spec["background"]["kind"] == "image"]
    bad_licence = [label for spec, label in images if not vis.analyse(spec).licence_ok]
    result.add(bool(images) and not bad_licence, 1,
               "Images libres de droits, avec licence et source (" + ", ".join(sorted({s['licence'] for s, _ in images})) + ").",
               ("Aucune image : au moins un visuel doit utiliser une photo libre de droits." if not images else
                "Licence absente, non libre ou sans source : " + _names(bad_licence)
                + f" (licences acceptées : {', '.join(vis.FREE_LICENCES)})."))
    stock = sorted({s["licence"] for s, _ in images if s["licence"] in vis.STOCK_LICENCES})
    if stock:
        result.note(f"Licence {', '.join(stock)} : usage commercial permis, mais ce n'est pas le domaine public (CC0) "
                    "et elle ne couvre pas le droit à l'image des personnes photographiées ; pour une photo de vos "
                    "clients, de votre équipe ou d'enfants, il faut leur autorisation écrite (celle des deux parents "
                    "pour un enfant).")
    vague = [label for spec, _, label in items
             if not spec["message"].strip() or len(spec["message"]) > MAX_MESSAGE_CHARS
             or len(spec["headline"]) > MAX_HEADLINE_CHARS]
    result.add(not vague, 1, "Un message précis par visuel, titre court.",
               f"Message absent ou trop long (titre ≤ {MAX_HEADLINE_CHARS} caractères, message ≤ "
               f"{MAX_MESSAGE_CHARS}) : " + _names(vague) + ".")
    off = [(label, a.off_palette) for spec, size, label in items
           if (a := vis.analyse(spec, size, company.brand_colors)).off_palette]
    no_logo = [label for spec, _, label in items if not spec["logo"]]
    brand_fonts = (company.fonts.get("titres"), company.fonts.get("texte"))
    other_fonts = [label for spec, _, label in items
                   if (brand_fonts[0] and spec["headline_font"] != brand_fonts[0])
                   or (brand_fonts[1] and spec["body_font"] != brand_fonts[1])]
    result.add(not off and not no_logo and not other_fonts, 1,
               f"Identité visuelle respectée (couleurs, polices et logo de {company.name}).",
               "Identité visuelle : " + "; ".join(
                   [f"{label} utilise {', '.join(c)} hors charte" for label, c in off]
                   + ([f"logo absent sur {_names(no_logo)}"] if no_logo else [])
                   + ([f"polices hors charte sur {_names(other_fonts)} (titres : {brand_fonts[0]}, texte : "
                       f"{brand_fonts[1]})"] if other_fonts else [])) + ".")


@check("C2.4", "Visuels inclusifs : contraste, taille, texte alternatif, daltonisme", 4)
def check_inclusive(visuals, *, result):
    items = _load(visuals)
    analyses = [(vis.analyse(spec, size), spec, label) for spec, size, label in items]
    low = [f"{label} ({a11y.format_ratio(min(a.contrasts.values()))})" for a, _, label in analyses
           if a.contrasts and min(a.contrasts.values()) < a11y.AA_NORMAL]
    result.add(not low, 1, "Contraste du texte conforme WCAG AA (4,5:1 au moins) sur chaque visuel.",
               "Contraste insuffisant (4,5:1 attendu) : " + _names(low) + ".")
    small = [f"{label} ({min(px for px in (a.headline_px, a.body_px) if px)} px, {a.min_text_px} px au moins)"
             for a, _, label in analyses if any(0 < px < a.min_text_px for px in (a.headline_px, a.body_px))]
    result.add(not small, 1, "Caractères assez grands pour être lus sur un téléphone.",
               "Texte trop petit : " + _names(small) + ".")
    bad_alt = [f"{label} : {a.alt.issues[0]}" for a, _, label in analyses if not a.alt.ok]
    result.add(not bad_alt, 1, "Chaque visuel a un texte alternatif qui le décrit.", " ".join(bad_alt))
    cb = [f"{label} ({a11y.format_ratio(a.colour_blind_min)})" for a, _, label in analyses
          if a.contrasts and a.colour_blind_min < a11y.AA_NORMAL]
    result.add(not cb, 1, "Le contraste reste suffisant pour les personnes daltoniennes (protanopie, deutéranopie, "
               "tritanopie).", "Contraste perdu pour une vision daltonienne : " + _names(cb) + ".")


@check("C2.4", "Sous-titres et audiodescription", 3)
def check_subtitles(srt_text, audio_description=None, duration: float | None = None, *, result):
    """``srt_text``: the SRT text, or a :class:`~pathlib.Path` to an ``.srt`` file, decoded as exports are
    (:func:`autograder.accessibility.read_subtitles`: UTF-8, UTF-16, or Windows-1252 with a note)."""
    if isinstance(srt_text, Path):
        if not srt_text.is_file():
            raise LearnerInputError(f"Fichier de sous-titres introuvable : « {srt_text.name} ». Écrivez vos "
                                    "sous-titres dans le formulaire, qui les enregistre dans ce fichier.")
        try:
            srt_text, notes = a11y.read_subtitles(srt_text)
        except ValueError as exc:
            raise LearnerInputError(str(exc)) from None
        for note in notes:
            result.note(note)
        result.note(f"Fichier SRT lu : {fr_number(len(srt_text))} caractères.")
    report = a11y.check_srt(srt_text)
    result.add(report.well_formed, 1, f"Fichier SRT valide ({len(report.cues)} sous-titres).",
               "SRT invalide : " + " ".join(report.errors[:3]))
    result.add(report.well_formed and not report.warnings, 1,
               "Sous-titres lisibles (2 lignes de 42 caractères au plus, 17 caractères par seconde au plus, "
               "maximum des guides des plateformes).",
               "Sous-titres difficiles à lire : " + " ".join(report.warnings[:3])
               if report.well_formed else "Lisibilité non vérifiable tant que le fichier est invalide.")
    fast = report.faster_than_french_reference
    if report.well_formed and fast:
        result.note(f"Sous-titre(s) n° {', '.join(map(str, fast[:5]))} au-delà de la référence française pour les "
                    f"personnes sourdes ou malentendantes ({fr_value(a11y.SRT_FRENCH_CPS)} caractères par seconde, "
                    "charte Arcom) : allongez leur durée si vous le pouvez.", ok=False)
    ad = a11y.check_audio_description(audio_description, duration)
    result.add(ad.ok, 1, f"Script d'audiodescription conforme ({len(ad.entries)} descriptions).",
               "Audiodescription : " + " ".join(ad.errors[:2]))


# -- the assignment's graded cells, scored from the files (registry) ------------------------------------------
VISUALS_FOLDER = "mes_visuels"
SUBTITLES_FILE = "sous_titres.srt"
SUBTITLES_QID = "c2_4_srt"  # the SRT text typed in the form (also written to SUBTITLES_FILE)
AUDIO_DESCRIPTION_QID = "c2_4_audiodescription"
VIDEO_SECONDS = 12


MAX_RENDER_GAP = 12.0  # mean gap per channel (0-255) between a saved PNG and the rendering of its metadata


def drawn_from_metadata(item) -> bool:
    """Whether the PNG of a saved visual is the rendering of its metadata (as the studio saves it): a PNG
    replaced by another image, or metadata written by hand next to it, is not. A rendering that cannot be
    made (an imported photo missing) is left to the checks, which say why."""
    try:
        reference = vis.render(item.spec)
        with Image.open(item.path) as img:
            saved = img.convert("RGB").resize(reference.size)
    except (OSError, ValueError):
        return True
    saved.thumbnail((96, 96))
    reference.thumbnail((96, 96))
    return max(ImageStat.Stat(ImageChops.difference(saved, reference)).mean) <= MAX_RENDER_GAP


def graded_visuals(sub) -> tuple[object, list[str]]:
    """The submission's saved visuals as grading judges them, and the French reasons of what was left out.

    A photo imported in the studio is named relative to the notebook (``mes_visuels/ma-photo.png``) and read
    from the submission's folder, named explicitly (the grader's working directory never matters); a photo
    named by an absolute path or with « .. » is outside the submission and is not read (the check says the
    image is unknown, 0 point). A PNG that is not the rendering of its metadata is left out. When the visuals
    cannot be read, an :class:`UnreadableWork` (or the folder's path when there is none) is returned and the
    check reports why in French."""
    folder = sub.path(VISUALS_FOLDER)
    base = Path(sub.folder).resolve()
    try:
        saved = vis.load_visuals(folder, base) if folder.is_dir() else []
    except ValueError as exc:
        return UnreadableWork(str(exc)), []
    if not saved:
        return folder, []
    catalogue, out, problems = vis.catalogue(), [], []
    for item in saved:
        background = item.spec["background"]
        name = item.photo  # as the learner's metadata names it
        if background.get("kind") == "image" and name not in catalogue and (
                Path(name).is_absolute() or ".." in Path(name).parts):
            spec = {**item.spec, "background": {**background, "image": f"(hors de votre copie) {name}"}}
            item = vis.SavedVisual(item.path, spec, item.size, name)
        elif not drawn_from_metadata(item):
            problems.append(f"{item.path.name} n'est pas le visuel décrit par ses métadonnées ({item.path.stem}.json) : "
                            "il n'est pas évalué. Enregistrez vos visuels avec le studio.")
            continue
        out.append(item)
    return out, problems


def _judged(func, *args):
    """A registered check of the visuals: ``func(visuals, *args)`` on :func:`graded_visuals`."""

    def judge(sub):
        visuals, problems = sub.memo("c2_visuels", lambda: graded_visuals(sub))
        result = func(visuals, *args)
        for problem in problems:
            result.note(problem, ok=False)
        return [result]

    return judge


def _visuals_view(sub) -> str:
    folder = sub.path(VISUALS_FOLDER)
    if not folder.is_dir():
        return f"<p>Dossier « {escape(VISUALS_FOLDER)} » absent de la copie.</p>"
    rows = []
    for item in vis.load_visuals(folder, Path(sub.folder).resolve()):
        spec = item.spec
        rows.append([item.path.name, f"{spec.get('network', '')} {spec.get('placement', '')}",
                     "×".join(map(str, item.size)) if item.size else "", spec.get("headline", ""),
                     spec.get("message", ""), spec.get("alt_text", "")])
    if not rows:
        return f"<p>Aucun visuel enregistré dans « {escape(VISUALS_FOLDER)} ».</p>"
    return table("Visuels enregistrés", ["fichier", "emplacement", "taille (px)", "titre", "message",
                                         "texte alternatif"], rows)


def _subtitles_view(sub) -> str:
    path = sub.path(SUBTITLES_FILE)
    try:
        srt = a11y.read_subtitles(path)[0] if path.is_file() else "(fichier absent)"
    except ValueError as exc:
        srt = str(exc)
    script = sub.answers().get(AUDIO_DESCRIPTION_QID) or "(vide)"
    return ('<p style="font-weight:bold">Sous-titres</p><pre style="white-space:pre-wrap">' + escape(srt[:3000])
            + '</pre><p style="font-weight:bold">Audiodescription</p><pre style="white-space:pre-wrap">'
            + escape(str(script)[:3000]) + "</pre>")


@register("c2_1_formats_test", 3, artefact=_visuals_view)
def graded_fit(sub):
    return _judged(check_fit)(sub)


@register("c2_2_diversite_test", 2, artefact=_visuals_view)
def graded_diversity(sub):
    return _judged(check_diversity)(sub)


@register("c2_3_contenu_test", 4, artefact=_visuals_view)
def graded_content(sub):
    return _judged(check_content, CASE_COMPANY)(sub)


@register("c2_4_visuels_test", 4, artefact=_visuals_view)
def graded_inclusive(sub):
    return _judged(check_inclusive)(sub)


@register("c2_4_sous_titres_test", 3, artefact=_subtitles_view)
def graded_subtitles(sub):
    answers = sub.answers()
    result = check_subtitles(sub.path(SUBTITLES_FILE), answers.get(AUDIO_DESCRIPTION_QID), duration=VIDEO_SECONDS)
    if isinstance(answers, UnreadableWork):
        result.note(f"Réponses illisibles : {answers.message}", ok=False)
    return [result]


# -- the law a jury may ask about (lesson 9): choice questions scored with the trainer-only key ----------------
LAW_NOTEBOOK = "c2_visuels"
LAW_QUESTIONS = (
    LawQuestion("c2_3_licence_banque", "C2.3", "Licence d'une banque d'images", "Ce que permet la licence de Pexels", (
        ("L'utiliser gratuitement, même dans une publicité, mais sans laisser croire que cette famille recommande "
         "la boutique : la licence ne donne pas son accord", "usage_commercial"),
        ("Tout : les photos de Pexels sont dans le domaine public (CC0)", "cc0"),
        ("Rien tant que vous n'avez pas payé un abonnement", "payant"),
        ("La revendre telle quelle en carte postale dans la boutique", "revente"),
    ), False, 1, "2"),
    LawQuestion("c2_3_photo_enfants", "C2.3", "Droit à l'image d'un enfant", "Ce qu'il faut avant de publier", (
        ("L'autorisation écrite des deux parents de chaque enfant reconnaissable", "deux_parents"),
        ("Associer chaque enfant à la décision, selon son âge", "avis_enfant"),
        ("L'accord oral de l'animatrice de l'atelier", "animatrice"),
        ("Retirer seulement les prénoms de la légende", "sans_prenom"),
    ), True, 2, "1"),
)
register_questions(LAW_QUESTIONS, LAW_NOTEBOOK)

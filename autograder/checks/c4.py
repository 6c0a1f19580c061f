"""C4 — Créer des publications professionnelles (C4.1 visual, C4.2 wording, C4.3 hashtags, C4.4 formats).

C4.1–C4.3 take a publication draft: the dict the post composer saves (``network``, ``format``, ``caption``,
``hashtags`` as ``[{"tag": …, "role": …}]``, ``alt_text``, ``visual``), or the path of the composer's JSON
file. C4.4 takes the plan (see ``autograder.checks.c3``).
"""

from __future__ import annotations

from pathlib import Path

from autograder import content
from autograder.checks.c3 import candidate_company
from autograder.checks.law import LawQuestion, register_questions
from autograder.checks.registry import register
from autograder.checks.views import draft_html, plan_html, view_of
from autograder.company import CASE_COMPANY
from autograder.networks import get_network
from autograder.numbers import fr_value
from autograder.plan import VERTICAL_FORMATS, as_plan, format_shares, normalise_format
from autograder.results import LearnerInputError, check
from autograder.storage import UnreadableWork, read_work_file

MIN_ALT_CHARS = 30
MIN_READABILITY = 60.0  # Kandel & Moles: 60 and above reads easily
MAX_EMOJIS = 5
MAX_FORMAT_SHARE = 60.0  # %
_FORMAT_PLACEMENTS = {
    "publication": ("feed", "epingle"), "carrousel": ("feed", "epingle"),
    "story": ("story", "video", "reel", "short"), "reel": ("reel", "video", "short", "story"),
    "vidéo": ("feed", "video", "reel", "short", "miniature", "story"), "live": ("feed", "video", "story", "reel"),
}


def as_draft(artefact, base: str | Path | None = None) -> dict:
    """The draft as a dict; a path is read as the composer's file (its ``draft``)."""
    if isinstance(artefact, str | Path):
        path = Path(artefact)
        data = read_work_file(path)
        if isinstance(data, UnreadableWork):
            raise LearnerInputError(data.message)
        if data is None:
            raise LearnerInputError(f"Fichier de la publication introuvable : « {path.name} ». Utilisez le compositeur.")
        base = base or path.parent
        artefact = data.get("draft", data) if isinstance(data, dict) else data
    if not isinstance(artefact, dict):
        raise LearnerInputError("Publication : un dictionnaire (réseau, format, texte, hashtags, visuel…) était attendu.")
    draft = dict(artefact)
    draft["network"] = get_network(draft.get("network") or "").id
    draft["format"] = normalise_format(draft.get("format") or "")
    draft.setdefault("caption", "")
    draft["_base"] = str(base or draft.get("_base") or ".")
    return draft


def draft_tags(draft: dict) -> tuple[list[str], dict[str, str]]:
    """Hashtags of a draft (its list, then the caption's) and the roles the learner gave them."""
    tags, roles = [], {}
    for item in draft.get("hashtags") or []:
        tag = item.get("tag", "") if isinstance(item, dict) else str(item)
        tag = str(tag).strip().lstrip("#")
        if tag:
            tags.append(tag)
            if isinstance(item, dict) and item.get("role"):
                roles[tag] = str(item["role"])
    tags += [t for t in content.hashtags(draft.get("caption", "")) if t not in tags]
    return tags, roles


def full_text(draft: dict) -> str:
    tags, _ = draft_tags(draft)
    extra = [t for t in tags if t not in content.hashtags(draft.get("caption", ""))]
    return draft.get("caption", "").rstrip() + ("\n\n" + " ".join("#" + t for t in extra) if extra else "")


@check("C4.1", "Visuel adapté à la publication", 3)
def check_visual(draft, *, result):
    draft = as_draft(draft)
    net = get_network(draft["network"])
    visual = str(draft.get("visual") or "").strip()
    size = None
    if visual:
        path = Path(visual) if Path(visual).is_absolute() else Path(draft["_base"]) / visual
        try:
            from PIL import Image

            with Image.open(path) as img:
                size = img.size
        except (OSError, ValueError):
            size = None
    result.add(size is not None, 1, f"Visuel intégré : « {visual} » ({size[0]} × {size[1]} px)." if size else "",
               f"Aucun visuel lisible (« {visual or 'rien'} ») : joignez une image PNG ou JPEG.")
    fits = []
    if size:
        wanted = _FORMAT_PLACEMENTS[draft["format"]]
        for pl in net.placements.values():
            if not pl.id.startswith(wanted):
                continue
            for w, h in ((pl.width, pl.height), *pl.also_accepted):
                if abs(size[0] / size[1] - w / h) <= 0.02 * (w / h) and size[0] >= 0.5 * w:
                    fits.append(pl.name)
    result.add(bool(fits), 1, f"Dimensions adaptées au format {draft['format']} sur {net.name} : {', '.join(fits[:2])}.",
               f"Les dimensions ne correspondent à aucun emplacement {draft['format']} de {net.name} "
               f"({', '.join(f'{p.name} {p.width}×{p.height}' for p in net.placements.values() if p.id.startswith(_FORMAT_PLACEMENTS[draft['format']]))}).")
    alt = str(draft.get("alt_text") or "").strip()
    limit = net.alt_text_limit or 1000
    alt_ok = MIN_ALT_CHARS <= len(alt) <= limit and not content.fold(alt).startswith(("image", "photo", "visuel"))
    result.add(alt_ok, 0.5, f"Texte alternatif décrit le visuel ({len(alt)} caractères).",
               f"Texte alternatif absent, trop court ({MIN_ALT_CHARS} caractères au moins, {limit} au plus) ou "
               "commençant par « image/photo de » : décrivez ce qu'on voit.")
    cap_words = {w for w in content.WORD.findall(content.fold(content.body(full_text(draft)))) if len(w) > 4}
    alt_words = {w for w in content.WORD.findall(content.fold(alt)) if len(w) > 4}
    common = sorted(cap_words & alt_words)
    result.add(bool(common), 0.5, f"Le visuel illustre le propos du texte (mots communs : {', '.join(common[:4])}).",
               "Le texte alternatif ne partage aucun mot avec le texte : le visuel illustre-t-il bien la publication ?")


@check("C4.2", "Wording adapté à la cible et aux produits", 4)
def check_wording(draft, company=None, target_words=(), *, result):
    draft = as_draft(draft)
    company = company or CASE_COMPANY
    text = full_text(draft)
    rep = content.analyse_caption(text, draft["network"], company, tuple(target_words))
    result.note(f"{rep.length} caractères sur {rep.limit} ; lisibilité (Kandel et Moles) : "
                f"{'—' if rep.readability is None else fr_value(rep.readability)}.")
    hook = rep.visible_text if rep.visible_chars else text[:125]
    hook_rep = content.analyse_caption(hook, draft["network"], company, tuple(target_words))
    result.add(not rep.over_limit and bool(hook_rep.product_words or hook_rep.target_words), 0.5,
               "Le début visible avant « plus » parle du produit ou de la cible.",
               "Le début visible (avant « plus ») ne cite ni produit ni lieu ou mot de la cible : accrochez dès la "
               "première ligne.")
    result.add(bool(rep.product_words), 1, f"Produits de l'entreprise nommés : {', '.join(rep.product_words)}.",
               f"Aucun produit de l'entreprise n'est nommé ({', '.join(company.products[:4])}…).")
    result.add(rep.address == company.tone, 1, f"Adresse cohérente avec la ligne de l'entreprise ({company.tone}).",
               f"Adresse au lecteur : {rep.address or 'aucune'} ; attendu : {company.tone}, sans mélange tu/vous.")
    bait = ", ".join(f"« {b} »" for b in dict.fromkeys(rep.engagement_bait))
    result.add(rep.call_to_action and not bait, 0.5, "Un appel à l'action invite à agir.",
               f"Appât d'engagement ({bait}) au lieu d'un appel à l'action : Meta rétrograde depuis 2017 les publications qui demandent "
               "d'identifier, de partager, de voter ou de commenter pour gagner en diffusion. Invitez plutôt à agir "
               "(réservez, commandez, dites-nous votre avis…)." if bait else
               "Pas d'appel à l'action (réservez, commandez, dites-nous…).")
    result.add(rep.readability is not None and rep.readability >= MIN_READABILITY, 0.5,
               "Phrases faciles à lire (indice de Kandel et Moles ≥ 60).",
               "Texte difficile à lire (indice de Kandel et Moles < 60) : phrases plus courtes, mots plus simples.")
    if rep.emojis and not rep.emojis_grouped_at_end:
        result.note("Conseil : regroupez les émojis en fin de texte, ils gênent moins la lecture (lecteurs d'écran).",
                    ok=False)
    if rep.links and draft["network"] in ("instagram", "tiktok"):
        result.note(f"Les liens ne sont pas cliquables dans un texte sur {get_network(draft['network']).name} : "
                    "indiquez plutôt « lien en bio ».", ok=False)
    emo_ok = len(rep.emojis) <= MAX_EMOJIS and rep.emojis_replacing_words == 0
    result.add(emo_ok, 0.5, f"Émojis sobres ({len(rep.emojis)}), aucun ne remplace un mot.",
               f"Émojis : {len(rep.emojis)} (au plus {MAX_EMOJIS}), dont {rep.emojis_replacing_words} à la place d'un mot : "
               "les lecteurs d'écran les lisent à voix haute.")


@check("C4.3", "Hashtags diversifiés", 4)
def check_hashtags(draft, company=None, *, result):
    draft = as_draft(draft)
    company = company or CASE_COMPANY
    tags, roles = draft_tags(draft)
    rep = content.hashtag_report(tags, draft["network"], company, roles)
    limit = rep.limit
    result.note(f"{len(tags)} hashtag(s) : " + ", ".join(f"#{t} ({r})" for t, r in rep.roles.items()) + "." if tags
                else "Aucun hashtag.")
    ok_count = 3 <= len(tags) and not rep.over_limit
    result.add(ok_count, 1, f"{len(tags)} hashtags (3 au moins{f', {limit} au plus sur ce réseau' if limit else ''}).",
               f"{len(tags)} hashtag(s) : il en faut 3 au moins" + (f" et {limit} au plus sur ce réseau." if limit else "."))
    clean = not (rep.duplicates or rep.banned or rep.meaningless)
    result.add(clean, 1, "Ni doublon, ni hashtag d'échange de likes, ni hashtag vide de sens.",
               "À retirer : " + ", ".join("#" + t for t in rep.duplicates + rep.banned + rep.meaningless) + ".")
    result.add(bool(tags) and not rep.not_camel, 0.5, "Hashtags en CamelCase, lisibles par les lecteurs d'écran.",
               "Écrivez en CamelCase les hashtags de plusieurs mots : " + ", ".join("#" + t for t in rep.not_camel)
               + "." if rep.not_camel else "Aucun hashtag à lire.")
    kinds = set(rep.roles.values())
    mix = "marque" in kinds and len(kinds) >= 3
    result.add(mix, 1.5, f"Mélange de rôles : {', '.join(sorted(kinds))}.",
               f"Rôles présents : {', '.join(sorted(kinds)) or 'aucun'} ; il faut le hashtag de marque et deux autres "
               "rôles parmi niche, locale, large.")


@check("C4.4", "Formats variés", 3)
def check_format_mix(plan, *, result):
    plan = as_plan(plan)
    if not plan.posts:
        raise LearnerInputError("le plan ne contient aucune publication.")
    shares = format_shares(plan)
    result.note("Formats : " + ", ".join(f"{f} {fr_value(s)} %" for f, s in shares.items()) + ".")
    result.add(len(shares) >= 3, 1, f"{len(shares)} formats différents.",
               f"Seulement {len(shares)} format(s) : utilisez-en 3 au moins (publication, carrousel, story, reel…).")
    vertical = [f for f in shares if f in VERTICAL_FORMATS]
    result.add(bool(vertical), 1, f"Formats verticaux ou vidéo présents : {', '.join(vertical)}.",
               "Aucune story, aucun reel ni aucune vidéo : les formats verticaux sont mis en avant par les algorithmes.")
    top, share = next(iter(shares.items()))
    result.add(share <= MAX_FORMAT_SHARE, 1, f"Aucun format ne dépasse {MAX_FORMAT_SHARE:g} % du plan.",
               f"Le format « {top} » fait {fr_value(share)} % du plan (au plus {MAX_FORMAT_SHARE:g} %).")


def check_publication(draft, company=None):
    return [check_visual(draft), check_wording(draft, company), check_hashtags(draft, company)]


# -- the assignment's graded cells (scored from the submission's files: autograder.checks.registry) ----------
PUBLICATION_FILE = "publication.json"  # written by the post composer
PLAN_FILE = "plan_editorial.json"  # written by the plan builder
VISUAL_FIX = "déposez un vrai visuel à côté du notebook"


def visual_problem(draft: dict) -> str:
    """Why the draft's visual cannot be the one judged (French), or "" when it can
    (:func:`autograder.visuals.image_problem`)."""
    from autograder.visuals import image_problem  # imported here: colour science only for graded drafts

    return image_problem(draft["_base"], str(draft.get("visual") or "").strip(), VISUAL_FIX)


def _graded_draft(sub):
    draft = as_draft(sub.path(PUBLICATION_FILE))
    # the three cells of the publication judge the same image: decoded once per submission
    problem = sub.memo(("c4_visuel", str(draft.get("visual") or "")), lambda: visual_problem(draft))
    if problem:
        draft["visual"] = ""
    return draft, problem


def _guarded(sub, func, *args):
    try:
        draft, problem = _graded_draft(sub)
    except LearnerInputError:
        return [func(sub.path(PUBLICATION_FILE), *args)]  # the check reports the French reason (0 point)
    result = func(draft, *args)
    if problem:
        result.note(problem[0].upper() + problem[1:], ok=False)
    return [result]


publication_view = view_of(draft_html, PUBLICATION_FILE)
plan_view = view_of(plan_html, PLAN_FILE)


@register("c4_1_visuel_test", 3, artefact=publication_view)
def graded_visual(sub):
    return _guarded(sub, check_visual)


@register("c4_2_wording_test", 4, artefact=publication_view)
def graded_wording(sub):
    return _guarded(sub, check_wording, CASE_COMPANY)  # the brief's company, whatever entreprise.json says


@register("c4_3_hashtags_test", 4, artefact=publication_view)
def graded_hashtags(sub):
    return _guarded(sub, check_hashtags, CASE_COMPANY)


@register("c4_4_formats_test", 3, artefact=plan_view)
def graded_format_mix(sub):
    from autograder.checks.c3 import on_drafted_plan

    return on_drafted_plan(sub, check_format_mix)


# -- the certification's C4 cells: the candidate's files gathered from the modules, the candidate's company ----
@register("c4_1_cert_visuel", 3, artefact=publication_view)
def certification_visual(sub):
    return _guarded(sub, check_visual)


@register("c4_2_cert_wording", 4, artefact=publication_view)
def certification_wording(sub):
    return _guarded(sub, check_wording, candidate_company(sub))


@register("c4_3_cert_hashtags", 4, artefact=publication_view)
def certification_hashtags(sub):
    return _guarded(sub, check_hashtags, candidate_company(sub))


@register("c4_4_cert_formats", 3, artefact=plan_view)
def certification_format_mix(sub):
    return [check_format_mix(sub.path(PLAN_FILE))]  # the whole plan, as the certification always judged it


# -- the law a jury may ask about (lesson 9): choice questions scored with the trainer-only key ----------------
LAW_NOTEBOOK = "c4_publication"
LAW_QUESTIONS = (
    LawQuestion("c4_2_jeu_concours", "C4.2", "Jeu-concours loyal et conforme aux règles de Meta",
                "Ce que dit l'annonce du jeu", (
                    ("Un lien vers le règlement écrit (dates, lot, désignation du gagnant)", "reglement"),
                    ("« Ce jeu n'est ni organisé ni parrainé par Facebook »", "mention_facebook"),
                    ("« Identifiez deux amis en commentaire pour participer »", "identifier"),
                    ("« Partagez sur votre journal pour doubler vos chances »", "partager"),
                ), True, 2, "6"),
    LawQuestion("c4_4_mention_image", "C4.4", "Mention d'un contenu commercial", "La mention du reel", (
        ("« Collaboration commerciale », visible pendant toute la vidéo", "collaboration"),
        ("« Image virtuelle »", "virtuelle"),
        ("« #sp » à la fin de la légende", "sp"),
        ("Aucune : les galettes étaient offertes, pas payées", "aucune"),
    ), False, 1, "7"),
)
register_questions(LAW_QUESTIONS, LAW_NOTEBOOK)

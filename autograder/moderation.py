"""Moderation and e-reputation: the charter as data, reply-quality checks, response times, sentiment.

Pure domain code (no widgets, no printing). Sources (public pages, cited to learners next to each figure):

- [META-MOD] Meta Business help: hiding a comment keeps it visible to its author and their friends,
  deleting removes it for everyone; Meta's tools: profanity filter, Hidden Words.
- [SANCHEZ-2023] Why the page must act: in France the page holder who does not promptly remove unlawful
  third-party comments he knows of can be convicted (loi du 29 juillet 1982, art. 93-3), and the ECHR Grand
  Chamber held it compatible with Article 10 (Sanchez c. France, 15 May 2023, n° 45581/15,
  https://hal.science/hal-04140566).
- Usual triage: delete or hide, template reply, personal
  reply, escalate; criticism gets a public answer, then the conversation moves to private messages;
  « don't feed the trolls ».
- [META-INBOX] Meta Business Suite inbox: saved replies; the « very responsive » badge needs a response
  rate ≥ 90 % and a response time ≤ 15 min over 7 days; the response time is the average of the fastest
  90 % of replies; the 24-hour messaging window.
- [HUBSPOT] 79 % of consumers expect an answer within 24 h, 39 % within 60 min (HubSpot survey; no public page
  was found for it, so the lessons do not quote these figures: they only compute the shares of replies).
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from autograder import insights
from autograder.company import CASE_COMPANY, CompanyProfile
from autograder.text import fold

# ---------------------------------------------------------------------------------------------------------
# Actions and the charter [META-MOD]
# ---------------------------------------------------------------------------------------------------------

ACTIONS: dict[str, str] = {
    "reply": "Répondre",
    "like": "J'aime",
    "hide": "Masquer",
    "delete": "Supprimer",
    "ban": "Bannir l'auteur",
    "to_private": "Inviter en message privé",
    "escalate": "Transmettre (responsable)",
    "share": "Repartager",
    "ignore": "Laisser sans action",
}

LABELS = ("question", "commande", "avis positif", "réclamation", "indésirable", "crise", "à repartager",
          "urgent", "suivi")


@dataclass(frozen=True)
class Rule:
    kind: str
    label: str  # French name of the kind of item
    sentiment: str  # "positif", "neutre" or "négatif"
    required: tuple[tuple[str, ...], ...]  # each inner tuple: at least one of these actions
    forbidden: tuple[str, ...]
    handling: str  # the charter's words (French)
    needs_answer: bool = False  # a question or a request: must get a reply that answers it
    legitimate_criticism: bool = False  # never deleted, hidden or banned
    personal_data: bool = False  # the answer needs personal data: invite to private messages (comments)

    def required_for(self, channel: str) -> tuple[tuple[str, ...], ...]:
        """Required actions for a comment or a private message (no move to private in a private message)."""
        if channel == "message":
            return tuple(group for group in self.required if group != ("to_private",))
        return self.required

    @property
    def handling_short(self) -> str:
        return " + ".join(" ou ".join(ACTIONS[a] for a in group) for group in self.required) or "aucune action"


_NEVER_REMOVE = ("delete", "hide", "ban")

CHARTER: dict[str, Rule] = {
    r.kind: r
    for r in (
        Rule("question", "Question", "neutre", (("reply",),), _NEVER_REMOVE,
             "Répondre en public, vite et précisément : la réponse sert aussi aux autres lecteurs.", needs_answer=True),
        Rule("order", "Commande ou réservation", "neutre", (("reply",), ("to_private",)), _NEVER_REMOVE,
             "Répondre, puis passer en message privé pour les coordonnées (nom, téléphone, date).",
             needs_answer=True, personal_data=True),
        Rule("praise", "Compliment", "positif", (("like",),), _NEVER_REMOVE,
             "Aimer et, de préférence, remercier personnellement."),
        Rule("complaint_mild", "Réclamation modérée", "négatif", (("reply",),), _NEVER_REMOVE,
             "Répondre en public : remercier ou s'excuser, expliquer, proposer une solution.",
             legitimate_criticism=True),
        Rule("complaint_angry", "Réclamation en colère", "négatif", (("reply",), ("to_private",)), _NEVER_REMOVE,
             "Répondre en public avec empathie (jamais de réponse toute faite), puis inviter en message privé ; "
             "transmettre au responsable si besoin.", legitimate_criticism=True, personal_data=True),
        Rule("spam", "Indésirable (spam)", "neutre", (("delete", "hide"),), ("reply", "like", "share"),
             "Supprimer (ou masquer) ; bannir en cas de récidive."),
        Rule("scam", "Arnaque, hameçonnage", "négatif", (("delete",), ("ban",)), ("reply", "like", "share"),
             "Supprimer, bannir l'auteur et le signaler : il vise vos abonnés."),
        Rule("insult", "Insulte", "négatif", (("delete",),), ("reply", "like", "share"),
             "Supprimer (propos injurieux, la page en est responsable) ; bannir en cas de récidive."),
        Rule("troll", "Provocation (troll)", "négatif", (("hide", "ignore"),), ("reply", "like", "share"),
             "Ne pas nourrir le troll : masquer ou laisser sans réponse."),
        Rule("misinformation", "Fausse information", "négatif", (("reply",),), ("delete", "hide", "ban", "like", "share"),
             "Rectifier en public, avec courtoisie et des faits vérifiables ; ne pas supprimer.",
             needs_answer=True, legitimate_criticism=True),
        Rule("crisis", "Crise (publication négative qui se propage)", "négatif", (("reply",), ("escalate",)),
             _NEVER_REMOVE,
             "Transmettre tout de suite au responsable, répondre en public vite, reconnaître, annoncer ce qui est "
             "fait, inviter en privé ; ne rien supprimer.", legitimate_criticism=True),
        Rule("crisis_echo", "Réaction à la crise", "négatif", (("reply",),), _NEVER_REMOVE,
             "Répondre en public en renvoyant à la réponse officielle ; ne rien supprimer.",
             legitimate_criticism=True),
        Rule("mention", "Mention de la marque", "positif", (("like",),), ("delete", "hide", "ban"),
             "Aimer, remercier si possible."),
        Rule("share", "Partage d'une publication", "positif", (("like",),), ("delete", "hide", "ban"),
             "Aimer pour encourager le partage."),
        Rule("ugc", "Contenu d'un membre à repartager", "positif", (("like",), ("share",)), ("delete", "hide", "ban"),
             "Aimer, demander l'autorisation en répondant, puis repartager en citant l'auteur."),
    )
}


def decision_follows_charter(kind: str, channel: str, actions: Iterable[str]) -> tuple[bool, str]:
    """Whether ``actions`` on an item of ``kind`` follow the charter, and a French explanation."""
    rule = CHARTER[kind]
    done = set(actions)
    wrong = sorted(done & set(rule.forbidden))
    if wrong:
        return False, f"{rule.label} : « {', '.join(ACTIONS[a] for a in wrong)} » est contraire à la charte."
    missing = [group for group in rule.required_for(channel) if not done & set(group)]
    if missing:
        need = " ; ".join(" ou ".join(ACTIONS[a] for a in g) for g in missing)
        return False, f"{rule.label} : il manque « {need} » ({rule.handling})"
    return True, f"{rule.label} : traité selon la charte."


def validate_actions(actions: Iterable[str]) -> list[str]:
    out = []
    for a in actions:
        if a not in ACTIONS:
            raise ValueError(f"Action inconnue : « {a} ». Actions possibles : "
                             + ", ".join(f"« {label} »" for label in ACTIONS.values()) + ".")
        if a not in out:
            out.append(a)
    return out


# ---------------------------------------------------------------------------------------------------------
# Replies: validation, saved replies with variables, quality checks
# ---------------------------------------------------------------------------------------------------------

_LETTERS = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9]")


def validate_reply(text) -> str:
    """The reply stripped, or a French ``ValueError`` for an empty or emoji-only reply."""
    if not isinstance(text, str):
        raise ValueError(f"Une réponse doit être un texte (reçu {type(text).__name__}).")
    text = text.strip()
    if not text:
        raise ValueError("La réponse est vide : écrivez quelques mots (salutation, réponse, signature).")
    if not _LETTERS.search(text):
        raise ValueError("La réponse ne contient que des émojis ou des signes : écrivez une phrase, "
                         "les émojis ne remplacent pas les mots.")
    return text


def first_name(author: str) -> str:
    return str(author).strip().split()[0] if str(author).strip() else ""


def signature_for(company: CompanyProfile = CASE_COMPANY) -> str:
    return f"L'équipe {company.name}"


SAVED_REPLIES: dict[str, str] = {
    "Remerciement": "Bonjour {prenom}, merci beaucoup pour votre message, il fait plaisir à toute l'équipe ! "
                    "À bientôt. {signature}",
    "Horaires": "Bonjour {prenom}, merci pour votre question ! Nous sommes ouverts du mardi au samedi de 7 h à "
                "19 h 30 et le dimanche de 7 h à 13 h. {signature}",
    "Commande en privé": "Bonjour {prenom}, merci pour votre demande ! Avec plaisir : nous vous écrivons en message "
                         "privé pour prendre votre commande (date, nombre de parts, coordonnées). {signature}",
    "Excuses et message privé": "Bonjour {prenom}, nous sommes vraiment désolés de ce qui s'est passé. Pouvez-vous "
                                "nous écrire en message privé pour que nous trouvions une solution ensemble ? "
                                "{signature}",
    "Rectification": "Bonjour {prenom}, merci de nous permettre de rectifier : {precision} {signature}",
    "Autorisation de repartage": "Bonjour {prenom}, merci, c'est magnifique ! Pouvons-nous repartager votre photo "
                                 "en vous citant ? {signature}",
}
TEMPLATE_VARIABLES = {"prenom": "prénom de l'auteur", "entreprise": "nom de l'entreprise",
                      "signature": "signature de l'équipe", "precision": "précision à apporter"}


def fill_template(template: str, author: str, company: CompanyProfile = CASE_COMPANY, **extra: str) -> str:
    """A saved reply with its variables filled: {prenom}, {entreprise}, {signature} (and any extra)."""
    values = {"prenom": first_name(author), "entreprise": company.name, "signature": signature_for(company),
              "precision": ""}
    values.update(extra)
    try:
        text = template.format(**values)
    except KeyError as exc:
        raise ValueError(f"Variable inconnue dans la réponse enregistrée : {{{exc.args[0]}}}. Variables possibles : "
                         + ", ".join("{" + k + "}" for k in TEMPLATE_VARIABLES) + ".") from None
    except (IndexError, ValueError):
        raise ValueError("Réponse enregistrée mal formée : les variables s'écrivent entre accolades, "
                         "par exemple {prenom}.") from None
    return re.sub(r"[ \t\r\n]+", " ", text).strip()  # no-break spaces (typography) are kept


_GREETING = re.compile(r"^\W*(bonjour|bonsoir|salut|hello|coucou|cher|chère|chere|merci)\b")
_THANKS_APOLOGY = re.compile(r"\b(merci|desole|desolee|desoles|excus|navre|pardon|regrett)")
_PRIVATE = re.compile(r"(message prive|messages prives|\bmp\b|en prive|par message|boite de reception|"
                      r"\bdm\b|messenger)")
_SIGNATURE = re.compile(r"(l'equipe|—|–|-\s*\w+\s*$|\b(lea|la fournee)\b[^\w]*$)")

REPLY_CRITERIA = {
    "greeting": "salutation (« Bonjour… »)",
    "name": "prénom de la personne",
    "thanks_or_apology": "remerciement ou excuses",
    "answers": "réponse à la question posée",
    "private": "invitation en message privé (données personnelles)",
    "signature": "signature",
}


def reply_quality(reply: str, author: str, *, keywords: Iterable[str] = (), personal_data: bool = False,
                  company: CompanyProfile = CASE_COMPANY) -> dict[str, bool]:
    """Which quality criteria a reply meets (only those that apply to the item)."""
    text = validate_reply(reply)
    folded = fold(text)
    result = {
        "greeting": bool(_GREETING.search(folded)),
        "name": bool(first_name(author)) and fold(first_name(author)) in folded,
        "thanks_or_apology": bool(_THANKS_APOLOGY.search(folded)),
    }
    keywords = [fold(k) for k in keywords]
    if keywords:
        result["answers"] = any(k in folded for k in keywords)
    if personal_data:
        result["private"] = bool(_PRIVATE.search(folded))
    signature_words = fold(company.name).split()[-1:]
    result["signature"] = bool(_SIGNATURE.search(folded)) or any(folded.rstrip(" .!").endswith(w)
                                                                   for w in signature_words)
    return result


def reply_skeleton(reply: str, author: str) -> str:
    """The reply without the person's name, spaces and punctuation: two equal skeletons are a copy-paste."""
    folded = fold(reply).replace(fold(first_name(author)), "")
    return re.sub(r"[\W_]+", " ", folded).strip()


def copy_pasted(replies: Mapping[str, tuple[str, str]]) -> set[str]:
    """Ids of replies that repeat another one word for word (the name aside). ``replies``: id → (reply, author)."""
    seen: dict[str, list[str]] = {}
    for item_id, (reply, author) in replies.items():
        seen.setdefault(reply_skeleton(reply, author), []).append(item_id)
    return {i for ids in seen.values() if len(ids) > 1 for i in ids}


# ---------------------------------------------------------------------------------------------------------
# Response times [META-INBOX] [HUBSPOT]
# ---------------------------------------------------------------------------------------------------------


def response_time_figures(delays_minutes: Iterable[float | None]) -> dict[str, float | bool | int]:
    """Figures of an inbox from its reply delays in minutes (``None`` = never answered).

    response rate (%), median, Meta's response time (mean of the fastest 90 % of replies, the rule and
    thresholds of :mod:`autograder.insights`), share of replies within 15 min / 1 h / 24 h [HUBSPOT], and
    whether Meta's « très réactif » badge would be shown (≥ 90 %, ≤ 15 min).
    """
    delays = list(delays_minutes)
    for d in delays:
        if d is not None and (isinstance(d, bool) or not isinstance(d, int | float) or d < 0):
            raise ValueError(f"Délai de réponse invalide : « {d} » (un nombre de minutes ≥ 0, ou une case vide pour un message resté sans réponse).")
    answered = sorted(float(d) for d in delays if d is not None)
    if not delays:
        raise ValueError("Aucun message à mesurer : la liste des délais est vide.")
    rate = len(answered) / len(delays) * 100
    if not answered:
        return {"items": len(delays), "answered": 0, "response_rate": 0.0, "median_minutes": float("nan"),
                "meta_response_minutes": float("nan"), "within_15_min": 0.0, "within_1_h": 0.0,
                "within_24_h": 0.0, "very_responsive": False}
    fastest = answered[: max(1, math.ceil(insights.RESPONSE_TIME_SHARE * len(answered)))]
    meta_time = statistics.fmean(fastest)

    def share(limit: float) -> float:
        return sum(d <= limit for d in answered) / len(delays) * 100

    return {"items": len(delays), "answered": len(answered), "response_rate": rate,
            "median_minutes": statistics.median(answered), "meta_response_minutes": meta_time,
            "within_15_min": share(15), "within_1_h": share(60), "within_24_h": share(24 * 60),
            "very_responsive": rate >= insights.BADGE_RATE and meta_time <= insights.BADGE_MINUTES}


_CHANNELS = {("message", "facebook"): "Messenger", ("message", "instagram"): "Instagram Direct",
             ("commentaire", "facebook"): "Facebook comment", ("commentaire", "instagram"): "Instagram comment"}


def as_inbox_export(items: Iterable[Mapping], decisions: Mapping[str, Mapping] | None = None) -> pd.DataFrame:
    """The items as an inbox export (the columns :mod:`autograder.insights` reads), replies included.

    A past item's reply time comes from ``handled``; a queue item's from its decision (``decided_at``).
    """
    decisions = decisions or {}
    rows = []
    for it in items:
        handled = it.get("handled") or {}
        replied = handled.get("replied_at")
        d = decisions.get(it["id"], {})
        if not replied and d.get("reply"):
            replied = d.get("decided_at")
        rows.append({"Item ID": it["id"], "Channel": _CHANNELS[(it["channel"], it["network"])],
                     "Author": it["author"], "Text": it["text"], "Received time": pd.Timestamp(it["created_at"]),
                     "Replied time": pd.Timestamp(replied) if replied else pd.NaT,
                     "Labels": d.get("label") or ""})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------------------
# Sentiment and e-reputation
# ---------------------------------------------------------------------------------------------------------

_POSITIVE = ("merci", "bravo", "super ", "top", "ador", "excellent", "delicieu", "meilleur", "parfait", "genial",
             "chaleureu", "magnifique", "incroyable", "regal", "❤", "😍", "🥰", "👏", "recommand", "fan ",
             "partage votre", "inspire", "reussi", "prefere", "a faire avec", "#lafourneedelea",
             "#fourneedelea")
_NEGATIVE = ("decu", "dommage", "inadmissible", "honte", "honteu", "nul", "arnaque", "scandal", "furieu",
             "plastique", "jamais", "attente", "pas prete", "rembours", "grave", "escroc", "voleur", "incapable",
             "pire", "mauvais", "evite", "plus rien", "ferme definitivement", "huile de palme", "lol", "bobo",
             "hipster", "desactive", "m***e", "surgele", "😡", "🤮", "👎", "mal la monnaie", "donnee a quelqu'un",
             "controlee", "personne ne", "trop cuit", "gache")
_WORD = {w: re.compile(r"(?<!\w)" + re.escape(w.strip()) + (r"\b" if w.endswith(" ") else ""))
         for w in _POSITIVE + _NEGATIVE}


def sentiment(text: str) -> str:
    """« positif », « négatif » or « neutre » from a small French lexicon (accents and case ignored).

    Words match at the start of a word (« ador » matches « adoré », « adorable »); emojis anywhere.
    """
    folded = fold(text)
    pos = sum(bool(_WORD[w].search(folded)) for w in _POSITIVE)
    neg = sum(bool(_WORD[w].search(folded)) for w in _NEGATIVE)
    if neg > pos:
        return "négatif"
    if pos > neg:
        return "positif"
    return "neutre"


def ereputation_summary(items: Iterable[Mapping], answered_ids: Iterable[str] = ()) -> dict:
    """E-reputation over time: sentiment per week and the share of negative items that got an answer.

    ``items``: dicts with ``id``, ``text``, ``created_at`` (ISO) and optionally ``sentiment``; ``answered_ids``:
    the items that got a reply. Returns ``weekly`` (DataFrame: week → positif, neutre, négatif, solde net),
    ``negative_answered_pct``, ``net_sentiment`` (positive minus negative, in % of items).
    """
    rows = []
    for it in items:
        try:
            rows.append({"id": it["id"], "created_at": pd.Timestamp(it["created_at"]),
                         "sentiment": it.get("sentiment") or sentiment(it["text"])})
        except (KeyError, ValueError, TypeError):
            raise ValueError("Chaque élément doit avoir un « id », un « text » et une date « created_at » "
                             "(AAAA-MM-JJTHH:MM).") from None
    if not rows:
        raise ValueError("Aucun élément à résumer : la boîte de réception est vide.")
    frame = pd.DataFrame(rows)
    frame["semaine"] = frame["created_at"].dt.to_period("W-SUN").dt.start_time.dt.date
    weekly = (frame.pivot_table(index="semaine", columns="sentiment", values="id", aggfunc="count", fill_value=0)
              .reindex(columns=["positif", "neutre", "négatif"], fill_value=0))
    weekly["solde net"] = weekly["positif"] - weekly["négatif"]
    weekly.columns.name = None
    answered = set(answered_ids)
    negatives = frame[frame["sentiment"] == "négatif"]
    share = (negatives["id"].isin(answered).mean() * 100) if len(negatives) else 100.0
    counts = frame["sentiment"].value_counts()
    net = (counts.get("positif", 0) - counts.get("négatif", 0)) / len(frame) * 100
    return {"weekly": weekly, "negative_answered_pct": float(share), "net_sentiment": float(net),
            "items": len(frame)}


# ---------------------------------------------------------------------------------------------------------
# Animation plan (C6.1): weekly community actions with targets
# ---------------------------------------------------------------------------------------------------------

ANIMATION_ACTIONS: dict[str, str] = {
    "answer": "Répondre aux commentaires et messages",
    "like_share": "Aimer et partager les contenus des membres",
    "story": "Story (coulisses, sondage, question, partage de mention)",
    "poll": "Question ou sondage à la communauté",
    "group_post": "Publication ou partage dans un groupe",
    "ugc_repost": "Repartage d'un contenu de membre (avec son accord)",
    "live": "Live ou événement",
}


def validate_plan_row(row: Mapping) -> dict:
    """One week's action of an animation plan, checked: ``{"semaine", "action", "cible", "detail"}``."""
    if not isinstance(row, Mapping):
        raise ValueError("Chaque ligne du plan d'animation doit donner une semaine, une action, un objectif chiffré "
                         "et, si besoin, un détail (par exemple : semaine 1, Story, 3).")
    missing = [k for k in ("semaine", "action", "cible") if k not in row]
    if missing:
        raise ValueError(f"Ligne du plan d'animation incomplète : il manque {', '.join(missing)}.")
    week, target = row["semaine"], row["cible"]
    if isinstance(week, bool) or not isinstance(week, int) or not 1 <= week <= 53:
        raise ValueError(f"« semaine » : un numéro de semaine de 1 à 53 était attendu (reçu « {week} »).")
    if row["action"] not in ANIMATION_ACTIONS:
        raise ValueError(f"Action d'animation inconnue : « {row['action']} ». Actions possibles : "
                         + ", ".join(f"« {label} »" for label in ANIMATION_ACTIONS.values()) + ".")
    if isinstance(target, bool) or not isinstance(target, int) or target <= 0:
        raise ValueError(f"« cible » : un nombre entier d'actions supérieur à 0 était attendu (reçu « {target} »).")
    return {"semaine": week, "action": row["action"], "cible": target, "detail": str(row.get("detail", "")).strip()}

"""Trainer-only: the case company's inbox over one month and the answer key of its queue (seeded).

``generate()`` returns every item with its hidden part (``kind`` and the charter's expected handling);
``inbox()`` gives the learner's view (the hidden part removed), ``expected_handling()`` the answer key read
by the C6 checks at grading. Items created before ``PENDING_FROM`` were handled by the team (``handled``:
actions, reply, reply time): they feed the response-time figures and the e-reputation summary; the others
wait in the queue for the learner. Every kind of the charter appears in the queue.

This module is not part of the installed package: ``python -m coursetools.c6_keys`` writes the key
(``keys/case_community.json``, next to ``source/``) and the learner's view bundled with the package
(``autograder/data/case_community_inbox.json``, read by :mod:`autograder.data.case_community`);
``--check`` only says whether both files are up to date.

The texts are invented for the course (La Fournée de Léa, Lyon 4e); any resemblance is coincidental.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
import sys
from pathlib import Path

from autograder.data.case_community import INBOX_FILE
from autograder.moderation import CHARTER, SAVED_REPLIES, fill_template

SEED = 2026
MONTH_START = dt.datetime(2026, 10, 1, 7, 0)
PENDING_FROM = dt.datetime(2026, 10, 25, 0, 0)
HIDDEN_KEYS = ("kind", "expected")

FIRST = ["Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Julie", "Emma", "Lucie", "Clara", "Hugo", "Lucas",
         "Thomas", "Nicolas", "Karim", "Mehdi", "Yanis", "Antoine", "Julien", "Paul", "Sophie", "Nadia", "Amel",
         "Fatou", "Élodie", "Mathilde", "Bastien", "Rémi", "Aurélie", "Jeanne"]
LAST = ["Martin", "Bernard", "Dubois", "Roux", "Girard", "Bonnet", "Lambert", "Fontaine", "Mercier", "Garnier",
        "Chevalier", "Benali", "Diallo", "Nguyen", "Moreau", "Faure", "Blanc", "Perrin", "Morel", "Gauthier"]
POSTS = [
    "Publication du 1er octobre : le pain au levain de la semaine",
    "Publication du 5 octobre : atelier pâtisserie enfants du mercredi",
    "Publication du 9 octobre : nouveau flan vanille",
    "Reel du 14 octobre : une nuit au fournil",
    "Publication du 18 octobre : Journée mondiale du pain",
    "Publication du 23 octobre : précommandes de Toussaint",
    "Reel du 26 octobre : le fraisier d'automne",
]

# kind -> list of (text, channel or None for either, reply keywords)
TEXTS: dict[str, list[tuple[str, str | None, tuple[str, ...]]]] = {
    "question": [
        ("Bonjour, vous êtes ouverts le dimanche ?", None, ("dimanche",)),
        ("Est-ce que vous faites des gâteaux sans gluten ?", None, ("gluten",)),
        ("L'atelier enfants du mercredi, c'est à partir de quel âge ?", None, ("ans", "âge")),
        ("Vous livrez à Villeurbanne ?", None, ("livr", "click")),
        ("Le pain au levain se conserve combien de temps ?", None, ("jour", "conserv")),
        ("Vous acceptez les titres-restaurant ?", None, ("titre",)),
        ("C'est combien la galette pour 6 personnes ?", None, ("€", "euro", "prix")),
        ("Vous avez des viennoiseries vegan ?", None, ("vegan", "végétal")),
    ],
    "order": [
        ("Je voudrais commander un fraisier pour 8 personnes samedi, c'est possible ?", None, ("command", "fraisier")),
        ("Bonjour, je souhaite réserver 2 places à l'atelier du 4 novembre pour mes enfants.", None,
         ("réserv", "place", "atelier")),
        ("Peut-on précommander 3 baguettes tradition pour demain 8 h ?", None, ("command", "baguette")),
        ("Je cherche une pièce montée pour un baptême le 15, vous faites ?", None, ("pièce montée", "command", "devis")),
    ],
    "praise": [
        ("Meilleur pain au levain de la Croix-Rousse 😍", None, ()),
        ("Merci pour l'accueil toujours aussi chaleureux !", None, ()),
        ("Les enfants ont adoré l'atelier, bravo à toute l'équipe !", None, ()),
        ("Ce flan vanille… incroyable, je recommande !", None, ()),
        ("Super équipe, super produits, merci !", None, ()),
    ],
    "complaint_mild": [
        ("Dommage, plus aucun pain au chocolat à 11 h ce matin…", "commentaire", ()),
        ("L'attente était un peu longue samedi, il faudrait une deuxième caisse.", "commentaire", ()),
        ("Le site de click & collect ne marchait pas hier soir, un peu déçue.", "commentaire", ()),
        ("Ma baguette était un peu trop cuite aujourd'hui, dommage.", "commentaire", ()),
    ],
    "complaint_angry": [
        ("Commande de gâteau d'anniversaire pas prête à l'heure, fête gâchée. Inadmissible !!!", None, ()),
        ("Deuxième fois qu'on me rend mal la monnaie, je suis furieux.", None, ()),
        ("Ma commande click & collect a été donnée à quelqu'un d'autre et personne ne m'a rappelé !", None, ()),
    ],
    "spam": [
        ("Gagnez 500 €/jour depuis chez vous 👉 bit.ly/argent-facile", "commentaire", ()),
        ("Follow4follow ? Allez voir mon profil !!", "commentaire", ()),
        ("Achetez 10 000 abonnés pour 9 € sur boost-followers.biz", "commentaire", ()),
    ],
    "scam": [
        ("⚠️ Meta Support : votre page sera désactivée sous 24 h, vérifiez votre compte ici : meta-verif-page.com",
         "message", ()),
        ("Félicitations, vous avez gagné le jeu concours de La Fournée ! Envoyez vos coordonnées bancaires en MP "
         "pour recevoir votre lot.", "commentaire", ()),
    ],
    "insult": [
        ("Bande de voleurs et d'incapables, allez vous faire voir.", "commentaire", ()),
        ("Léa t'es vraiment une escroc, ta boulangerie c'est de la m***e.", "commentaire", ()),
    ],
    "troll": [
        ("Le levain c'est une arnaque marketing pour bobos lol", "commentaire", ()),
        ("Encore une boulangerie de hipsters, personne ne mange ça 😂", "commentaire", ()),
        ("Les vrais Lyonnais achètent leur pain au supermarché, lol", "commentaire", ()),
    ],
    "misinformation": [
        ("Attention, il paraît que la boulangerie ferme définitivement fin novembre !", "commentaire",
         ("ouvert", "ferme pas", "continu", "reste")),
        ("Ils mettent de l'huile de palme dans les croissants, évitez.", "commentaire", ("beurre",)),
        ("Leurs viennoiseries sont surgelées industrielles, tout le monde le sait.", "commentaire",
         ("fournil", "maison", "pétri", "sur place")),
    ],
    "mention": [
        ("Goûter d'anniversaire réussi grâce à @lafourneedelea ☕", "commentaire", ()),
        ("Ma pause préférée : un flan de chez @lafourneedelea 😍", "commentaire", ()),
    ],
    "share": [
        ("a partagé votre publication : « Atelier pâtisserie du mercredi ». « À faire avec les petits ! »",
         "commentaire", ()),
        ("a partagé votre publication dans le groupe « Parents de la Croix-Rousse ».", "commentaire", ()),
    ],
    "ugc": [
        ("Ma bûche maison inspirée de votre atelier ! [photo] #LaFourneeDeLea", "commentaire", ()),
        ("Petit-déjeuner du dimanche avec vos croissants [photo] #FourneeDeLea", "commentaire", ()),
    ],
}

CRISIS = ("[photo] Un morceau de plastique dans ma baguette achetée ce matin à La Fournée de Léa. Mon fils a failli "
          "l'avaler. Partagez !!", ("désolé", "excus"))
CRISIS_ECHOES = [
    "C'est grave ça, vous allez répondre ?",
    "Partagé. Je n'y achèterai plus rien.",
    "J'espère que l'hygiène va être contrôlée…",
    "Honteux. Une boulangerie de quartier en plus !",
]

# How many items of each kind wait in the queue (the last week) and how many the team already handled.
PENDING = {"question": 6, "order": 3, "praise": 4, "complaint_mild": 3, "complaint_angry": 2, "spam": 3,
           "scam": 2, "insult": 2, "troll": 2, "misinformation": 2, "mention": 2, "share": 2, "ugc": 2}
HISTORY = {"question": 24, "order": 10, "praise": 22, "complaint_mild": 10, "complaint_angry": 4, "spam": 12,
           "scam": 3, "insult": 3, "troll": 5, "misinformation": 3, "mention": 10, "share": 8, "ugc": 6}

_HISTORY_REPLY = {"question": "Horaires", "order": "Commande en privé", "praise": "Remerciement",
                  "complaint_mild": "Excuses et message privé", "complaint_angry": "Excuses et message privé",
                  "misinformation": "Rectification", "ugc": "Autorisation de repartage", "mention": "Remerciement"}


def _handling(kind: str, channel: str) -> list[str]:
    """The actions the team took on a past item: the charter's required ones (first of each group)."""
    return [group[0] for group in CHARTER[kind].required_for(channel)]


def _expected(kind: str, channel: str, keywords: tuple[str, ...]) -> dict:
    rule = CHARTER[kind]
    return {"required": [list(g) for g in rule.required_for(channel)], "forbidden": list(rule.forbidden),
            "needs_answer": rule.needs_answer, "legitimate_criticism": rule.legitimate_criticism,
            "personal_data": rule.personal_data and channel == "commentaire", "keywords": list(keywords),
            "sentiment": rule.sentiment}


@functools.lru_cache(maxsize=4)
def _generate(seed: int) -> tuple[dict, ...]:
    rng = random.Random(seed)
    items: list[dict] = []
    threads: dict[str, list[str]] = {}

    def author() -> str:
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

    def add(kind, text, channel, keywords, when, *, parent=None, thread=None, who=None, network=None):
        item_id = f"i{len(items) + 1:03d}"
        who = who or author()
        if channel == "commentaire":
            post = POSTS[min(len(POSTS) - 1, max(0, (when - MONTH_START).days // 4))]
            thread = thread or f"post-{POSTS.index(post) + 1}"
        else:
            post = None
            thread = thread or f"conversation-{_slug(who)}"
        item = {"id": item_id, "channel": channel, "network": network or rng.choice(["facebook", "instagram"]),
                "author": who, "text": text, "created_at": when.isoformat(timespec="minutes"), "post": post,
                "thread": thread, "parent": parent, "kind": kind,
                "expected": _expected(kind, channel, keywords)}
        if kind in ("share", "mention", "ugc"):
            item["text"] = f"{who} {text}" if text.startswith("a partagé") else text
        threads.setdefault(thread, []).append(item_id)
        items.append(item)
        return item

    def moment(start: dt.datetime, end: dt.datetime) -> dt.datetime:
        minutes = int((end - start).total_seconds() // 60)
        when = start + dt.timedelta(minutes=rng.randrange(minutes))
        return when.replace(hour=max(7, min(21, when.hour)))

    for phase, counts, start, end in (("history", HISTORY, MONTH_START, PENDING_FROM),
                                      ("pending", PENDING, PENDING_FROM, dt.datetime(2026, 10, 31, 21, 0))):
        for kind, count in counts.items():
            pool = TEXTS[kind]
            for k in range(count):
                text, channel, keywords = pool[(k + rng.randrange(len(pool))) % len(pool)]
                channel = channel or rng.choice(["commentaire", "message"])
                when = moment(start, end)
                parent = None
                thread = None
                if channel == "commentaire" and kind in ("question", "praise", "troll") and items and rng.random() < 0.3:
                    earlier = [i for i in items if i["channel"] == "commentaire" and i["created_at"] < when.isoformat()
                               and i["created_at"] >= (when - dt.timedelta(days=3)).isoformat()]
                    if earlier:
                        up = rng.choice(earlier)
                        parent, thread = up["id"], up["thread"]
                item = add(kind, text, channel, keywords, when, parent=parent, thread=thread)
                if phase == "history":
                    _handle_past(item, rng)
    # The small crisis: one negative post on Tuesday 27 October that spreads, in the queue.
    origin_time = dt.datetime(2026, 10, 27, 8, 42)
    origin = add("crisis", CRISIS[0], "commentaire", CRISIS[1], origin_time, thread="crise-27-octobre",
                 network="facebook")
    for k, text in enumerate(CRISIS_ECHOES):
        add("crisis_echo", text, "commentaire", (), origin_time + dt.timedelta(minutes=25 + 47 * k),
            parent=origin["id"], thread="crise-27-octobre", network="facebook")
    items.sort(key=lambda i: (i["created_at"], i["id"]))
    new_ids = {it["id"]: f"m{n:03d}" for n, it in enumerate(items, start=1)}
    for it in items:
        it["id"] = new_ids[it["id"]]
        it["parent"] = new_ids.get(it["parent"])
    return tuple(items)


def _handle_past(item: dict, rng: random.Random) -> None:
    """What the team did on a past item; a few negative items and questions were never answered."""
    actions = _handling(item["kind"], item["channel"])
    reply = None
    delay = None
    if "reply" in actions:
        if rng.random() < 0.12:  # forgotten
            actions = [a for a in actions if a not in ("reply", "to_private")]
        else:
            delay = round(rng.lognormvariate(4.3, 1.2))  # median about 75 min, a long tail past 24 h
            template = SAVED_REPLIES[_HISTORY_REPLY.get(item["kind"], "Remerciement")]
            reply = fill_template(template, item["author"], precision="la boulangerie reste ouverte, "
                                  "et nos viennoiseries sont pétries au beurre, sur place, chaque matin.")
    replied_at = None
    if delay is not None:
        replied_at = (dt.datetime.fromisoformat(item["created_at"]) + dt.timedelta(minutes=delay)).isoformat(
            timespec="minutes")
    item["handled"] = {"actions": actions, "reply": reply, "replied_at": replied_at, "delay_minutes": delay}


def _slug(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


def generate(seed: int = SEED) -> list[dict]:
    """Every item of the month, with its hidden kind and expected handling (copies: safe to modify)."""
    import copy

    return copy.deepcopy(list(_generate(seed)))


def inbox(seed: int = SEED) -> list[dict]:
    """The learner's inbox: every item without its hidden part."""
    return [{k: v for k, v in it.items() if k not in HIDDEN_KEYS} for it in generate(seed)]


def pending_ids(seed: int = SEED) -> list[str]:
    return [it["id"] for it in _generate(seed) if "handled" not in it]


def expected_handling(seed: int = SEED) -> dict[str, dict]:
    """Answer key for the items waiting in the queue: id → kind, channel, author and the charter's handling."""
    return {it["id"]: {"kind": it["kind"], "channel": it["channel"], "author": it["author"], **it["expected"]}
            for it in generate(seed) if "handled" not in it}


KEY_NAME = "case_community"  # keys/<KEY_NAME>.json, read by autograder.checks.c6 (ANSWER_KEY)
REPO = Path(__file__).resolve().parents[1]


def key_text(seed: int = SEED) -> str:
    """The answer key as written in ``keys/case_community.json``."""
    return json.dumps(expected_handling(seed), ensure_ascii=False, indent=1, sort_keys=True)


def inbox_text(seed: int = SEED) -> str:
    """The learner's view as bundled with the package (no kind, no expected handling)."""
    return json.dumps(inbox(seed), ensure_ascii=False, indent=1) + "\n"


def outputs(repo: Path = REPO) -> dict[Path, str]:
    """The files this tool writes, with their contents."""
    from autograder.trainer.course import KEYS_FOLDER

    return {repo / KEYS_FOLDER / f"{KEY_NAME}.json": key_text(),
            repo / "autograder" / "data" / INBOX_FILE: inbox_text()}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    stale = []
    for path, text in outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{'à régénérer' if check else 'écrit'} : {path.relative_to(REPO)}")
    if not stale:
        print("Clé et file de l'apprenant à jour.")
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())

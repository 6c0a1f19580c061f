"""Wording of a publication: length against the network, hashtags, emojis, call to action, tone, readability.

Sources:
- text and hashtag limits, visible part before « plus »: ``autograder.networks`` (Meta, LinkedIn, X… help
  centres, see ``shared/domain-facts.md``); Instagram: 5 hashtags per post since Meta's announcement of
  19 Dec 2025.
- CamelCase hashtags (screen readers read each word) and few emojis, grouped at the end, never replacing
  words: accessibility recommendations gathered in ``shared/domain-facts.md``.
- Engagement-bait tags (#follow4follow, #like4like…): Instagram's Community Guidelines forbid artificially
  collecting likes, followers or shares.
- Engagement bait in a caption (asking people to tag a friend, share, vote, like or comment to spread a post) is
  demoted by Meta since December 2017 (Facebook Newsroom « Fighting Engagement Bait on Facebook »,
  https://about.fb.com/news/2017/12/news-feed-fyi-fighting-engagement-bait-on-facebook/): it is not a call to
  action; on Facebook « identifiez un ami pour participer » also breaks Meta's promotion rules.
- Readability: Kandel & Moles (1958), the French adaptation of Flesch's reading ease:
  ``207 − 1.015 × (words / sentences) − 73.6 × (syllables / words)``; 60 and above reads easily.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from autograder.networks import get_network
from autograder.results import LearnerInputError
from autograder.text import fold  # noqa: F401  (content.fold is used by the checks and widgets)

HASHTAG = re.compile(r"(?<![\w&])#(\w[\w]*)", re.UNICODE)
MENTION = re.compile(r"(?<![\w.])@([A-Za-z0-9_.]{2,30})")
LINK = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
# Emoji code points: pictographs, symbols, dingbats, flags (regional indicators), keycaps.
EMOJI = re.compile(
    "[\U0001F300-\U0001FAFF\U00002600-\U000027BF\U0001F1E6-\U0001F1FF\U00002B00-\U00002BFF\U0001F000-\U0001F2FF]"
    "(?:\uFE0F|[\U0001F3FB-\U0001F3FF]|\u200d[\U0001F300-\U0001FAFF\u2600-\u27BF]\uFE0F?)*"
)
ENGAGEMENT_BAIT = {"follow4follow", "f4f", "like4like", "l4l", "followforfollow", "likeforlike", "followme",
                   "likeforlikes", "followback", "tagsforlikes", "instalike", "likes", "follow", "spam4spam"}
MEANINGLESS = {"photo", "picture", "pic", "picoftheday", "photooftheday", "instagood", "instagram", "love",
               "happy", "cute", "beautiful", "amazing", "best", "nofilter", "tbt", "mood", "me", "selfie", "fun"}
BROAD = {"boulangerie", "patisserie", "pâtisserie", "food", "foodporn", "gourmandise", "faitmaison", "artisan",
         "commercelocal", "shoplocal", "madeinfrance", "noel", "noël", "recette", "dessert", "cuisine", "mode",
         "beaute", "beauté", "deco", "déco", "voyage", "sport", "bienetre", "bien-être", "marketing", "business"}
#: Long single words a lowercase tag may be (no capital needed inside: there is only one word).
SINGLE_WORDS = {"boulangerie", "boulangeries", "patisserie", "patisseries", "gourmandise", "gourmandises",
                "viennoiserie", "viennoiseries", "chocolaterie", "restaurant", "restauration", "association",
                "recrutement", "menuiserie", "artisanat", "accessibilite", "inclusion"}
ROLES = ("marque", "niche", "locale", "large")
CTA_PATTERNS = (
    r"\b(commandez|commande[rz]?|réservez|réserve[rz]?|achetez|découvrez|découvre|venez|viens|passez|"
    r"inscrivez|inscris|abonnez|abonne|dites|dis-nous|cliquez|clique|rendez-vous|profitez|profite|essayez|"
    r"goûtez|goûte|contactez|appelez|écrivez|écris|téléchargez|participez|participe|retrouvez|rejoignez|rejoins|"
    r"enregistrez)\b",
    r"lien (en|dans la) bio", r"\ben savoir plus\b", r"\bdans les commentaires\b", r"\?\s*$",
)
#: Engagement bait (Meta demotes it): asking to tag, share, vote, like or comment so that a post spreads.
BAIT_PATTERNS = (
    r"\b(taguez|identifiez|mentionnez|partagez|repartagez|votez|likez|commentez)\b",
    r"\b(tague|identifie|mentionne|partage|vote|like|commente)\s+(un|une|ton|ta|tes|tous|toutes|cette|ce|ici|pour|si)\b",
    r"\b(aimez|like)\s+si\b",
)
VOUS = re.compile(r"\b(?i:vous|votre|vos|vôtre|vôtres)\b|(?:^|[.!?:]\s+)(?!Chez\b|Assez\b)[A-ZÀ-Ý][a-zà-ÿ]+ez\b"
                  r"|\b(?!chez\b|assez\b|nez\b)[a-zà-ÿ]+ez\b(?=\s*[!.?,]|\s+(?:vite|nous|les|la|le|votre|vos))")
TU = re.compile(r"\b(tu|toi|ton|ta|tes|t'|te)\b|\b(dis-nous|viens|goûte|découvre|profite|partage|tague|"
                r"commente|réserve|rejoins|écris|clique)\b", re.IGNORECASE)
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿœŒæÆ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿœŒæÆ]+)*")
VOWELS = re.compile(r"[aeiouyàâäéèêëîïôöûùüÿœæ]+", re.IGNORECASE)


def hashtags(text: str) -> list[str]:
    """The hashtags of a text, in order, without ``#``."""
    return HASHTAG.findall(text or "")


def emojis(text: str) -> list[tuple[int, str]]:
    """(position, emoji) for every emoji of a text."""
    return [(m.start(), m.group()) for m in EMOJI.finditer(text or "")]


def body(text: str) -> str:
    """The text without hashtags, mentions, links and emojis (what is read as sentences)."""
    for rx in (LINK, HASHTAG, MENTION, EMOJI):
        text = rx.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def syllables(word: str) -> int:
    w = word.lower()
    count = len(VOWELS.findall(w))
    if len(w) > 3 and re.search(r"[^aeiouy](e|es|ent)$", w) and count > 1:
        count -= 1  # silent final e / es (and most verb endings -ent)
    return max(count, 1)


def readability(text: str) -> float | None:
    """Kandel & Moles reading ease of the text's sentences (None under 5 words)."""
    plain = body(text)
    words = WORD.findall(plain)
    if len(words) < 5:
        return None
    sentences = max(len([s for s in re.split(r"[.!?…]+", plain) if WORD.search(s)]), 1)
    syl = sum(syllables(w) for w in words)
    return round(207 - 1.015 * len(words) / sentences - 73.6 * syl / len(words), 1)


def address_form(text: str) -> str | None:
    """``"vouvoiement"``, ``"tutoiement"``, ``"mélange"``, or None when the text addresses nobody."""
    plain = body(text)
    vous, tu = bool(VOUS.search(plain)), bool(TU.search(plain))
    if vous and tu:
        return "mélange"
    return "vouvoiement" if vous else "tutoiement" if tu else None


def has_call_to_action(text: str) -> bool:
    plain = body(text).lower()
    return any(re.search(p, plain, re.IGNORECASE | re.MULTILINE) for p in CTA_PATTERNS)


def engagement_bait(text: str) -> list[str]:
    """The engagement-bait requests of a text (« Taguez un ami », « Partagez », « Votez »…), as written."""
    plain = body(text or "")
    return [m.group(0) for p in BAIT_PATTERNS for m in re.finditer(p, plain, re.IGNORECASE)]


def is_camel_case(tag: str) -> bool:
    """A tag that joins several words shows each with a capital; a single word passes (« Boulangerie »).

    ``#`` is ignored. A capitalised tag of up to 14 letters is taken as one word (« Viennoiseries »); an
    all-lowercase tag of 11 letters or more almost always glues several words (« buchedenoel »), unless it is
    one of the course's known single words (« boulangerie »).
    """
    tag = str(tag).strip().lstrip("#")
    if not tag or any(c.isupper() for c in tag[1:]) or tag.isdigit():
        return True
    if fold(tag) in SINGLE_WORDS:
        return True
    if tag[0].isupper():
        return len(tag) <= 14
    return len(tag) < 11


def hashtag_role(tag: str, company=None) -> str:
    """Role guessed for a tag: ``marque`` (the company's), ``locale`` (a target place), ``large``, ``niche``."""
    f = fold(tag)
    if company is not None:
        brand = {fold(h.lstrip("#")) for h in company.brand_hashtags} | {fold(re.sub(r"\W", "", company.name))}
        if f in brand:
            return "marque"
        places = {fold(re.sub(r"\W", "", p)) for p in [company.city, *company.target_locations]}
        if any(p and p in f for p in places):
            return "locale"
    return "large" if f in {fold(b) for b in BROAD} else "niche"


@dataclass
class HashtagReport:
    tags: list[str]
    limit: int | None
    duplicates: list[str] = field(default_factory=list)
    banned: list[str] = field(default_factory=list)
    meaningless: list[str] = field(default_factory=list)
    not_camel: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and len(self.tags) > self.limit


def hashtag_report(tags, network: str, company=None, roles: dict[str, str] | None = None) -> HashtagReport:
    """Check a list of tags (with or without ``#``) against a network; ``roles`` may give each tag's role."""
    if isinstance(tags, str):
        tags = hashtags(tags) or [t for t in re.split(r"[\s,;]+", tags) if t]
    clean = [str(t).strip().lstrip("#") for t in tags if str(t).strip().lstrip("#")]
    bad = [t for t in clean if not re.fullmatch(r"\w+", t)]
    if bad:
        raise LearnerInputError(f"Hashtag invalide : {bad[0]!r} (lettres, chiffres et _ seulement, sans espace).")
    net = get_network(network)
    seen, dup = set(), []
    for t in clean:
        if fold(t) in seen and t not in dup:
            dup.append(t)
        seen.add(fold(t))
    given = {fold(k.lstrip("#")): v for k, v in (roles or {}).items()}
    rep = HashtagReport(clean, net.hashtag_limit, dup)
    rep.banned = [t for t in clean if fold(t) in ENGAGEMENT_BAIT]
    rep.meaningless = [t for t in clean if fold(t) in MEANINGLESS]
    rep.not_camel = [t for t in clean if not is_camel_case(t) and t not in rep.banned + rep.meaningless]
    for t in clean:
        role = given.get(fold(t)) or hashtag_role(t, company)
        if role not in ROLES:
            raise LearnerInputError(f"Rôle de hashtag inconnu pour #{t} : {role!r} ; rôles possibles : {', '.join(ROLES)}.")
        rep.roles[t] = role
    return rep


@dataclass
class CaptionReport:
    network: str
    length: int
    limit: int
    visible_chars: int | None
    visible_text: str
    hashtags: list[str]
    emojis: list[tuple[int, str]]
    emojis_replacing_words: int
    call_to_action: bool
    mentions: list[str]
    links: list[str]
    address: str | None
    readability: float | None
    product_words: list[str]
    target_words: list[str]
    engagement_bait: list[str] = field(default_factory=list)

    @property
    def over_limit(self) -> bool:
        return self.length > self.limit

    @property
    def emojis_grouped_at_end(self) -> bool:
        """True when every emoji sits in the last fifth of the text (or there is none)."""
        return all(pos >= 0.8 * self.length for pos, _ in self.emojis)


def _word_in(term: str, folded_text: str) -> bool:
    words = [w for w in re.findall(r"\w+", fold(term)) if len(w) > 3]
    return bool(words) and all(re.search(rf"\b{re.escape(w[:-1] if w.endswith('s') else w)}", folded_text)
                               for w in words)


def target_terms(company, extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Words of the company's target a caption may use: its places, plus ``extra`` (persona words)."""
    return [company.city, *company.target_locations, *extra]


def analyse_caption(text, network: str, company=None, target_words: tuple[str, ...] = ()) -> CaptionReport:
    """Everything the C4.2 check and the composer's counters need about a caption."""
    if not isinstance(text, str):
        raise LearnerInputError("Le texte de la publication est illisible : écrivez-le dans le champ « Texte ».")
    if not text.strip():
        raise LearnerInputError("Le texte de la publication est vide : rédigez quelques phrases.")
    net = get_network(network)
    found = emojis(text)
    # An emoji "replaces a word" when it sits between two words of a sentence (« J'❤️ le pain »).
    replacing = sum(1 for m in EMOJI.finditer(text)
                    if re.search(r"[\w'’]\s*$", text[:m.start()]) and re.match(r"\s*[a-zà-ÿ]", text[m.end():]))
    plain = fold(body(text))
    products = [p for p in getattr(company, "products", []) if _word_in(p, plain)] if company else []
    whole = fold(text)
    targets = [t for t in target_terms(company, target_words) if _word_in(t, whole)] if company else []
    return CaptionReport(
        net.id, len(text), net.caption_limit, net.visible_chars,
        text if net.visible_chars is None else text[: net.visible_chars], hashtags(text), found, replacing,
        has_call_to_action(text), MENTION.findall(text), LINK.findall(text), address_form(text),
        readability(text), products, targets, engagement_bait(text),
    )

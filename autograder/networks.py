"""Reference data on the social networks: formats, sizes by placement, text and hashtag limits, audiences
in France, B2B/B2C fit, strengths by objective and the features of a professional page.

Every figure carries the key of its source (``SOURCES`` gives the full reference; see also
``shared/domain-facts.md``). Two kinds of data live here and are kept apart:

- **figures read in a source** (sizes, limits, audience shares): ``Placement``, ``Network.caption_limit``…,
  ``Network.audience_facts`` (each an :class:`AudienceFact` with its source);
- **the course's own appraisals** (0 = inadapté … 3 = très adapté) of each network by age band, market and
  objective, derived from those figures and from the tools each network offers (``APPRAISAL_BASIS`` says
  how). They drive the network advisor; a learner is asked to argue, not to recite them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction

from autograder.numbers import fr_ratio, fr_value
from autograder.text import UnknownName

#: Sources of the figures (read in November 2026). Keys are used next to each figure below.
SOURCES: dict[str, str] = {
    "META-IG": "Centre d'aide Instagram et annonce Meta du 19 déc. 2025 (5 hashtags par publication ou reel) ; "
               "tailles du fil 1080×1080, 1080×1350, 1080×1440 (grille 2025), 1080×566 ; stories et reels "
               "1080×1920 ; légende 2 200 caractères, ~125 affichés avant « plus » ; texte alternatif 1 000 ; "
               "biographie 150 caractères. Hashtags : Adam Mosseri, responsable d'Instagram, dit qu'ils aident "
               "la recherche mais n'augmentent pas la portée ; les mots-clés du texte comptent davantage "
               "(https://www.socialmediatoday.com/news/instagrams-implementing-new-limits-on-hashtag-use/808309/, "
               "https://thecsrjournal.in/instagram-limits-hashtags-to-five).",
    "META-FB": "Centre d'aide Facebook et guide des publicités Meta : fil 1080×1350 ou 1200×630, couverture "
               "851×315 (820×312 selon d'autres pages), reels 1080×1920 (min. 540×960, 3–90 s) ; publication "
               "63 206 caractères.",
    "FB-FOLD": "Coupure « Voir plus » de Facebook : ~477 caractères sur ordinateur, ~125 sur mobile "
               "(socialk.it et posthell.com, compteurs de caractères Facebook, 2026 ; valeur approximative, "
               "non publiée par Meta). Nom de page 75 caractères ; description de page : 255 caractères est un "
               "REPÈRE DU COURS (chiffre de bulkpublish.com, 2026, NON CONFIRMÉ par Meta : d'autres sites donnent "
               "101 ou 155 caractères).",
    "LI": "Aide LinkedIn : image du fil 1200×627, bannière de page 1128×191, logo 400×400, publication "
          "3 000 caractères (~210 visibles) ; slogan de page 120 caractères, section « À propos » 2 000.",
    "X": "Centre d'aide X : 280 caractères, images 1600×900 / 1200×675, en-tête 1500×500, biographie 160.",
    "TT": "TikTok : vidéo 1080×1920, légende 4 000 caractères, biographie 80 caractères.",
    "PIN": "Pinterest : épingle 1000×1500, titre 100 caractères, description 500.",
    "YT": "YouTube : miniature 1280×720, bannière 2560×1440, Shorts 1080×1920, titre 100, description 5 000 ; "
          "au-delà de 15 hashtags, YouTube ignore tous ceux de la vidéo (Centre d'aide YouTube) ; ~157 caractères "
          "de description visibles avant « Plus » (chiffre courant, NON CONFIRMÉ par YouTube).",
    "SIZES-2025": "Guides de tailles d'images 2025 (smartmetrics.com, pixelpocket.com, socialpreviewing.com) : photo "
                  "de profil Facebook 320×320 (affichée 176×176), Instagram 320×320 (affichée 110×110), X 400×400, "
                  "TikTok 200×200, logo LinkedIn 400×400.",
    "THR": "Threads : 500 caractères, 1 sujet (hashtag) par publication.",
    "SNAP": "Aide Snapchat : nom d'utilisateur 3–15 caractères, nom affiché 30 (seules limites publiées par "
            "Snapchat) ; légende d'un snap ~80 caractères sur une ligne, chiffre observé et NON CONFIRMÉ par "
            "Snapchat (boldlytype.com, 2026) ; format vertical 9:16 1080×1920.",
    "DR-2024": "DataReportal / We Are Social, Digital 2024 France "
               "(https://datareportal.com/reports/digital-2024-france) : part des internautes de 16 à 64 ans "
               "utilisant chaque réseau chaque mois — Facebook 72,3 %, Instagram 60,3 %, Snapchat 43,2 %, "
               "TikTok 39,4 %, X 30,2 %, Pinterest 28,1 %, LinkedIn 25,3 %.",
    "DR-2025": "DataReportal, Digital 2025 France (https://datareportal.com/reports/digital-2025-france) : "
               "50,4 M d'utilisateurs de réseaux sociaux (75,7 % de la population), 1 h 48 par jour ; Facebook "
               "utilisé par 70,4 % des internautes, WhatsApp par 66,6 %.",
    "DIPLOMEO-2025": "Diplomeo, sondage « Les jeunes et les réseaux sociaux » 2025, jeunes de 16 à 25 ans "
                     "(https://diplomeo.com/actualite-sondage_reseaux_sociaux_jeunes_2025) : Instagram 76 %, "
                     "Snapchat 63 %, TikTok 60 %, LinkedIn 43 %, Facebook 38 %, X 28 %. (Les chiffres « Instagram "
                     "94 %, TikTok 91 %, Snapchat 80 % » souvent attribués à DataReportal ne sont pas les siens.)",
    "MED-2023": "Médiamétrie, L'Année Internet 2023 (BFM Tech&Co, 9 févr. 2024) : usage quotidien chez les "
                "15-24 ans — Snapchat 81 %, Instagram 66 %, TikTok 55 %, Facebook 41 %.",
    "ECC-2025": "e-commerce-concept.eu, Rapport réseaux sociaux 2025 par tranche d'âge (sources Insee, "
                "DataReportal, Médiamétrie) : 13-17 ans — TikTok 86 %, Snapchat 80 %, Instagram 75 %, "
                "YouTube 71 % ; 18-24 ans — Instagram 91 %, TikTok 78 %, YouTube 77 %, Snapchat 67 %, "
                "LinkedIn 45 %.",
    "META-ADS": "Meta Ads Manager : 6 objectifs (Notoriété, Trafic, Interactions, Prospects, Promotion de "
                "l'application, Ventes), formulaires de prospects natifs, boutiques Facebook et Instagram.",
    "COURS": "Appréciation du cours (0 à 3), déduite des chiffres ci-dessus et des outils de chaque réseau.",
}

#: How the course's appraisals were derived (shown to learners in the lesson).
APPRAISAL_BASIS = (
    "Les notes de 0 à 3 par tranche d'âge, par marché et par objectif sont une appréciation du cours : "
    "elles résument les parts d'audience sourcées (DataReportal 2024 et 2025, Médiamétrie 2023, sondage "
    "Diplomeo 2025 des 16-25 ans, rapport e-commerce-concept 2025) et les outils que chaque réseau propose (boutique, formulaire de prospects, "
    "offres d'emploi, messagerie). Elles servent à classer, pas à remplacer votre argumentation."
)

AGE_BANDS: tuple[tuple[int, int], ...] = ((13, 17), (18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 100))
OBJECTIVES: tuple[str, ...] = ("notoriété", "trafic", "engagement", "prospects", "ventes", "recrutement",
                               "service client")
MARKETS: tuple[str, ...] = ("B2C", "B2B")

#: Page features a professional page may offer, with their French labels.
PAGE_FEATURES: dict[str, str] = {
    "bouton_action": "bouton d'action (Contacter, Réserver, Commander…)",
    "boutique": "boutique / catalogue de produits",
    "reservation": "prise de rendez-vous ou réservation",
    "horaires": "horaires d'ouverture",
    "adresse": "adresse et carte",
    "publication_epinglee": "publication épinglée",
    "stories_a_la_une": "stories à la une",
    "avis": "avis et recommandations",
    "offres_emploi": "offres d'emploi",
    "messagerie": "messagerie professionnelle",
    "statistiques": "statistiques de la page",
    "evenements": "événements",
}


def band_label(band: tuple[int, int]) -> str:
    lo, hi = band
    return f"{lo} ans et plus" if hi >= 100 else f"{lo}-{hi} ans"


@dataclass(frozen=True)
class Placement:
    id: str
    name: str  # French label
    width: int
    height: int
    also_accepted: tuple[tuple[int, int], ...] = ()
    source: str = ""

    @property
    def ratio(self) -> float:
        return self.width / self.height

    @property
    def ratio_label(self) -> str:
        frac = Fraction(self.width, self.height).limit_denominator(20)
        if abs(float(frac) - self.ratio) > 0.01:
            return fr_ratio(self.ratio)
        return f"{frac.numerator}:{frac.denominator}"

    def accepts(self, width: int, height: int) -> bool:
        """True when ``width``×``height`` is the recommended size or one of the accepted ones."""
        return (width, height) == (self.width, self.height) or (width, height) in self.also_accepted


@dataclass(frozen=True)
class AudienceFact:
    """A sourced audience figure: ``share`` per cent of ``population`` use the network (``source`` key)."""

    population: str  # "16-64 ans, usage mensuel"
    share: float  # per cent
    source: str


@dataclass(frozen=True)
class PageProfile:
    """What a professional page holds on a network (limits in characters, sourced)."""

    kind: str  # "page Facebook", "compte professionnel Instagram"…
    name_limit: int | None
    bio_limit: int | None  # description / biography / tagline shown in the header
    bio_label: str
    features: tuple[str, ...]  # keys of PAGE_FEATURES
    analytics: str  # the analytics tool, in French
    profile_placement: str | None  # id of the profile picture placement
    cover_placement: str | None  # id of the cover / banner placement
    source: str = ""
    #: True when ``bio_limit`` is a course habit, not a limit the network publishes (then never « la règle de Meta »)
    bio_limit_is_habit: bool = False


@dataclass(frozen=True)
class Network:
    id: str
    name: str
    caption_limit: int
    visible_chars: int | None  # characters shown before « plus » (None: all shown)
    hashtag_limit: int | None  # None: no hard limit
    formats: tuple[str, ...]
    placements: dict[str, Placement] = field(default_factory=dict)
    alt_text_limit: int | None = None
    source: str = ""
    audience_facts: tuple[AudienceFact, ...] = ()
    age_fit: tuple[int, ...] = ()  # course appraisal 0–3 for each of AGE_BANDS
    market_fit: dict[str, int] = field(default_factory=dict)  # "B2C"/"B2B" -> 0–3 (course appraisal)
    objective_fit: dict[str, int] = field(default_factory=dict)  # objective -> 0–3 (course appraisal)
    page: PageProfile | None = None
    min_hours_per_week: float = 1.0  # course appraisal: time a small business needs to keep it alive
    visible_source: str = ""  # source of visible_chars when it differs from ``source``

    def placement(self, placement_id: str) -> Placement:
        try:
            return self.placements[placement_id]
        except KeyError:
            known = ", ".join(self.placements) or "aucun"
            raise UnknownName(
                f"Emplacement inconnu pour {self.name} : {placement_id!r}. Emplacements possibles : {known}."
            ) from None

    def age_score(self, lo: int, hi: int) -> float:
        """Mean appraisal (0–3) over the age bands that overlap ``lo``–``hi``."""
        scores = [s for (a, b), s in zip(AGE_BANDS, self.age_fit, strict=True) if a <= hi and b >= lo]
        return sum(scores) / len(scores) if scores else 0.0

    def has_feature(self, key: str) -> bool:
        return self.page is not None and key in self.page.features


def _p(pid, name, w, h, src, *also):
    return pid, Placement(pid, name, w, h, tuple(also), src)


def _facts(*rows):
    return tuple(AudienceFact(pop, share, src) for pop, share, src in rows)


_ALL = ("notoriété", "trafic", "engagement", "prospects", "ventes", "recrutement", "service client")


def _obj(*scores):
    return dict(zip(_ALL, scores, strict=True))


NETWORKS: dict[str, Network] = {
    n.id: n
    for n in (
        Network(
            "facebook", "Facebook", 63_206, 477, None,
            ("publication", "carrousel", "story", "reel", "vidéo", "live", "événement"),
            dict([
                _p("feed_portrait", "Fil – portrait 4:5", 1080, 1350, "META-FB"),
                _p("feed_paysage", "Fil – paysage 1,91:1", 1200, 630, "META-FB"),
                _p("feed_carre", "Fil – carré 1:1", 1080, 1080, "META-FB"),
                _p("story", "Story 9:16", 1080, 1920, "META-FB"),
                _p("reel", "Reel 9:16", 1080, 1920, "META-FB", (540, 960)),
                _p("couverture", "Photo de couverture", 851, 315, "META-FB", (820, 312)),
                _p("profil", "Photo de profil", 320, 320, "SIZES-2025", (720, 720)),
            ]),
            alt_text_limit=1000, source="META-FB",
            audience_facts=_facts(("16-64 ans, usage mensuel", 72.3, "DR-2024"),
                                  ("internautes, usage mensuel", 70.4, "DR-2025"),
                                  ("15-24 ans, usage quotidien", 41, "MED-2023"),
                                  ("16-25 ans", 38, "DIPLOMEO-2025")),
            age_fit=(1, 1, 3, 3, 3, 3, 3),
            market_fit={"B2C": 3, "B2B": 1},
            objective_fit=_obj(3, 2, 3, 3, 3, 1, 3),
            page=PageProfile("page Facebook", 75, 255, "description de la page",
                             ("bouton_action", "boutique", "reservation", "horaires", "adresse",
                              "publication_epinglee", "avis", "messagerie", "statistiques", "evenements",
                              "offres_emploi"),
                             "Meta Business Suite (Statistiques)", "profil", "couverture", "FB-FOLD",
                             bio_limit_is_habit=True),
            min_hours_per_week=2.0, visible_source="FB-FOLD",
        ),
        Network(
            "instagram", "Instagram", 2_200, 125, 5,
            ("publication", "carrousel", "story", "reel", "live"),
            dict([
                _p("feed_carre", "Fil – carré 1:1", 1080, 1080, "META-IG"),
                _p("feed_portrait", "Fil – portrait 4:5", 1080, 1350, "META-IG"),
                _p("feed_3_4", "Fil – portrait 3:4 (grille 2025)", 1080, 1440, "META-IG"),
                _p("feed_paysage", "Fil – paysage 1,91:1", 1080, 566, "META-IG"),
                _p("story", "Story 9:16", 1080, 1920, "META-IG"),
                _p("reel", "Reel 9:16", 1080, 1920, "META-IG"),
                _p("profil", "Photo de profil", 320, 320, "SIZES-2025"),
            ]),
            alt_text_limit=1000, source="META-IG",
            audience_facts=_facts(("16-64 ans, usage mensuel", 60.3, "DR-2024"),
                                  ("16-25 ans", 76, "DIPLOMEO-2025"),
                                  ("15-24 ans, usage quotidien", 66, "MED-2023"),
                                  ("18-24 ans", 91, "ECC-2025"), ("13-17 ans", 75, "ECC-2025")),
            age_fit=(3, 3, 3, 2, 2, 1, 1),
            market_fit={"B2C": 3, "B2B": 1},
            objective_fit=_obj(3, 1, 3, 2, 3, 1, 2),
            page=PageProfile("compte professionnel Instagram", 30, 150, "biographie",
                             ("bouton_action", "boutique", "reservation", "adresse", "publication_epinglee",
                              "stories_a_la_une", "messagerie", "statistiques"),
                             "Meta Business Suite et statistiques Instagram", "profil", None, "META-IG"),
            min_hours_per_week=3.0,
        ),
        Network(
            "linkedin", "LinkedIn", 3_000, 210, None,
            ("publication", "carrousel", "vidéo", "article", "événement", "live"),
            dict([
                _p("feed", "Fil – image 1,91:1", 1200, 627, "LI"),
                _p("feed_carre", "Fil – carré 1:1", 1080, 1080, "LI"),
                _p("banniere", "Bannière de page entreprise", 1128, 191, "LI"),
                _p("logo", "Logo de page", 400, 400, "LI"),
            ]),
            alt_text_limit=1000, source="LI",
            audience_facts=_facts(("16-64 ans, usage mensuel", 25.3, "DR-2024"),
                                  ("16-25 ans", 43, "DIPLOMEO-2025"), ("18-24 ans", 45, "ECC-2025")),
            age_fit=(0, 1, 3, 3, 3, 2, 1),
            market_fit={"B2C": 1, "B2B": 3},
            objective_fit=_obj(2, 2, 2, 3, 1, 3, 1),
            page=PageProfile("page entreprise LinkedIn", 100, 120, "slogan",
                             ("bouton_action", "publication_epinglee", "offres_emploi", "evenements",
                              "statistiques", "messagerie"),
                             "Statistiques de la page LinkedIn", "logo", "banniere", "LI"),
            min_hours_per_week=2.0,
        ),
        Network(
            "tiktok", "TikTok", 4_000, None, None, ("vidéo", "story", "live", "carrousel"),
            dict([_p("video", "Vidéo 9:16", 1080, 1920, "TT"), _p("profil", "Photo de profil", 200, 200, "SIZES-2025")]),
            source="TT",
            audience_facts=_facts(("16-64 ans, usage mensuel", 39.4, "DR-2024"),
                                  ("16-25 ans", 60, "DIPLOMEO-2025"),
                                  ("15-24 ans, usage quotidien", 55, "MED-2023"), ("13-17 ans", 86, "ECC-2025"),
                                  ("18-24 ans", 78, "ECC-2025")),
            age_fit=(3, 3, 2, 1, 1, 0, 0),
            market_fit={"B2C": 3, "B2B": 0},
            objective_fit=_obj(3, 1, 3, 1, 2, 1, 0),
            page=PageProfile("compte professionnel TikTok", 30, 80, "biographie",
                             ("publication_epinglee", "boutique", "messagerie", "statistiques"),
                             "Statistiques TikTok (compte professionnel)", "profil", None, "TT"),
            min_hours_per_week=4.0,
        ),
        Network(
            "x", "X (ex-Twitter)", 280, None, None, ("publication", "vidéo", "live"),
            dict([
                _p("feed", "Fil – image 16:9", 1600, 900, "X", (1200, 675)),
                _p("banniere", "Bannière d'en-tête", 1500, 500, "X"),
                _p("profil", "Photo de profil", 400, 400, "SIZES-2025"),
            ]),
            alt_text_limit=1000, source="X",
            audience_facts=_facts(("16-64 ans, usage mensuel", 30.2, "DR-2024"), ("16-25 ans", 28, "DIPLOMEO-2025")),
            age_fit=(1, 2, 2, 2, 1, 1, 0),
            market_fit={"B2C": 1, "B2B": 2},
            objective_fit=_obj(2, 2, 2, 1, 0, 1, 2),
            page=PageProfile("compte X", 50, 160, "biographie",
                             ("publication_epinglee", "messagerie", "statistiques"),
                             "Statistiques X (abonnement Premium)", "profil", "banniere", "X"),
            min_hours_per_week=3.0,
        ),
        Network(
            "pinterest", "Pinterest", 500, None, None, ("épingle", "épingle vidéo", "collage"),
            dict([_p("epingle", "Épingle 2:3", 1000, 1500, "PIN")]),
            alt_text_limit=500, source="PIN",
            audience_facts=_facts(("16-64 ans, usage mensuel", 28.1, "DR-2024"),),
            age_fit=(1, 2, 3, 2, 2, 1, 1),
            market_fit={"B2C": 2, "B2B": 0},
            objective_fit=_obj(2, 3, 1, 1, 2, 0, 0),
            page=PageProfile("compte professionnel Pinterest", 65, 500, "à propos",
                             ("boutique", "publication_epinglee", "statistiques"),
                             "Pinterest Analytics", None, None, "PIN"),
            min_hours_per_week=1.5,
        ),
        Network(
            "youtube", "YouTube", 5_000, 157, 15, ("vidéo", "short", "live", "publication"),
            dict([
                _p("miniature", "Miniature 16:9", 1280, 720, "YT"),
                _p("banniere", "Bannière de chaîne", 2560, 1440, "YT"),
                _p("short", "Short 9:16", 1080, 1920, "YT"),
            ]),
            source="YT",
            audience_facts=_facts(("13-17 ans", 71, "ECC-2025"), ("18-24 ans", 77, "ECC-2025")),
            age_fit=(3, 3, 3, 2, 2, 2, 1),
            market_fit={"B2C": 2, "B2B": 2},
            objective_fit=_obj(3, 2, 2, 1, 1, 1, 1),
            page=PageProfile("chaîne YouTube", 100, 1000, "description de la chaîne",
                             ("publication_epinglee", "statistiques", "boutique"),
                             "YouTube Studio (Analytics)", None, "banniere", "YT"),
            min_hours_per_week=5.0,
        ),
        Network(
            "snapchat", "Snapchat", 80, None, None, ("story", "spotlight", "snap"),
            dict([_p("story", "Story 9:16", 1080, 1920, "SNAP")]),
            source="SNAP",
            audience_facts=_facts(("16-64 ans, usage mensuel", 43.2, "DR-2024"), ("16-25 ans", 63, "DIPLOMEO-2025"),
                                  ("15-24 ans, usage quotidien", 81, "MED-2023"), ("13-17 ans", 80, "ECC-2025")),
            age_fit=(3, 3, 1, 1, 0, 0, 0),
            market_fit={"B2C": 2, "B2B": 0},
            objective_fit=_obj(2, 1, 2, 0, 1, 1, 0),
            page=PageProfile("profil public Snapchat", 30, None, "biographie",
                             ("adresse", "statistiques", "stories_a_la_une"),
                             "Statistiques du profil public", None, None, "SNAP"),
            min_hours_per_week=3.0,
        ),
        Network(
            "threads", "Threads", 500, None, 1, ("publication", "carrousel", "vidéo"),
            dict([_p("feed_portrait", "Fil – portrait 4:5", 1080, 1350, "THR"),
                  _p("feed_carre", "Fil – carré 1:1", 1080, 1080, "THR")]),
            source="THR",
            age_fit=(1, 2, 2, 1, 1, 0, 0),
            market_fit={"B2C": 1, "B2B": 1},
            objective_fit=_obj(1, 1, 2, 0, 0, 0, 1),
            page=PageProfile("profil Threads", 30, 150, "biographie", ("publication_epinglee", "statistiques"),
                             "Statistiques Threads", None, None, "THR"),
            min_hours_per_week=2.0,
        ),
    )
}


def get_network(network_id: str) -> Network:
    """The network ``network_id`` (``"instagram"``), or a French ``KeyError`` listing the known ones."""
    key = str(network_id).strip().lower()
    aliases = {"twitter": "x", "fb": "facebook", "ig": "instagram", "insta": "instagram", "yt": "youtube"}
    key = aliases.get(key, key)
    try:
        return NETWORKS[key]
    except KeyError:
        raise UnknownName(
            f"Réseau inconnu : {network_id!r}. Réseaux possibles : {', '.join(NETWORKS)}."
        ) from None


@dataclass(frozen=True)
class Recommendation:
    """One network scored for a brief, with the reasons and the warnings (French)."""

    network: Network
    score: float  # 0–100
    reasons: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def fits(self) -> bool:
        return self.score >= FIT_THRESHOLD and not self.warnings


#: Score (0–100) from which a network is considered adapted to a brief.
FIT_THRESHOLD = 55.0
_LEVEL = {0: "inadapté", 1: "peu adapté", 2: "adapté", 3: "très adapté"}


def _brief_fields(market: str, ages: tuple[int, int], objectives, hours_per_week: float):
    market = str(market).strip().upper()
    if market == "B2B2C":
        markets = ("B2B", "B2C")
    elif market in MARKETS:
        markets = (market,)
    else:
        raise ValueError(f"Le marché doit être « B2C », « B2B » ou « B2B2C » (reçu {market!r}).")
    try:
        lo, hi = (int(a) for a in ages)
    except (TypeError, ValueError):
        raise ValueError(f"La tranche d'âge cible doit être deux nombres, comme (25, 54) (reçu {ages!r}).") from None
    if not 13 <= lo <= hi <= 100:
        raise ValueError(f"La tranche d'âge cible doit aller de 13 à 100 ans, du plus jeune au plus âgé (reçu {lo}–{hi}).")
    objectives = [str(o).strip().lower() for o in (objectives or [])]
    unknown = [o for o in objectives if o not in OBJECTIVES]
    if unknown:
        raise ValueError(f"Objectif(s) inconnu(s) : {', '.join(unknown)} ; choisir parmi : {', '.join(OBJECTIVES)}.")
    if not objectives:
        raise ValueError("Indiquez au moins un objectif (" + ", ".join(OBJECTIVES) + ").")
    try:
        hours = float(hours_per_week)
    except (TypeError, ValueError):
        raise ValueError(f"Le temps disponible doit être un nombre d'heures par semaine (reçu {hours_per_week!r}).") from None
    if not 0 <= hours <= 80:
        raise ValueError(f"Le temps disponible doit être compris entre 0 et 80 heures par semaine (reçu {fr_value(hours)}).")
    return markets, (lo, hi), objectives, hours


_WIDE_AREAS = {"", "france", "national", "nationale", "international", "internationale", "europe", "monde"}


def is_local(location: str) -> bool:
    """True for a target located in towns or a region (not « France », « international »…)."""
    return str(location or "").strip().lower() not in _WIDE_AREAS


def assess(network: Network | str, market: str, ages: tuple[int, int], objectives, hours_per_week: float = 4.0,
           location: str = "") -> Recommendation:
    """Score one network for a brief: 40 % age fit, 30 % market fit, 30 % objectives, with reasons in French.

    ``location`` adds a reason (not points): a local target needs a page that shows address and hours.
    """
    net = network if isinstance(network, Network) else get_network(network)
    markets, (lo, hi), objectives, hours = _brief_fields(market, ages, objectives, hours_per_week)
    age = net.age_score(lo, hi)
    mkt = max(net.market_fit.get(m, 0) for m in markets)
    objs = [net.objective_fit.get(o, 0) for o in objectives]
    obj = sum(objs) / len(objs)
    score = round(100 * (0.4 * age / 3 + 0.3 * mkt / 3 + 0.3 * obj / 3), 1)
    reasons, warnings = [], []
    facts = "; ".join(f"{fr_value(f.share)} % des {f.population} ({f.source})" for f in net.audience_facts[:2])
    reasons.append(f"Public {lo}-{hi} ans : {_LEVEL[round(age)]}" + (f" — {facts}" if facts else "") + ".")
    reasons.append(f"Marché {'/'.join(markets)} : {_LEVEL[mkt]}.")
    best = [o for o, s in zip(objectives, objs, strict=True) if s >= 3]
    weak = [o for o, s in zip(objectives, objs, strict=True) if s <= 1]
    if best:
        reasons.append(f"Très fort pour : {', '.join(best)}.")
    if age < 1.5:
        warnings.append(f"{net.name} touche peu la cible de {lo} à {hi} ans.")
    if mkt <= 1:
        warnings.append(f"{net.name} est peu adapté à un marché {'/'.join(markets)}.")
    if weak:
        warnings.append(f"{net.name} sert mal l'objectif : {', '.join(weak)}.")
    if hours < net.min_hours_per_week:
        warnings.append(f"{net.name} demande au moins {fr_value(net.min_hours_per_week)} h par semaine pour rester vivant "
                        f"(vous disposez de {fr_value(hours)} h).")
    if is_local(location) and net.page is not None:
        local = [PAGE_FEATURES[f] for f in ("adresse", "horaires", "avis") if f in net.page.features]
        reasons.append(f"Cible locale ({location.strip()}) : " + (
            f"la page affiche {', '.join(local)}." if local else "la page n'affiche ni adresse ni horaires."))
    return Recommendation(net, score, tuple(reasons), tuple(warnings))


def rank_networks(market: str, ages: tuple[int, int], objectives, hours_per_week: float = 4.0,
                  location: str = "") -> list[Recommendation]:
    """Every network assessed for the brief, best first (ties broken by name)."""
    recs = [assess(n, market, ages, objectives, hours_per_week, location) for n in NETWORKS.values()]
    return sorted(recs, key=lambda r: (-r.score, r.network.name))


def rank_for_company(company) -> list[Recommendation]:
    """:func:`rank_networks` for a :class:`autograder.company.CompanyProfile`."""
    return rank_networks(company.market, company.target_ages, company.objectives, company.hours_per_week,
                         ", ".join(company.target_locations))


# -- the professional page and the brief as the widgets save them (C1) ----------------------------------------
def bio_limit_kind(network: Network | str) -> str:
    """How the course names the length limit of a page's description on ``network`` (French): a course habit
    (« repère du cours ») unless the network publishes it (« limite fixée par LinkedIn »)."""
    net = network if isinstance(network, Network) else get_network(network)
    if net.page is None or net.page.bio_limit_is_habit or not net.page.bio_limit:
        return "repère du cours"
    return f"limite fixée par {net.name}"


#: The text fields of a professional page, with their French labels (the page editor's form).
PAGE_FIELD_LABELS: dict[str, str] = {
    "name": "Nom de la page", "username": "Nom d'utilisateur", "category": "Catégorie", "description": "Description",
    "cta": "Bouton d'action", "phone": "Téléphone", "email": "E-mail", "website": "Site web", "address": "Adresse",
    "hours": "Horaires", "pinned_post": "Publication épinglée",
}
PAGE_TEXT_FIELDS: tuple[str, ...] = tuple(PAGE_FIELD_LABELS)
PAGE_LIST_FIELDS: tuple[str, ...] = ("indicators", "highlights", "modifications")
#: The French name of every field of the page file, for messages.
_PAGE_NAMES: dict[str, str] = {**PAGE_FIELD_LABELS, "network": "Réseau", "profile_image": "Photo de profil",
                               "cover_image": "Couverture", "indicators": "Indicateurs suivis",
                               "highlights": "Stories à la une", "modifications": "Modifications"}
#: Result indicators a page owner can follow in the networks' analytics (French labels, lower case) and their family.
PAGE_INDICATORS: dict[str, str] = {
    "portée": "audience", "vues": "audience", "impressions": "audience", "abonnés gagnés": "communauté",
    "abonnés perdus": "communauté", "visites du profil": "communauté", "taux d'engagement": "engagement",
    "réactions": "engagement", "commentaires": "engagement", "partages": "engagement", "enregistrements": "engagement",
    "clics sur le lien": "conversion", "clics sur le bouton d'action": "conversion", "messages reçus": "conversion",
    "temps de réponse": "service", "données démographiques": "audience",
}
CTA_LABELS: tuple[str, ...] = ("Contacter", "Envoyer un message", "Appeler", "Réserver", "Commander", "Acheter",
                               "Visiter le site", "S'inscrire", "En savoir plus", "Postuler", "Prendre rendez-vous")


def _known_network(network_id) -> Network:
    try:
        return get_network(network_id)
    except KeyError as exc:
        raise ValueError(exc.args[0]) from None


def _every_field(state, names: dict[str, str]) -> dict:
    """A copy of the widget's state ``state`` when it has every field of ``names`` (key -> French name)."""
    if not isinstance(state, dict):
        raise ValueError("un objet JSON (dictionnaire) était attendu")
    missing = [name for key, name in names.items() if key not in state]
    if missing:
        raise ValueError(f"champ(s) absent(s) : {', '.join(missing)}")
    return dict(state)


def validate_page(state) -> dict:
    """The page as the page editor saves it, checked (a copy): every field of the form, texts within the
    network's limits, known indicators, edits recorded with their field and date. A French ``ValueError``
    for a page the editor would refuse to save — the editor and the C1.2 checks apply this one rule."""
    state = _every_field(state, _PAGE_NAMES)
    net = _known_network(state["network"])
    state["network"] = net.id
    for key in (*PAGE_TEXT_FIELDS, "profile_image", "cover_image"):
        if not isinstance(state[key], str):
            raise ValueError(f"« {_PAGE_NAMES[key]} » doit être du texte")
    limit, n = net.page.bio_limit, len(state["description"].strip())
    if limit and n > limit:
        raise ValueError(f"la {net.page.bio_label} fait {n} caractères, pour {limit} au plus "
                         f"({bio_limit_kind(net)})")
    if net.page.name_limit and len(state["name"].strip()) > net.page.name_limit:
        raise ValueError(f"le nom dépasse {net.page.name_limit} caractères sur {net.name}")
    for key in PAGE_LIST_FIELDS:
        if not isinstance(state[key], list):
            raise ValueError(f"« {_PAGE_NAMES[key]} » doit être une liste")
    unknown = [str(i) for i in state["indicators"] if not isinstance(i, str) or i not in PAGE_INDICATORS]
    if unknown:
        raise ValueError(f"indicateur(s) inconnu(s) : {', '.join(unknown)}")
    if not all(isinstance(h, str) for h in state["highlights"]):
        raise ValueError("les stories à la une doivent être des titres (texte)")
    for edit in state["modifications"]:
        if not (isinstance(edit, dict) and isinstance(edit.get("champ"), str) and edit["champ"].strip()
                and _is_datetime(edit.get("date"))):
            raise ValueError("chaque modification enregistrée doit dire quel champ a changé et quand "
                             "(l'éditeur de page les enregistre lui-même)")
    return state


def _is_datetime(value) -> bool:
    try:
        datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


#: The fields of the network advisor's brief and choice.
_BRIEF_NAMES: dict[str, str] = {"sector": "Secteur d'activité", "market": "Marché", "ages": "Âge de la cible",
                                "location": "Zone géographique", "objectives": "Objectifs",
                                "hours_per_week": "Heures par semaine", "chosen": "Réseaux retenus"}
BRIEF_FIELDS: tuple[str, ...] = tuple(_BRIEF_NAMES)
MAX_CHOSEN = 3


def validate_brief(state) -> dict:
    """The brief and the chosen networks as the network advisor saves them, checked (a copy, ages as whole
    numbers, hours as a number, chosen networks by id). A French ``ValueError`` for a brief the advisor would
    refuse to save — the advisor and the C1.1 checks apply this one rule."""
    state = _every_field(state, _BRIEF_NAMES)
    for key in ("sector", "location"):
        if not isinstance(state[key], str):
            raise ValueError(f"« {_BRIEF_NAMES[key]} » doit être du texte")
    if not isinstance(state["ages"], list | tuple) or not isinstance(state["objectives"], list | tuple):
        raise ValueError("l'âge de la cible et les objectifs doivent former des listes")
    _, ages, _, hours = _brief_fields(state["market"], tuple(state["ages"]), state["objectives"],
                                      state["hours_per_week"])
    chosen = state["chosen"]
    if not isinstance(chosen, list):
        raise ValueError("les réseaux retenus doivent former une liste")
    state["chosen"] = list(dict.fromkeys(_known_network(n).id for n in chosen))
    if len(state["chosen"]) > MAX_CHOSEN:
        raise ValueError("3 réseaux au plus : mieux vaut bien tenir deux réseaux que mal en tenir cinq")
    state["ages"] = list(ages)
    state["hours_per_week"] = hours
    return state

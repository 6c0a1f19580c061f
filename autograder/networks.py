"""Reference data on the social networks: formats, sizes by placement, text and hashtag limits.

Sources (read in November 2026, see ``shared/domain-facts.md``):
- [META-IG] Instagram help centre and Meta's announcement of 19 Dec 2025 (5 hashtags per post/reel);
  feed 1080×1080, 1080×1350, 1080×1440 (2025 grid), 1080×566; stories/reels 1080×1920; caption 2,200
  characters, about 125 shown before « plus »; alt text 1,000 characters.
- [META-FB] Facebook help centre and Meta Ads guide: feed 1080×1350 or 1200×630, cover 851×315, reels
  1080×1920 (min 540×960, 3–90 s); post text limit 63,206 characters.
- [LI] LinkedIn help: feed image 1200×627, company banner 1128×191, post 3,000 characters (~210 visible).
- [X] X help centre: 280 characters, images 1600×900 / 1200×675, header 1500×500.
- [TT] TikTok: video 1080×1920, caption 4,000 characters.
- [PIN] Pinterest: pin 1000×1500, title 100, description 500.
- [YT] YouTube: thumbnail 1280×720, banner 2560×1440, Shorts 1080×1920, title 100, description 5,000.
- [THR] Threads: 500 characters, 1 hashtag (topic) per post.
Where sources disagree (Facebook cover 851×315 or 820×312) the first is kept and the other accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


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
            return f"{self.ratio:.2f}:1".replace(".", ",")
        return f"{frac.numerator}:{frac.denominator}"


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

    def placement(self, placement_id: str) -> Placement:
        try:
            return self.placements[placement_id]
        except KeyError:
            known = ", ".join(self.placements) or "aucun"
            raise KeyError(
                f"Emplacement inconnu pour {self.name} : {placement_id!r}. Emplacements possibles : {known}."
            ) from None


def _p(pid, name, w, h, src, *also):
    return pid, Placement(pid, name, w, h, tuple(also), src)


NETWORKS: dict[str, Network] = {
    n.id: n
    for n in (
        Network(
            "facebook", "Facebook", 63_206, 480, None,
            ("publication", "carrousel", "story", "reel", "vidéo", "live", "événement"),
            dict([
                _p("feed_portrait", "Fil – portrait 4:5", 1080, 1350, "META-FB"),
                _p("feed_paysage", "Fil – paysage 1,91:1", 1200, 630, "META-FB"),
                _p("feed_carre", "Fil – carré 1:1", 1080, 1080, "META-FB"),
                _p("story", "Story 9:16", 1080, 1920, "META-FB"),
                _p("reel", "Reel 9:16", 1080, 1920, "META-FB", (540, 960)),
                _p("couverture", "Photo de couverture", 851, 315, "META-FB", (820, 312)),
                _p("profil", "Photo de profil", 720, 720, "META-FB"),
            ]),
            alt_text_limit=1000, source="META-FB",
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
                _p("profil", "Photo de profil", 320, 320, "META-IG"),
            ]),
            alt_text_limit=1000, source="META-IG",
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
        ),
        Network(
            "tiktok", "TikTok", 4_000, None, None, ("vidéo", "story", "live", "carrousel"),
            dict([_p("video", "Vidéo 9:16", 1080, 1920, "TT"), _p("profil", "Photo de profil", 200, 200, "TT")]),
            source="TT",
        ),
        Network(
            "x", "X (ex-Twitter)", 280, None, None, ("publication", "vidéo", "live"),
            dict([
                _p("feed", "Fil – image 16:9", 1600, 900, "X", (1200, 675)),
                _p("banniere", "Bannière d'en-tête", 1500, 500, "X"),
                _p("profil", "Photo de profil", 400, 400, "X"),
            ]),
            alt_text_limit=1000, source="X",
        ),
        Network(
            "pinterest", "Pinterest", 500, None, None, ("épingle", "épingle vidéo", "collage"),
            dict([_p("epingle", "Épingle 2:3", 1000, 1500, "PIN")]),
            alt_text_limit=500, source="PIN",
        ),
        Network(
            "youtube", "YouTube", 5_000, 157, 15, ("vidéo", "short", "live", "publication"),
            dict([
                _p("miniature", "Miniature 16:9", 1280, 720, "YT"),
                _p("banniere", "Bannière de chaîne", 2560, 1440, "YT"),
                _p("short", "Short 9:16", 1080, 1920, "YT"),
            ]),
            source="YT",
        ),
        Network(
            "snapchat", "Snapchat", 250, None, None, ("story", "spotlight", "snap"),
            dict([_p("story", "Story 9:16", 1080, 1920, "SNAP")]),
            source="SNAP",
        ),
        Network(
            "threads", "Threads", 500, None, 1, ("publication", "carrousel", "vidéo"),
            dict([_p("feed_portrait", "Fil – portrait 4:5", 1080, 1350, "THR"), _p("feed_carre", "Fil – carré 1:1", 1080, 1080, "THR")]),
            source="THR",
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
        raise KeyError(
            f"Réseau inconnu : {network_id!r}. Réseaux possibles : {', '.join(NETWORKS)}."
        ) from None

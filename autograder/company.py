"""The company profile that drives every module, and the course's case company.

Learners may work on their own company: a profile saved as ``entreprise.json`` (next to the notebooks,
or at a path given explicitly) replaces the case company. Rule-based checks work on any profile;
exact-number checks use the case datasets.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from autograder.storage import atomic_write_json, find_nearest, read_json

PROFILE_FILE = "entreprise.json"
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
OBJECTIVES = ("notoriété", "trafic", "engagement", "prospects", "ventes", "recrutement", "service client")


@dataclass
class CompanyProfile:
    name: str
    sector: str
    market: str  # "B2C", "B2B" or "B2B2C"
    city: str
    description: str
    target_ages: tuple[int, int]  # e.g. (25, 54)
    target_gender: str  # "toutes", "femmes", "hommes"
    target_locations: list[str]
    objectives: list[str]  # among OBJECTIVES
    products: list[str]
    brand_colors: dict[str, str]  # role -> hex ("primaire", "secondaire", "accent", "texte", "fond")
    fonts: dict[str, str]  # role -> font family ("titres", "texte")
    tone: str  # "vouvoiement" or "tutoiement"
    handle: str  # @username
    website: str
    brand_hashtags: list[str]
    hours_per_week: float = 4.0
    sector_dates: list[dict] = field(default_factory=list)  # {"date": "MM-DD", "name": "..."}

    def __post_init__(self) -> None:
        problems = []
        if self.market not in ("B2C", "B2B", "B2B2C"):
            problems.append(f"le marché doit être « B2C », « B2B » ou « B2B2C » (reçu {self.market!r})")
        lo, hi = self.target_ages
        if not (13 <= lo <= hi <= 100):
            problems.append(f"la tranche d'âge cible doit aller de 13 à 100 ans, du plus jeune au plus âgé (reçu {lo}–{hi})")
        for role, colour in self.brand_colors.items():
            if not _HEX.match(str(colour)):
                problems.append(f"la couleur « {role} » doit être un code hexadécimal comme #7A3E1D (reçu {colour!r})")
        unknown = [o for o in self.objectives if o not in OBJECTIVES]
        if unknown:
            problems.append(f"objectif(s) inconnu(s) {unknown} ; choisir parmi : {', '.join(OBJECTIVES)}")
        if self.tone not in ("vouvoiement", "tutoiement"):
            problems.append(f"le ton doit être « vouvoiement » ou « tutoiement » (reçu {self.tone!r})")
        if problems:
            raise ValueError("Profil d'entreprise invalide : " + " ; ".join(problems) + ".")
        self.target_ages = (int(lo), int(hi))

    def to_dict(self) -> dict:
        data = asdict(self)
        data["target_ages"] = list(self.target_ages)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> CompanyProfile:
        if not isinstance(data, dict):
            raise ValueError("Profil d'entreprise invalide : un objet JSON (dictionnaire) était attendu.")
        known = {f.name for f in fields(cls)}
        required = [f.name for f in fields(cls) if f.name not in ("hours_per_week", "sector_dates")]
        missing = [name for name in required if name not in data]
        if missing:
            raise ValueError(f"Profil d'entreprise incomplet : il manque {', '.join(missing)}.")
        values = {k: v for k, v in data.items() if k in known}
        values["target_ages"] = tuple(values["target_ages"])
        return cls(**values)

    def save(self, path: str | Path = PROFILE_FILE) -> Path:
        return atomic_write_json(path, self.to_dict())


CASE_COMPANY = CompanyProfile(
    name="La Fournée de Léa",
    sector="Boulangerie-pâtisserie artisanale",
    market="B2C",
    city="Lyon",
    description=(
        "Boulangerie-pâtisserie artisanale de la Croix-Rousse (Lyon 4e), ouverte en 2019 par Léa Martin : "
        "pains au levain, viennoiseries pur beurre, gâteaux de fête sur commande, click & collect et ateliers "
        "pâtisserie pour enfants le mercredi. Six salariés."
    ),
    target_ages=(25, 54),
    target_gender="toutes",
    target_locations=["Lyon", "Villeurbanne", "Caluire-et-Cuire"],
    objectives=["notoriété", "engagement", "ventes"],
    products=["pain au levain", "viennoiseries", "gâteaux sur commande", "bûches de Noël", "galettes des rois",
              "ateliers pâtisserie enfants", "click & collect"],
    brand_colors={"primaire": "#7A3E1D", "secondaire": "#2E5E4E", "accent": "#E9B44C", "texte": "#1F1A17",
                  "fond": "#FBF4E6"},
    fonts={"titres": "DejaVu Serif", "texte": "DejaVu Sans"},
    tone="vouvoiement",
    handle="@lafourneedelea",
    website="https://www.lafourneedelea.fr",
    brand_hashtags=["#LaFourneeDeLea", "#FourneeDeLea"],
    hours_per_week=4.0,
    sector_dates=[
        {"date": "01-06", "name": "Épiphanie : galettes des rois"},
        {"date": "05-16", "name": "Saint-Honoré, fête des boulangers (Fête du pain)"},
        {"date": "10-16", "name": "Journée mondiale du pain"},
    ],
)


def find_profile(start: str | Path | None = None, levels: int = 3) -> Path | None:
    """The nearest ``entreprise.json`` in ``start`` (default: the current folder) or up to ``levels`` parents.

    Lessons (``course/``), exercises and assignments (``release/<id>/``) thus share one profile saved at the
    course root, while a profile placed next to an assignment (it then travels with the submission) wins.
    """
    return find_nearest(PROFILE_FILE, start, levels)


def load_company(path: str | Path | None = None) -> CompanyProfile:
    """The learner's own company when a profile exists (``path``, or :func:`find_profile`), else the case company."""
    if path is not None:
        source = Path(path)
        data = read_json(source, None)
        if data is None:
            raise ValueError(f"Profil d'entreprise introuvable : « {source} ».")
        return CompanyProfile.from_dict(data)
    found = find_profile()
    if found is None:
        return CASE_COMPANY
    return CompanyProfile.from_dict(read_json(found, None))

"""Images in notebooks with a real text alternative.

JupyterLab ignores the ``alt`` of ``IPython.display.Image``: a screen reader then announces a bare image.
:func:`png_figure` shows a PNG as an HTML ``<img>`` whose ``alt`` is the text summary, so lessons keep the
rule « every image has an alt text ».
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from pathlib import Path


def png_bytes(source) -> bytes:
    """PNG bytes of ``source``: bytes, a path to a PNG file, or a matplotlib figure (closed afterwards)."""
    if isinstance(source, bytes | bytearray):
        return bytes(source)
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    if hasattr(source, "savefig"):
        import matplotlib.pyplot as plt

        buffer = io.BytesIO()
        source.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
        plt.close(source)
        return buffer.getvalue()
    raise TypeError(f"Image attendue (octets PNG, chemin d'un fichier PNG ou figure matplotlib), pas {type(source).__name__}.")


def figure_html(source, alt: str, *, width: int | None = None, caption: str | None = None) -> str:
    """The HTML of a ``<figure>`` holding the PNG with its alt text (and an optional visible caption)."""
    if not str(alt).strip():
        raise ValueError("Texte alternatif vide : décrivez ce que montre l'image.")
    data = base64.b64encode(png_bytes(source)).decode("ascii")
    size = f' width="{int(width)}"' if width else ""
    legend = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return (f'<figure style="margin:0"><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}"{size} '
            f'style="max-width:100%">{legend}</figure>')


def png_figure(source, alt: str, *, width: int | None = None, caption: str | None = None):
    """An ``IPython.display.HTML`` object showing the PNG with its alt text (use instead of ``Image``)."""
    from IPython.display import HTML

    return HTML(figure_html(source, alt, width=width, caption=caption))


# -- schematic drawings of the French interfaces (lesson 01, C1.3 « utilisation fluide ») ---------------------
# Wireframes made by the project (no screenshot of Meta's tools): numbered areas carry the menu paths exactly as
# the lesson's tables write them, and the alt text lists the same areas in the same order. The labels live here
# once, in FACEBOOK_PAGE_AREAS and BUSINESS_SUITE_MENU; tests/test_interface_drawings.py checks them against the
# lesson's text.

INK = "#000000"
PANEL = "#F2F2F2"
EDGE = "#595959"
MARK = "#0072B2"  # Okabe-Ito blue: the numbered markers and the highlighted path (white text on it)


@dataclass(frozen=True)
class Area:
    """One numbered area of a drawing: the path to click (as the lesson writes it) and what the screen is for."""

    path: str
    purpose: str


#: The Facebook Page's areas, in the order of the lesson's « Facebook : la page » table.
FACEBOOK_PAGE_AREAS: tuple[Area, ...] = (
    Area("photo de profil en haut à droite › choisir la page", "agir au nom de la page, pas en mon nom"),
    Area("page › Modifier (ou À propos › crayon)", "l'optimisation de la page"),
    Area("page › bouton sous la couverture › Modifier le bouton", "relier la page à l'objectif"),
    Area("couverture › Modifier la couverture", "l'identité visuelle"),
    Area("« … » sur la publication › Épingler la publication", "ce que l'on voit en premier"),
    Area("Paramètres et confidentialité › Paramètres › Accès à la Page", "qui peut publier, répondre, payer"),
)


@dataclass(frozen=True)
class MenuItem:
    """One entry of Meta Business Suite's left menu: its label, what it is for, the criteria, what it opens."""

    label: str
    purpose: str
    criteria: str
    opens: tuple[str, ...] = ()
    kind: str = ""  # what ``opens`` are, in the alt text: « bouton », « onglets », « chemin »
    alias: str = ""  # the other name the lesson gives the entry


#: Meta Business Suite's left menu, in the order of the lesson's « Meta Business Suite » table.
BUSINESS_SUITE_MENU: tuple[MenuItem, ...] = (
    MenuItem("Accueil", "vue d'ensemble", "C1.3, C4", ("Créer une publication",), "bouton"),
    MenuItem("Boîte de réception", "messages Messenger et Instagram, commentaires", "C5.4, C6"),
    MenuItem("Planificateur", "publications programmées, brouillons", "C5.1, C3", alias="Contenu › Calendrier"),
    MenuItem("Statistiques", "les chiffres, en quatre onglets", "C1.2, C5.2, C5.3",
             ("Vue d'ensemble", "Résultats", "Audience", "Contenu"), "onglets"),
    MenuItem("Publicités", "publicités en cours", "C7", ("Booster",), "bouton"),
    MenuItem("Tous les outils", "paramètres de la page, Gestionnaire de publicités, formulaires…", "C1.3",
             ("Paramètres › Comptes",), "chemin"),
)

#: Where the Instagram account is linked to the Page (lesson 01, « Sur votre vraie page »).
ACCOUNTS_PATH = "Tous les outils › Paramètres › Comptes"


def _figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=80)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width * 10)
    ax.set_ylim(0, height * 10)
    ax.set_axis_off()
    return fig, ax


def _box(ax, x, y, w, h, text="", *, fill=PANEL, ink=INK, size=9, bold=False, round_=False):
    from matplotlib.patches import FancyBboxPatch, Rectangle

    if round_:
        ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.2,rounding_size=1.2", facecolor=fill,
                                    edgecolor=EDGE, linewidth=1))
    else:
        ax.add_patch(Rectangle((x, y), w, h, facecolor=fill, edgecolor=EDGE, linewidth=1))
    if text:
        ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize=size, color=ink,
                fontweight="bold" if bold else "normal")


def _marker(ax, x, y, number: int):
    from matplotlib.patches import Circle

    ax.add_patch(Circle((x, y), 1.9, facecolor=MARK, edgecolor=INK, linewidth=1, zorder=5))
    ax.text(x, y, str(number), ha="center", va="center", fontsize=9, color="#FFFFFF", fontweight="bold", zorder=6)


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()


def facebook_page_summary() -> str:
    """The French alt text of :func:`facebook_page_figure`: every numbered area, its path and its use."""
    areas = " ; ".join(f"{i} {a.path} : {a.purpose}" for i, a in enumerate(FACEBOOK_PAGE_AREAS, 1))
    return ("Schéma simplifié d'une page Facebook dans l'interface française, six zones numérotées : "
            f"{areas}.")


def facebook_page_figure(*, width: int = 820):
    """A wireframe of a Facebook Page (the bakery's) with its six numbered areas and a key of their paths,
    an accessible figure (alt text = :func:`facebook_page_summary`)."""
    fig, ax = _figure(11.5, 6.4)
    # the page (left) — top bar, account menu, cover, name and buttons, a pinned post
    _box(ax, 2, 57, 58, 5, "")
    ax.text(4, 59.5, "Facebook", va="center", fontsize=10, fontweight="bold", color=MARK)
    from matplotlib.patches import Circle

    ax.add_patch(Circle((56, 59.5), 1.8, facecolor="#FFFFFF", edgecolor=EDGE))
    _marker(ax, 52, 59.5, 1)
    _box(ax, 36, 43, 23, 13, "")
    ax.text(37, 53.5, "choisir la page :", fontsize=8)
    ax.text(38, 51, "La Fournée de Léa", fontsize=8, fontweight="bold")
    ax.text(37, 46, "Paramètres et confidentialité ›", fontsize=8)
    _marker(ax, 33.5, 46.5, 6)
    _box(ax, 2, 38, 33, 18, "couverture", size=10)
    _box(ax, 17, 39.5, 16.5, 3.4, "Modifier la couverture", fill="#FFFFFF", size=8, round_=True)
    _marker(ax, 14.5, 41.2, 4)
    ax.add_patch(Circle((9, 35), 4, facecolor="#FFFFFF", edgecolor=EDGE))
    ax.text(15, 33, "La Fournée de Léa", fontsize=11, fontweight="bold")
    _box(ax, 4, 25, 12, 3.4, "Commander", fill=MARK, ink="#FFFFFF", size=8, bold=True, round_=True)
    _marker(ax, 19, 26.7, 3)
    _box(ax, 24, 25, 10, 3.4, "Modifier", size=8, round_=True)
    _box(ax, 36, 25, 10, 3.4, "À propos ✎", size=8, round_=True)
    _marker(ax, 49, 26.7, 2)
    _box(ax, 2, 3, 58, 18, "")
    ax.text(4, 18, "publication épinglée", fontsize=8, fontstyle="italic")
    ax.text(4, 13, "Bûches de Noël : commandez avant le 20 décembre", fontsize=9)
    ax.text(56, 18, "…", fontsize=12, fontweight="bold", ha="center")
    _marker(ax, 51.5, 18.3, 5)
    # the key (right): each number, its path and what the screen is for
    ax.text(64, 60, "Zones et chemins (interface française)", fontsize=10, fontweight="bold")
    for i, area in enumerate(FACEBOOK_PAGE_AREAS, 1):
        y = 54 - (i - 1) * 9
        _marker(ax, 66, y, i)
        ax.text(69, y + 1, area.path, fontsize=8, va="center")
        ax.text(69, y - 2.2, f"→ {area.purpose}", fontsize=8, va="center", color=EDGE, fontstyle="italic")
    summary = facebook_page_summary()
    return png_figure(_png(fig), alt=summary, width=width,
                      caption="Schéma de la page Facebook : les numéros renvoient au tableau ci-dessus.")


def business_suite_summary() -> str:
    """The French alt text of :func:`business_suite_figure`: the left menu from top to bottom, what each entry
    opens, and where Paramètres › Comptes lies."""
    items = " ; ".join(
        f"{m.label}" + (f" (ou {m.alias})" if m.alias else "") + f" : {m.purpose}"
        + (f", {m.kind} {', '.join(m.opens)}" if m.opens else "") + f" (critères {m.criteria})"
        for m in BUSINESS_SUITE_MENU)
    return ("Schéma simplifié du menu de gauche de Meta Business Suite dans l'interface française, de haut en bas : "
            f"{items}. Le compte Instagram se relie à la page dans {ACCOUNTS_PATH}.")


def business_suite_figure(*, width: int = 820):
    """A wireframe of Meta Business Suite's left menu, each entry with its use, its criteria and what it opens,
    « Tous les outils › Paramètres › Comptes » highlighted; an accessible figure (alt text =
    :func:`business_suite_summary`)."""
    fig, ax = _figure(9.5, 6.4)
    _box(ax, 2, 2, 22, 60, "")
    ax.text(4, 58.5, "Meta Business Suite", fontsize=10, fontweight="bold", color=MARK)
    ax.text(4, 55, "menu de gauche", fontsize=8, fontstyle="italic", color=EDGE)
    last = len(BUSINESS_SUITE_MENU) - 1
    for i, item in enumerate(BUSINESS_SUITE_MENU):
        y = 47 - i * 8.4
        highlight = i == last
        _box(ax, 3.5, y - 2.3, 19, 4.6, item.label, fill=MARK if highlight else "#FFFFFF",
             ink="#FFFFFF" if highlight else INK, size=9, bold=True, round_=True)
        ax.annotate("", xy=(28, y), xytext=(23.5, y), arrowprops={"arrowstyle": "->", "color": EDGE})
        alias = f"ou {item.alias} — " if item.alias else ""
        ax.text(29, y + 1.2, f"{alias}{item.purpose} ({item.criteria})", fontsize=8, va="center")
        x = 29.0
        for label in item.opens:
            wide = 0.85 * len(label) + 3
            on_path = highlight
            _box(ax, x, y - 3.6, wide, 3.0, label, fill=MARK if on_path else PANEL,
                 ink="#FFFFFF" if on_path else INK, size=7.5, bold=on_path, round_=True)
            x += wide + 1.8
        if highlight:
            ax.text(x, y - 2.1, "← relier le compte Instagram professionnel", fontsize=8, va="center",
                    color=MARK, fontweight="bold")
    summary = business_suite_summary()
    return png_figure(_png(fig), alt=summary, width=width,
                      caption=f"Schéma du menu de Meta Business Suite ; en bleu, le chemin {ACCOUNTS_PATH}.")

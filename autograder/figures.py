"""Images in notebooks with a real text alternative.

JupyterLab ignores the ``alt`` of ``IPython.display.Image``: a screen reader then announces a bare image.
:func:`png_figure` shows a PNG as an HTML ``<img>`` whose ``alt`` is the text summary, so lessons keep the
rule « every image has an alt text ».
"""

from __future__ import annotations

import base64
import html
import io
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

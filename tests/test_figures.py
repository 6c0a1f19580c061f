import pytest

from autograder.figures import figure_html, png_figure

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def test_alt_text_is_in_the_img_tag_and_escaped(tmp_path):
    html = figure_html(PNG, 'Ventes "record" en décembre', width=300, caption="Source : export Meta")
    assert 'alt="Ventes &quot;record&quot; en décembre"' in html and 'width="300"' in html
    assert "<figcaption>Source : export Meta</figcaption>" in html
    path = tmp_path / "a.png"
    path.write_bytes(PNG)
    assert figure_html(path, "Un point") == figure_html(PNG, "Un point")


def test_matplotlib_figure_is_accepted():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    assert 'alt="Une droite"' in png_figure(fig, "Une droite").data


def test_empty_alt_or_wrong_source_says_what_is_expected():
    with pytest.raises(ValueError, match="Texte alternatif vide"):
        figure_html(PNG, "  ")
    with pytest.raises(TypeError, match="Image attendue"):
        figure_html(42, "x")

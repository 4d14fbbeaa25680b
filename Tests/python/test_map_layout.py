"""Map layout checked geometrically, on the demo's boundaries and on the official ISTAT ones:
each text's box is estimated from its font size and length (and the estimate checked against
the real DejaVu Sans font), then no two names overlap, no name covers a marker, no marker hides
another, and every legend text lies inside the legend's box, itself inside the canvas."""
import itertools
import math
import os
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from PIL import ImageFont

from conftest import territorio

SVG = "{http://www.w3.org/2000/svg}"
EM = {False: 0.58, True: 0.64}  # width of a character in ems, regular and bold
LEAD = 0.8  # and a constant part, in ems: width = size × (EM × characters + LEAD)
ASCENT, DESCENT = 0.95, 0.25
FONTS = {False: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", True: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"}
SHARED = os.environ.get("TERRITORIO_SHARED_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data"))
ISTAT = os.path.join(SHARED, "istat", "municipalities-P006-alessandria.geojson")
MAPS = [("services", "it"), ("services", "ar"), ("gaps-food", "it"), ("gaps-food", "ar"), ("gaps-health", "fr"),
        ("gaps-violence_women", "en")]


@pytest.fixture(scope="module", params=["demo-boundaries", "istat-boundaries"])
def database(request, demo, tmp_path_factory):
    if request.param == "demo-boundaries":
        return demo / "territorio.sqlite"
    if not os.path.exists(ISTAT):
        assert os.environ.get("CI") != "true", f"missing {ISTAT}"
        pytest.skip(f"needs {ISTAT}")
    db = tmp_path_factory.mktemp("istat") / "territorio.sqlite"
    shutil.copy(demo / "territorio.sqlite", db)
    territorio("import", "boundaries", "--db", db, ISTAT)
    return db


def render(database, tmp_path, name, language):
    svg = tmp_path / f"{name}-{language}.svg"
    if name == "services":
        territorio("map", "services", "--db", database, "--lang", language, "--out", svg)
    else:
        territorio("map", "gaps", "--db", database, "--category", name.split("-", 1)[1], "--lang", language, "--out", svg)
    return ET.parse(svg).getroot()


def styles(root):
    """CSS class → (font size, bold), from the map's <style>."""
    out = {}
    for name, body in re.findall(r"\.([\w-]+)\{([^}]*)\}", root.find(f"{SVG}style").text):
        size = re.search(r"font-size:([\d.]+)px", body)
        if size:
            out[name] = (float(size.group(1)), "font-weight:bold" in body)
    return out


def font(text, css):
    size, bold = css.get(text.get("class"), (16.0, False))
    if text.get("font-size"):
        size = float(text.get("font-size"))
    return size, bold or text.get("font-weight") == "bold"


def box(text, css):
    """(x0, y0, x1, y1) of a <text>, from its size, length, anchor and direction."""
    size, bold = font(text, css)
    width = estimated_width(text.text, size, bold)
    x, y = float(text.get("x")), float(text.get("y"))
    anchor, rtl = text.get("text-anchor", "start"), text.get("direction") == "rtl"
    x0 = x - width / 2 if anchor == "middle" else x if (anchor == "start") != rtl else x - width
    return (x0, y - ASCENT * size, x0 + width, y + DESCENT * size)


def estimated_width(text, size, bold):
    return size * (EM[bold] * len(text) + LEAD)


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(a, outer):
    return outer[0] <= a[0] and a[2] <= outer[2] and outer[1] <= a[1] and a[3] <= outer[3]


def markers(root):
    """(cx, cy, reach) of every service marker: radius plus half the stroke."""
    return [(float(c.get("cx")), float(c.get("cy")), float(c.get("r")) + float(c.get("stroke-width", 0)) / 2)
            for c in root.find(f"{SVG}g[@id='services']").iter(f"{SVG}circle")]


@pytest.mark.parametrize("name,language", MAPS)
def test_names_overlap_neither_each_other_nor_markers(database, tmp_path, name, language):
    root = render(database, tmp_path, name, language)
    css = styles(root)
    labels = [(t.text, box(t, css)) for t in root.find(f"{SVG}g[@id='labels']").iter(f"{SVG}text")]
    assert len(labels) >= 15, "most municipalities are named"
    for (a, ba), (b, bb) in itertools.combinations(labels, 2):
        assert not overlap(ba, bb), f"the names {a} and {b} overlap"
    points = markers(root)
    assert points, "the map shows services"
    for text, b in labels:
        for cx, cy, reach in points:
            assert not overlap(b, (cx - reach, cy - reach, cx + reach, cy + reach)), f"a marker covers the name {text}"
    for (x1, y1, r1), (x2, y2, r2) in itertools.combinations(points, 2):
        assert math.hypot(x1 - x2, y1 - y2) >= r1 + r2, f"markers at ({x1}, {y1}) and ({x2}, {y2}) overlap"
    shown = {t for t, _ in labels}
    paths = root.find(f"{SVG}g[@id='municipalities']").findall(f"{SVG}path")
    missing = len(paths) - len(shown)
    legend = " ".join(t.text for t in root.find(f"{SVG}g[@id='legend']").iter(f"{SVG}text"))
    assert missing == 0 or str(missing) in legend, "names not shown are counted in the legend"


@pytest.mark.parametrize("name,language", MAPS)
def test_legend_texts_fit_in_the_legend_box_and_every_text_in_the_canvas(database, tmp_path, name, language):
    root = render(database, tmp_path, name, language)
    css = styles(root)
    canvas = (0, 0, float(root.get("width")), float(root.get("height")))
    rect = root.find(f".//{SVG}rect[@id='legend-box']")
    assert rect is not None, "the legend has a box"
    legend_box = tuple(float(rect.get(k)) for k in ("x", "y")) + (0, 0)
    legend_box = (legend_box[0], legend_box[1], legend_box[0] + float(rect.get("width")), legend_box[1] + float(rect.get("height")))
    assert inside(legend_box, canvas)
    legend = root.find(f"{SVG}g[@id='legend']")
    for t in legend.iter(f"{SVG}text"):
        assert inside(box(t, css), legend_box), f"legend text outside its box: {t.text}"
        if language == "ar" and re.search(r"[\u0600-\u06FF]", t.text):
            assert t.get("direction") == "rtl", f"Arabic legend text not right-to-left: {t.text}"
    for t in root.iter(f"{SVG}text"):
        assert inside(box(t, css), canvas), f"text outside the canvas: {t.text}"


@pytest.mark.parametrize("name,language", MAPS)
def test_the_width_estimate_holds_for_the_real_font(demo, tmp_path, name, language):
    root = render(demo / "territorio.sqlite", tmp_path, name, language)
    css = styles(root)
    for t in root.iter(f"{SVG}text"):
        size, bold = font(t, css)
        real = ImageFont.truetype(FONTS[bold], size).getlength(t.text)
        assert real <= estimated_width(t.text, size, bold), f"{t.text!r} is wider than estimated"


@pytest.mark.parametrize("language", ["it", "en", "fr", "ar"])
def test_the_gap_legend_explains_every_level_and_the_hollow_markers(demo, tmp_path, language):
    root = render(demo / "territorio.sqlite", tmp_path, "gaps-food", language)
    legend = root.find(f"{SVG}g[@id='legend']")
    swatches = legend.findall(f"{SVG}rect[@class]")
    assert len(swatches) == 7, "five levels, insufficient data and withheld"
    texts = sorted(legend.findall(f"{SVG}text"), key=lambda t: float(t.get("y")))
    tops = sorted(float(r.get("y")) for r in swatches) + [math.inf]
    for top, following in zip(tops, tops[1:]):
        rows = [t for t in texts if top <= float(t.get("y")) < following]
        assert len(rows) >= 2, f"a level without its explanation: {[t.text for t in rows]}"
    services = render(demo / "territorio.sqlite", tmp_path, "services", language)
    hollow = [c for c in services.find(f"{SVG}g[@id='services']").iter(f"{SVG}circle") if c.get("fill") == "#fff"]
    keys = [c for c in services.find(f"{SVG}g[@id='legend']").iter(f"{SVG}circle") if c.get("fill") == "#fff"]
    assert not hollow or keys, "hollow markers are on the map but not in the legend"

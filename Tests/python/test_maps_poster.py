"""Maps and poster, read by the tools people use: rsvg-convert for the SVG (and as the reference
for territorio's in-process PNG), headless Chromium for the poster's PDF, pdftotext to read it
back."""
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from conftest import ROOT, territorio

SVG = "{http://www.w3.org/2000/svg}"


def report_levels(demo, category):
    report = json.load(open(demo / "gaps.geojson", encoding="utf-8"))
    return {f["properties"]["istat_code"]: f["properties"][f"{category}_gap_level"] for f in report["features"]}


@pytest.mark.parametrize("category", ["food", "housing", "health", "violence_women"])
def test_gap_map_is_wellformed_with_one_path_per_municipality_and_the_report_class(demo, tmp_path, category):
    svg, png = tmp_path / "map.svg", tmp_path / "map.png"
    territorio("map", "gaps", "--db", demo / "territorio.sqlite", "--category", category, "--out", svg, "--png", png)
    root = ET.parse(svg).getroot()  # well-formed XML, or this raises
    paths = root.find(f"{SVG}g[@id='municipalities']").findall(f"{SVG}path")
    levels = report_levels(demo, category)
    assert len(paths) == len(levels) == 29
    for p in paths:
        expected = levels[p.get("data-code")] or "suppressed"
        assert f"gap-{expected}" in p.get("class").split(), f"{p.get('data-code')}: {p.get('class')} vs {expected}"
    text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "ISTAT (CC BY)" in text and "10 km" in text and "APPROSSIMATIVI" not in text, "the demo has the official boundaries"
    assert root.find(f"{SVG}g[@id='north-arrow']") is not None and root.find(f"{SVG}g[@id='scale-bar']") is not None
    image = Image.open(png)
    assert image.size[0] >= 1000
    colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 20, "the PNG is not blank"


@pytest.mark.parametrize("kind", ["gaps", "services"])
def test_png_has_the_pixels_rsvg_convert_draws_from_the_same_svg(demo, tmp_path, kind):
    svg, png, reference = tmp_path / "map.svg", tmp_path / "map.png", tmp_path / "rsvg.png"
    extra = ["--category", "elderly_disability"] if kind == "gaps" else ["--lang", "ar"]
    territorio("map", kind, "--db", demo / "territorio.sqlite", *extra, "--out", svg, "--png", png)
    subprocess.run(["rsvg-convert", "--background-color=white", "-o", reference, svg], check=True)
    ours, theirs = Image.open(png), Image.open(reference)
    assert ours.format == "PNG" and ours.mode == "RGB" and ours.size == theirs.size
    a, b = ours.convert("RGB").tobytes(), theirs.convert("RGB").tobytes()
    differing = sum(1 for i in range(0, len(a), 3) if a[i:i + 3] != b[i:i + 3])
    assert differing == 0, f"{differing} of {len(a) // 3} pixels differ from rsvg-convert's"
    colours = ours.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 20, "the PNG is not blank"


def test_services_map_in_arabic_is_rtl(demo, tmp_path):
    svg = tmp_path / "services.svg"
    territorio("map", "services", "--db", demo / "territorio.sqlite", "--lang", "ar", "--out", svg)
    root = ET.parse(svg).getroot()
    title = root.find(f"{SVG}text[@class='title']")
    assert title.get("direction") == "rtl" and re.match(r"[\u0600-\u06FF]", title.text)
    assert len(root.find(f"{SVG}g[@id='services']")) > 10


def pdf_text(path):
    """The PDF's text, without the bidi controls pdftotext adds around right-to-left runs."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", re.sub("[\u202a-\u202e\u2066-\u2069]", "", text))


def loose(s):
    """Spaces and brackets do not count (right-to-left layout mirrors and moves brackets)."""
    return re.sub(r"[\s()]", "", s)


TITLES = {"it": "Hai bisogno di aiuto?", "en": "Do you need help?", "fr": "Avez-vous besoin d'aide ?", "ar": "هل تحتاج إلى مساعدة؟"}
HOURS = {"it": "lun–sab 11:45–13:30", "en": "Mon–Sat 11:45–13:30", "fr": "lun.–sam. 11:45–13:30", "ar": "11:45–13:30"}


def test_poster_prints_in_four_languages(demo, tmp_path):
    assert shutil.which("chromium") and shutil.which("pdftotext"), "chromium and poppler-utils: run scripts/bootstrap.sh"
    territorio("poster", "--db", demo / "territorio.sqlite", "--out", tmp_path, "--pdf")
    with open(ROOT / "GeoData" / "services.csv", encoding="utf-8") as f:
        import csv
        names = {r["name"] for r in csv.DictReader(f)}
    for lang, title in TITLES.items():
        text = pdf_text(tmp_path / f"poster-{lang}.pdf")
        assert title.replace(" ", "") in text.replace(" ", ""), f"{lang}: title missing"
        for name in names:
            assert loose(name) in loose(text), f"{lang}: {name} missing"
        assert HOURS[lang].replace(" ", "") in text.replace(" ", ""), f"{lang}: opening hours not localised"
        assert "112" in text and "1522" in text
    html = (tmp_path / "poster-ar.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="ar" dir="rtl">', html)
    assert "الاثنين" in pdf_text(tmp_path / "poster-ar.pdf") or "السبت" in pdf_text(tmp_path / "poster-ar.pdf")

"""The demo's change report between its two survey rounds, read back with the json and csv modules."""
import csv
import json

from conftest import territorio


def test_demo_writes_the_change_report_without_chromium(demo):
    for name in ["changes.geojson", "changes.csv", "changes-summary-it.html"]:
        assert (demo / name).exists(), name
    assert not (demo / "changes-summary-it.pdf").exists(), "demo --no-png never needs Chromium"
    collection = json.loads((demo / "changes.geojson").read_text(encoding="utf-8"))
    assert collection["territorio"]["round_from"]["name"] == "2026-estate"
    assert collection["territorio"]["round_to"]["name"] == "2026-autunno"
    features = collection["features"]
    assert len(features) == 29
    flat = features[0]["properties"]
    assert all(not isinstance(v, (dict, list)) for v in flat.values()), "flat properties, like the gap report"
    rows = list(csv.DictReader((demo / "changes.csv").open(encoding="utf-8")))
    assert len(rows) == 29 and set(rows[0]) == set(flat)


def test_no_change_is_published_where_either_round_is_withheld(demo):
    features = json.loads((demo / "changes.geojson").read_text(encoding="utf-8"))["features"]
    checked = 0
    for feature in features:
        p = feature["properties"]
        for key, value in p.items():
            if not key.endswith("_need_per_1000_change"):
                continue
            base = key[: -len("_change")]
            if p[f"{key}_suppressed"]:
                assert value is None, key
                checked += 1
            if p[f"{base}_from"] is None or p[f"{base}_to"] is None:
                assert value is None, key
            else:
                assert abs(value - (p[f"{base}_to"] - p[f"{base}_from"])) < 1e-9, key
    assert checked > 0, "the demo has withheld figures: the rule is exercised"


def test_demo_directory_changes_between_rounds(demo):
    features = json.loads((demo / "changes.geojson").read_text(encoding="utf-8"))["features"]
    by_name = {f["properties"]["name"]: f["properties"] for f in features}
    assert by_name["Serravalle Scrivia"]["food_services_hours_changed"] == 1
    assert by_name["Novi Ligure"]["work_services_languages_changed"] == 1


def test_summary_in_arabic_is_right_to_left(demo, tmp_path):
    summary = tmp_path / "changes-ar.html"
    territorio("report", "changes", "--db", demo / "territorio.sqlite", "--from", "2026-estate", "--to", "2026-autunno",
               "--format", "csv", "--out", tmp_path / "c.csv", "--summary", summary, "--lang", "ar")
    html = summary.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    assert "<svg" in html
    result = territorio("report", "changes", "--db", demo / "territorio.sqlite", "--from", "2026-autunno",
                        "--to", "2026-estate", check=False)
    assert result.returncode == 65 and "2026-autunno" in result.stderr


def test_gap_report_for_one_round(demo, tmp_path):
    out = tmp_path / "autunno.geojson"
    territorio("report", "gaps", "--db", demo / "territorio.sqlite", "--round", "2026-autunno", "--out", out)
    autumn = json.loads(out.read_text(encoding="utf-8"))["features"]
    whole = json.loads((demo / "gaps.geojson").read_text(encoding="utf-8"))["features"]
    total = lambda fs: sum(f["properties"]["food_responses"] or 0 for f in fs)
    assert 0 < total(autumn) < total(whole)
    listing = territorio("round", "list", "--db", demo / "territorio.sqlite").stdout
    assert "2026-estate" in listing and "2026-autunno" in listing


def test_summary_pdf_through_chromium(demo, tmp_path):
    import shutil
    import subprocess
    assert shutil.which("chromium") and shutil.which("pdftotext"), "chromium and poppler-utils: run scripts/bootstrap.sh"
    summary = tmp_path / "changes-summary-it.html"
    territorio("report", "changes", "--db", demo / "territorio.sqlite", "--from", "2026-estate", "--to", "2026-autunno",
               "--out", tmp_path / "c.geojson", "--summary", summary, "--pdf")
    pdf = tmp_path / "changes-summary-it.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "cosa è cambiato" in text
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert [line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")] == ["1"], "one page"


def test_ingest_into_a_chosen_round(demo, tmp_path):
    import shutil
    db = tmp_path / "t.sqlite"
    shutil.copy(demo / "territorio.sqlite", db)
    before = territorio("round", "list", "--db", db).stdout
    paper = (demo / "surveys" / "paper-user.csv").read_text(encoding="utf-8-sig").splitlines()
    rows = [line.replace("P-0", "P-7", 1) for line in paper[2:7] if "/10/2026" in line]
    assert rows, "the sample has October questionnaires"
    new = tmp_path / "paper-october.csv"
    new.write_text("\n".join(paper[:2] + rows) + "\n", encoding="utf-8")
    unknown = territorio("ingest", new, "--db", db, "--round", "2025-inverno", check=False)
    assert unknown.returncode == 65 and "2026-estate" in unknown.stderr
    territorio("ingest", new, "--db", db, "--round", "2026-estate")
    after = territorio("round", "list", "--db", db).stdout

    def count(listing, name):
        line = next(l for l in listing.splitlines() if l.startswith(name + "\t"))
        return int(line.split("\t")[3].split()[0])

    assert count(after, "2026-estate") == count(before, "2026-estate") + len(rows), "October rows, put in the summer round"
    assert count(after, "2026-autunno") == count(before, "2026-autunno")


def test_round_report_says_which_rounds(demo, tmp_path):
    out = tmp_path / "range.geojson"
    territorio("report", "gaps", "--db", demo / "territorio.sqlite", "--from", "2026-estate", "--to", "2026-autunno",
               "--out", out)
    assert json.loads(out.read_text(encoding="utf-8"))["territorio"]["rounds"] == ["2026-estate", "2026-autunno"]
    assert "rounds" not in json.loads((demo / "gaps.geojson").read_text(encoding="utf-8"))["territorio"]

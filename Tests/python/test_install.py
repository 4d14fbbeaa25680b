"""`make install` gives a self-contained binary: copied alone to an empty folder and run from
another one with no environment at all, it builds the demo from the data compiled into it."""
import json
import shutil
import subprocess

from conftest import ROOT


def test_installed_binary_runs_the_demo_anywhere(tmp_path):
    prefix = tmp_path / "prefix"
    subprocess.run(["make", "-s", "install", f"PREFIX={prefix}"], cwd=ROOT, check=True)
    installed = prefix / "bin" / "territorio"
    assert installed.exists()

    lonely = tmp_path / "empty"
    lonely.mkdir()
    binary = lonely / "territorio"
    shutil.copy2(installed, binary)
    linked = subprocess.run(["ldd", str(binary)], capture_output=True, text=True).stdout
    assert "libswiftCore" not in linked and "libFoundation" not in linked, linked

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run([str(binary), "demo", "--out", "x", "--no-png"], cwd=elsewhere, env={},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    out = elsewhere / "x"
    for name in ["territorio.sqlite", "municipalities.geojson", "services.geojson", "gaps.geojson", "gaps.csv",
                 "maps/gaps-food.svg", "maps/services.svg", "poster/poster-it.html", "poster/poster-ar.html"]:
        assert (out / name).stat().st_size > 0, name
    report = json.loads((out / "gaps.geojson").read_text())
    assert len(report["features"]) == 29
    assert report["territorio"]["boundaries_approximate"] is False
    surveys = [line for line in result.stderr.splitlines() if "surveys:" in line]
    assert surveys and "kobo-user.csv" in surveys[0] and "paper-user.csv" in surveys[0], result.stderr

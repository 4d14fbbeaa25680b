"""The web poster's QR code read back by an independent decoder: headless Chromium takes a PNG
of `/poster?lang=…` from a running `territorio serve`, and zbarimg (Debian zbar-tools) decodes
the QR code in it; it must be the public directory's address in the same language, built from
--public-url (not from the address the browser used)."""
import shutil
import subprocess

import pytest

from conftest import served, territorio

PUBLIC = "https://territorio.example.org"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The demo database served with a public URL, on a free loopback port."""
    for tool in ["zbarimg", "chromium", "qrencode"]:
        assert shutil.which(tool), f"{tool} is not installed: run scripts/bootstrap.sh"
    out = tmp_path_factory.mktemp("poster-qr")
    territorio("demo", "--out", out, "--no-png")
    with served(out / "territorio.sqlite", "--public-url", PUBLIC) as base:
        yield base, out


@pytest.mark.parametrize("lang", ["it", "ar"])
def test_the_qr_code_in_a_screenshot_of_the_poster_leads_to_the_directory(server, lang):
    base, out = server
    png = out / f"poster-{lang}.png"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--window-size=1200,1400", f"--screenshot={png}", f"{base}/poster?lang={lang}"],
        capture_output=True, timeout=120, check=True)
    assert png.exists() and png.stat().st_size > 0
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True,
                             timeout=60)
    assert decoded.returncode == 0, decoded.stderr
    assert decoded.stdout.strip().splitlines() == [f"{PUBLIC}/?lang={lang}"]

"""Enters one paper questionnaire through the web app's entry form, as an operator would, while
scripts/load.sh keeps the server under load: signs in (an operator account made with
`territorio user add`), fills /entry/user and checks the confirmation. Exit 1 if anything fails.

usage: load_entry.py BASE_URL TERRITORIO_BINARY DATABASE"""
import http.cookiejar
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request

base, binary, db = sys.argv[1:4]
added = subprocess.run([binary, "user", "add", "--db", db, "--org", "Caritas", "--role", "operator",
                        "--name", f"load-{int(time.time())}"], capture_output=True, text=True, check=True)
name = re.search(r"--name (\S+)", " ".join(added.args)).group(1)
password = re.search(r"\(shown once, keep it safe\): (\S+)", added.stdout).group(1)
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def token(path):
    page = opener.open(base + path, timeout=30).read().decode()
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def post(path, pairs):
    body = urllib.parse.urlencode(pairs).encode()
    return opener.open(urllib.request.Request(base + path, data=body, method="POST"), timeout=30)


started = time.monotonic()
post("/signin", [("csrf", token("/signin")), ("name", name), ("password", password)]).read()
number = f"LOAD-{int(time.time())}"
answers = [("csrf", token("/entry/user")), ("questionnaire_id", number), ("date", "2026-11-20"),
           ("municipality", "Novi Ligure"), ("needs", "food"), ("urgency", "high"), ("household_size", "2")]
response = post("/entry/user", answers)
page = response.read().decode()
elapsed = time.monotonic() - started
if number not in urllib.parse.unquote(response.geturl()) and number not in page:
    sys.exit(f"load: the questionnaire {number} was not confirmed ({response.geturl()})")
print(f"entered questionnaire {number} under load in {elapsed:.2f} s (sign-in, form, save)")

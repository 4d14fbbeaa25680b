"""`territorio copy` from the command line: the demo moves to PostGIS and back whole (surveys,
rounds, history, sessions), the same digest printed both ways, the same reports from all three;
a copy into a database that holds data is refused and a failed copy leaves no new file."""
import json
import re

from conftest import territorio
from test_postgis_gdal import fresh_database


def digest(output):
    found = re.findall(r"\b[0-9a-f]{64}\b", output)
    assert len(found) == 1, output
    return found[0]


def test_demo_to_postgis_and_back(demo, postgres_server, tmp_path):
    url, _ = fresh_database(postgres_server)
    there = territorio("copy", "--from", demo / "territorio.sqlite", "--to", url).stderr
    back_db = tmp_path / "back.sqlite"
    back = territorio("copy", "--from", url, "--to", back_db).stderr
    assert digest(there) == digest(back)
    for table in ["submission:", "need_report:", "survey_round:", "service_history:", "session:"]:
        assert table in there, f"{table} is copied: {there}"
    infos = [json.loads(territorio("info", "--db", db, "--json").stdout) for db in [demo / "territorio.sqlite", back_db]]
    for key in ["municipalities", "services", "userSubmissions", "operatorSubmissions", "batches"]:
        assert infos[0][key] == infos[1][key], key
    assert infos[1]["userSubmissions"] > 0
    reports = [territorio("report", "gaps", "--db", db, "--format", "csv").stdout
               for db in [demo / "territorio.sqlite", url, back_db]]
    assert reports[0].count("\n") > 5 and reports[0] == reports[1] == reports[2]


def test_copy_refuses_a_database_with_data(demo, tmp_path):
    target = tmp_path / "t.sqlite"
    territorio("copy", "--from", demo / "territorio.sqlite", "--to", target)
    again = territorio("copy", "--from", demo / "territorio.sqlite", "--to", target, check=False)
    assert again.returncode != 0 and "not empty" in again.stderr
    missing = territorio("copy", "--from", tmp_path / "nothing.sqlite", "--to", tmp_path / "n.sqlite", check=False)
    assert missing.returncode != 0 and not (tmp_path / "n.sqlite").exists()

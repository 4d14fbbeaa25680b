"""The self-help group's sessions as iCalendar, read back by an independent parser (icalendar)."""
import datetime

import icalendar
from dateutil.rrule import rrulestr

from conftest import ROOT, territorio

SESSIONS = """id,date,start_time,end_time,rrule,topic_it,topic_en,topic_fr,topic_ar,organization,service_id,address,lat,lon,languages,categories,booking,source
estate,2027-07-06,17:30,19:00,,"Estate, caldo; e solitudine","Summer, heat; loneliness",,,"Associazione Anziani Insieme",,"Via Roma 1, Novi Ligure",44.7616,8.7889,it,elderly_disability,no,test
inverno,2026-12-01,18:00,19:30,FREQ=WEEKLY;BYDAY=TU;COUNT=5,"Gruppo del martedì",,,,"Consorzio Intercomunale Novese dei Servizi Sociali",,"Piazza Dellepiane, Novi Ligure",44.76,8.79,it;fr,listening,yes,test
mensile,2026-10-30,10:00,11:30,FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270528,"Chi si prende cura",,,,"ASL AL",,"Via Raggio, Novi Ligure",44.7588,8.7921,it,listening,yes,test
"""


def calendar(tmp_path):
    db = tmp_path / "t.sqlite"
    territorio("init", "--db", db)
    csv = tmp_path / "sessions.csv"
    csv.write_text(SESSIONS, encoding="utf-8")
    territorio("import", "sessions", csv, "--db", db)
    ics = tmp_path / "sessions.ics"
    territorio("export", "sessions", "--db", db, "--format", "ics", "--out", ics)
    return ics.read_bytes()


def events(raw):
    cal = icalendar.Calendar.from_ical(raw)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_dates_time_zone_and_daylight_saving(tmp_path):
    found = events(calendar(tmp_path))
    july = found["estate@territorio.sessions"]["DTSTART"].dt
    assert july == datetime.datetime(2027, 7, 6, 17, 30, tzinfo=july.tzinfo)
    assert "Europe/Rome" in repr(july.tzinfo), repr(july.tzinfo)
    assert july.utcoffset() == datetime.timedelta(hours=2), "July in Rome is UTC+2 (summer time)"
    december = found["inverno@territorio.sessions"]["DTSTART"].dt
    assert december.utcoffset() == datetime.timedelta(hours=1), "December in Rome is UTC+1"
    assert found["estate@territorio.sessions"]["DTEND"].dt - july == datetime.timedelta(minutes=90)


def test_recurrence_expands_as_written(tmp_path):
    found = events(calendar(tmp_path))
    weekly = found["inverno@territorio.sessions"]
    start = weekly["DTSTART"].dt
    rule = rrulestr(weekly["RRULE"].to_ical().decode(), dtstart=start)
    dates = [d.date() for d in rule]
    assert dates == [datetime.date(2026, 12, d) for d in (1, 8, 15, 22, 29)]
    monthly = found["mensile@territorio.sessions"]
    start = monthly["DTSTART"].dt
    occurrences = list(rrulestr(monthly["RRULE"].to_ical().decode(), dtstart=start))
    assert [d.date().isoformat() for d in occurrences] == [
        "2026-10-30", "2026-11-27", "2026-12-25", "2027-01-29", "2027-02-26", "2027-03-26", "2027-04-30",
        "2027-05-28"]
    # every occurrence keeps 10:00 local time across the change of offset (UTC+1 in winter, +2 from April)
    assert all(d.hour == 10 for d in occurrences)
    assert occurrences[-1].utcoffset() == datetime.timedelta(hours=2)


def test_text_escaping_folding_and_stable_uid(tmp_path):
    raw = calendar(tmp_path)
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), "content lines are folded at 75 octets"
    for line in lines:
        line.decode("utf-8")  # never split inside a UTF-8 character
    assert b"\n" not in raw.replace(b"\r\n", b""), "lines end with CRLF"
    summer = events(raw)["estate@territorio.sessions"]
    assert str(summer["SUMMARY"]) == "Estate, caldo; e solitudine"
    assert str(summer["LOCATION"]) == "Via Roma 1, Novi Ligure"
    assert "DTSTAMP" in summer
    (tmp_path / "again").mkdir()
    again = calendar(tmp_path / "again")
    assert set(events(again)) == set(events(raw)), "UIDs are stable"


def test_demo_sessions_parse(demo):
    ics = demo / "sessions.ics"
    territorio("export", "sessions", "--db", demo / "territorio.sqlite", "--format", "ics", "--out", ics)
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    assert [t["TZID"] for t in cal.walk("VTIMEZONE")] == ["Europe/Rome"]
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids)) >= 3
    women = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("ama-novi-donne"))
    assert str(women["SUMMARY"]) == "Donne, diritti; ascolto (incontro aperto)"


def test_bad_sessions_are_refused_with_row_and_column(tmp_path):
    db = tmp_path / "t.sqlite"
    territorio("init", "--db", db)
    bad = tmp_path / "bad.csv"
    bad.write_text(SESSIONS.splitlines()[0] + "\n"
                   + "x,2026-12-02,18:00,17:00,FREQ=DAILY,Topic,,,,Dott. Mario Rossi,,,,,zz,nothing,perhaps,\n",
                   encoding="utf-8")
    result = territorio("import", "sessions", bad, "--db", db, check=False)
    assert result.returncode == 65
    for expected in ["row 2", "end_time", "rrule", "organization", "languages", "categories", "booking", "service_id"]:
        assert expected in result.stderr, expected
    out = tmp_path / "none.csv"
    territorio("export", "sessions", "--db", db, "--format", "csv", "--out", out)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1, "nothing was imported"


def test_hsds_schedule_validates_with_frictionless(demo, tmp_path):
    import csv
    import subprocess
    from conftest import ROOT
    out = tmp_path / "hsds"
    territorio("export", "sessions", "--db", demo / "territorio.sqlite", "--format", "hsds", "--out", out)
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "frictionless"), "validate", str(out / "datapackage.json")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    rows = {r["description"].split(" — ")[0]: r for r in csv.DictReader((out / "schedules.csv").open(encoding="utf-8"))}
    monthly = rows["Cercare lavoro, insieme"]
    assert (monthly["freq"], monthly["byday"], monthly["count"], monthly["opens_at"]) == ("MONTHLY", "1TH", "9", "18:00:00")

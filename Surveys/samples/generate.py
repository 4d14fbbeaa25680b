#!/usr/bin/env python3
"""Synthetic survey exports for the demo and the tests: SYNTHETIC DATA, no real respondent.

Writes, from GeoData/ (consortium municipalities with interior points and population, taxonomy):
  kobo-user.csv     KoboToolbox export of the user survey (';', all quoted, groups with '/',
                    select_multiple as a column and 0/1 columns, geopoint and _location_* columns)
  odk-operator.csv  ODK Central export of the operator survey (',', groups with '-')
  paper-user.csv    paper questionnaires typed in Excel, Italian locale (';', BOM, decimal comma,
                    municipality names as people type them, urgency as an Italian label), with the
                    organisation that collected them in `source` (numbers are unique only within it)

  python3 Surveys/samples/generate.py                       # rebuild Surveys/samples/
  python3 Surveys/samples/generate.py --same-people 25 --out DIR
        # the same 25 people as kobo-user.csv, odk-user.csv and paper-user.csv (dialect tests)
  python3 Surveys/samples/generate.py --national 1000000 --points municipalities.csv --out DIR
        # benchmark: a Kobo export of N user rows over all municipalities of `points` (the CSV of
        # `territorio export municipalities --format csv`), geopoints spread by population and no
        # municipality column, so that ingestion assigns each row by point in polygon

Everything is drawn from a seeded generator (--seed), so the files are reproducible.
"""
import argparse
import csv
import io
import os
import random
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
GEODATA = os.path.join(HERE, "..", "..", "GeoData")

BARRIERS = ["distance", "transport", "opening_hours", "language", "cost", "dont_know_where", "documents", "stigma", "other"]
LANGUAGES = ["it", "en", "fr", "ar", "ro", "sq", "es", "uk", "ru", "zh", "ur", "bn", "pa", "wo"]
AGE_GROUPS = ["18_29", "30_44", "45_64", "65_plus"]
URGENCY_IT = {"low": "Bassa", "medium": "Media", "high": "Alta"}
NEED_WEIGHTS = {"food": 9, "economic": 7, "listening": 6, "housing": 6, "health": 5, "work": 6, "legal": 4,
                "italian_courses": 3, "clothing": 4, "families": 3, "elderly_disability": 3, "digital": 3,
                "mental_health": 2, "transport": 2, "night_shelter": 1, "violence_women": 1}
# How people type some names on paper.
TYPED = {"Novi Ligure": ["NOVI", "Novi", "novi ligure"], "Serravalle Scrivia": ["Serravalle S.", "SERRAVALLE SCRIVIA"],
         "Capriata d'Orba": ["Capriata D'orba", "capriata dorba"], "Arquata Scrivia": ["Arquata S."],
         "Pozzolo Formigaro": ["Pozzolo F."]}


def read_csv(name):
    with open(os.path.join(GEODATA, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def people(rng, n, municipalities, categories, date_range):
    """n synthetic respondents, drawn in proportion to population."""
    weights = [int(m["population_2011"]) for m in municipalities]
    codes = [c["code"] for c in categories]
    need_weights = [NEED_WEIGHTS.get(c, 1) for c in codes]
    out = []
    for _ in range(n):
        m = rng.choices(municipalities, weights)[0]
        k = rng.choice([1, 1, 2, 2, 3])
        needs = sorted(set(rng.choices(codes, need_weights, k=k)))
        langs = ["it"] if rng.random() < 0.6 else sorted({"it", rng.choice(LANGUAGES[1:])} if rng.random() < 0.5 else {rng.choice(LANGUAGES[1:]), rng.choice(["fr", "ar", "en"])})
        point = None
        if rng.random() < 0.6:
            # Within ~200 m of the interior point: inside the official and the approximate boundary.
            point = (round(float(m["lat"]) + rng.uniform(-0.0015, 0.0015), 6), round(float(m["lon"]) + rng.uniform(-0.002, 0.002), 6))
        day = rng.randint(*date_range)
        out.append({
            "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "municipality": m, "point": point, "needs": needs,
            "urgency": rng.choices(["low", "medium", "high"], [3, 4, 3])[0],
            "barriers": sorted(set(rng.sample(BARRIERS, rng.choice([0, 1, 1, 2])))),
            "languages": langs,
            "household": rng.choice([None, 1, 1, 2, 3, 4, 5, 6]),
            "age": rng.choice([None] + AGE_GROUPS * 2),
            "date": "2026-%02d-%02d" % (9 + day // 30, 1 + day % 28),
            "time": "%02d:%02d:%02d" % (rng.randint(8, 19), rng.randint(0, 59), rng.randint(0, 59)),
        })
    return out


def write(path, header, rows, delimiter=",", quote_all=False, bom=False, comments=()):
    buf = io.StringIO()
    for line in comments:
        buf.write(line + "\n")
    w = csv.writer(buf, delimiter=delimiter, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(h, "") for h in header])
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        f.write(buf.getvalue())


def kobo_user(path, persons, codes):
    g = "situazione"
    header = ["start", "end", "municipality", "location", "_location_latitude", "_location_longitude", "_location_altitude",
              "_location_precision", f"{g}/needs"] + [f"{g}/needs/{c}" for c in codes] + [f"{g}/urgency", f"{g}/barriers"] \
        + [f"{g}/barriers/{b}" for b in BARRIERS] + ["languages", "household_size", "age_group", "meta/instanceID", "_id",
                                                   "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
                                                   "_submitted_by", "__version__", "_tags", "_index"]
    rows = []
    for i, p in enumerate(persons):
        r = {"start": f"{p['date']}T{p['time']}.000+02:00", "end": f"{p['date']}T{p['time']}.000+02:00",
             "municipality": p["municipality"]["istat_code"], f"{g}/needs": " ".join(p["needs"]),
             f"{g}/urgency": p["urgency"], f"{g}/barriers": " ".join(p["barriers"]), "languages": " ".join(p["languages"]),
             "household_size": p["household"] or "", "age_group": p["age"] or "", "meta/instanceID": "uuid:" + p["uuid"],
             "_id": 400000 + i, "_uuid": p["uuid"], "_submission_time": f"{p['date']}T{p['time']}",
             "_validation_status": "{}", "_notes": "[]", "_status": "submitted_via_web", "_submitted_by": "operatore_novi",
             "__version__": "vSyntheticDemo", "_tags": "[]", "_index": i + 1}
        for c in codes:
            r[f"{g}/needs/{c}"] = "1" if c in p["needs"] else "0"
        for b in BARRIERS:
            r[f"{g}/barriers/{b}"] = "1" if b in p["barriers"] else "0"
        if p["point"]:
            lat, lon = p["point"]
            r.update({"location": f"{lat} {lon} 210.0 8.0", "_location_latitude": lat, "_location_longitude": lon,
                      "_location_altitude": "210.0", "_location_precision": "8.0"})
        rows.append(r)
    write(path, header, rows, delimiter=";", quote_all=True)


def odk_user(path, persons):
    g = "situazione"
    header = ["SubmissionDate", "start", "end", "municipality", "location-Latitude", "location-Longitude", "location-Altitude",
              "location-Accuracy", f"{g}-needs", f"{g}-urgency", f"{g}-barriers", "languages", "household_size", "age_group",
              "meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "Status",
              "ReviewState", "DeviceID", "Edits", "FormVersion"]
    rows = []
    for p in persons:
        r = {"SubmissionDate": f"{p['date']}T{p['time']}.000Z", "start": f"{p['date']}T{p['time']}.000+02:00",
             "end": f"{p['date']}T{p['time']}.000+02:00", "municipality": p["municipality"]["istat_code"],
             f"{g}-needs": " ".join(p["needs"]), f"{g}-urgency": p["urgency"], f"{g}-barriers": " ".join(p["barriers"]),
             "languages": " ".join(p["languages"]), "household_size": p["household"] or "", "age_group": p["age"] or "",
             "meta-instanceID": "uuid:" + p["uuid"], "KEY": "uuid:" + p["uuid"], "SubmitterID": "7",
             "SubmitterName": "Operatrice Caritas", "AttachmentsPresent": "0", "AttachmentsExpected": "0", "Status": "",
             "ReviewState": "", "DeviceID": "collect:SYNTHETIC0000", "Edits": "0", "FormVersion": "1"}
        if p["point"]:
            lat, lon = p["point"]
            r.update({"location-Latitude": lat, "location-Longitude": lon, "location-Altitude": "210", "location-Accuracy": "8"})
        rows.append(r)
    write(path, header, rows)


def paper_user(path, persons, rng, prefix="P", source="Caritas Novi Ligure"):
    header = ["questionnaire_id", "source", "date", "municipality", "location_lat", "location_lon", "needs", "urgency", "barriers",
              "languages", "household_size", "age_group"]
    rows = []
    for i, p in enumerate(persons):
        name = p["municipality"]["name"]
        typed = rng.choice(TYPED.get(name, [name]) + [name])
        y, m, d = p["date"].split("-")
        r = {"questionnaire_id": f"{prefix}-{i + 1:04d}", "source": source, "date": f"{d}/{m}/{y}", "municipality": typed,
             "needs": " ".join(p["needs"]), "urgency": URGENCY_IT[p["urgency"]], "barriers": " ".join(p["barriers"]),
             "languages": " ".join(p["languages"]), "household_size": p["household"] or "", "age_group": p["age"] or ""}
        if p["point"]:
            r["location_lat"] = str(p["point"][0]).replace(".", ",")
            r["location_lon"] = str(p["point"][1]).replace(".", ",")
        rows.append(r)
    comments = ["# territorio paper survey (user) - SYNTHETIC DEMO DATA, no real respondent"]
    write(path, header, rows, delimiter=";", bom=True, comments=comments)


def odk_operator(path, municipalities, codes, rng):
    organizations = ["Consorzio Intercomunale Novese", "Caritas", "Mensa San Vincenzo", "Associazione migranti"]
    big = [m for m in municipalities if int(m["population_2011"]) >= 2000]
    header = ["SubmissionDate", "organization", "municipality", "period_start", "period_end"]
    for c in codes:
        header += [f"caseload-requests_{c}", f"caseload-unmet_{c}"]
    header += ["meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion"]
    rows = []
    for org in organizations:
        for m in big:
            for start, end in [("2026-01-01", "2026-06-30"), ("2026-07-01", "2026-10-31")]:
                if rng.random() < 0.35:
                    continue
                u = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                r = {"SubmissionDate": end + "T18:00:00.000Z", "organization": org, "municipality": m["istat_code"],
                     "period_start": start, "period_end": end, "meta-instanceID": "uuid:" + u, "KEY": "uuid:" + u,
                     "SubmitterID": "3", "SubmitterName": "Coordinatrice", "DeviceID": "collect:SYNTHETIC0001",
                     "Edits": "0", "FormVersion": "1"}
                scale = int(m["population_2011"]) / 1000
                for c in rng.sample(codes, 5):
                    req = max(0, int(rng.gauss(2.0 * scale, scale)))
                    r[f"caseload-requests_{c}"] = req
                    r[f"caseload-unmet_{c}"] = min(req, int(req * rng.uniform(0, 0.5)))
                rows.append(r)
    write(path, header, rows)


def national(path, n, points_csv, categories, rng):
    with open(points_csv, newline="", encoding="utf-8") as f:
        municipalities = [m for m in csv.DictReader(f) if m["rep_lat"] and m["rep_lon"]]
    weights = [int(m["population"] or 1) for m in municipalities]
    codes = [c["code"] for c in categories]
    g = "situazione"
    header = ["start", "end", "location", "_location_latitude", "_location_longitude", "_location_altitude",
              "_location_precision", f"{g}/needs"] + [f"{g}/needs/{c}" for c in codes] + [f"{g}/urgency", f"{g}/barriers",
              "languages", "household_size", "age_group", "meta/instanceID", "_id", "_uuid", "_submission_time",
              "_validation_status", "_status", "_submitted_by", "__version__", "_index"]
    need_weights = [NEED_WEIGHTS.get(c, 1) for c in codes]
    chosen = rng.choices(municipalities, weights, k=n)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
        w.writerow(header)
        for i, m in enumerate(chosen):
            lat = round(float(m["rep_lat"]) + rng.uniform(-0.0008, 0.0008), 6)
            lon = round(float(m["rep_lon"]) + rng.uniform(-0.0008, 0.0008), 6)
            needs = sorted(set(rng.choices(codes, need_weights, k=rng.choice([1, 1, 2, 3]))))
            u = "%032x" % rng.getrandbits(128)
            u = f"{u[:8]}-{u[8:12]}-4{u[13:16]}-a{u[17:20]}-{u[20:32]}"
            day = rng.randint(0, 55)
            date = "2026-%02d-%02d" % (9 + day // 30, 1 + day % 28)
            w.writerow([date + "T10:00:00.000+02:00", date + "T10:05:00.000+02:00", f"{lat} {lon} 200.0 10.0", lat, lon,
                        "200.0", "10.0", " ".join(needs)] + ["1" if c in needs else "0" for c in codes]
                       + [rng.choice(["low", "medium", "high"]), rng.choice(["", "distance", "transport cost", "dont_know_where"]),
                          rng.choice(["it", "it en", "ar fr", "ro it"]), rng.choice(["", "1", "2", "4"]),
                          rng.choice(["", "18_29", "30_44", "45_64", "65_plus"]), "uuid:" + u, i + 1, u, date + "T10:06:00",
                          "{}", "submitted_via_web", "", "vBench", i + 1])


def national_services(path, n, points_csv, categories, rng, ncat=10):
    """n services over the first `ncat` categories, placed near municipalities by population."""
    with open(points_csv, newline="", encoding="utf-8") as f:
        municipalities = [m for m in csv.DictReader(f) if m["rep_lat"] and m["rep_lon"]]
    weights = [int(m["population"] or 1) for m in municipalities]
    codes = [c["code"] for c in categories][:ncat]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "categories", "municipality", "lat", "lon", "capacity", "languages", "verified"])
        for i, m in enumerate(rng.choices(municipalities, weights, k=n)):
            w.writerow([f"s{i:06d}", f"Service {i}", rng.choice(codes), m["code"],
                        round(float(m["rep_lat"]) + rng.uniform(-0.0008, 0.0008), 6),
                        round(float(m["rep_lon"]) + rng.uniform(-0.0008, 0.0008), 6),
                        rng.choice(["", "1", "2", "5", "10"]), rng.choice(["it", "it;en", "it;fr;ar"]), "false"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=HERE)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--kobo", type=int, default=160, help="respondents in the Kobo export")
    ap.add_argument("--paper", type=int, default=45, help="respondents on paper")
    ap.add_argument("--same-people", type=int, default=0, help="write the same N people in all three dialects instead")
    ap.add_argument("--national", type=int, default=0, help="write a Kobo export of N rows over --points instead")
    ap.add_argument("--points", help="municipalities CSV with rep_lat, rep_lon, population (for --national)")
    ap.add_argument("--national-services", type=int, default=0, help="also write N services over 10 categories (with --points)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    municipalities = read_csv("consortium.csv")
    categories = read_csv("categories.csv")
    codes = [c["code"] for c in categories]
    os.makedirs(args.out, exist_ok=True)
    if args.national or args.national_services:
        if args.national:
            national(os.path.join(args.out, "national-kobo-user.csv"), args.national, args.points, categories, rng)
        if args.national_services:
            national_services(os.path.join(args.out, "national-services.csv"), args.national_services, args.points, categories, rng)
        return
    if args.same_people:
        persons = people(rng, args.same_people, municipalities, categories, (0, 55))
        kobo_user(os.path.join(args.out, "kobo-user.csv"), persons, codes)
        odk_user(os.path.join(args.out, "odk-user.csv"), persons)
        paper_user(os.path.join(args.out, "paper-user.csv"), persons, rng)
        return
    kobo_user(os.path.join(args.out, "kobo-user.csv"), people(rng, args.kobo, municipalities, categories, (0, 55)), codes)
    paper_user(os.path.join(args.out, "paper-user.csv"), people(rng, args.paper, municipalities, categories, (20, 50)), rng)
    odk_operator(os.path.join(args.out, "odk-operator.csv"), municipalities, codes, rng)


if __name__ == "__main__":
    main()

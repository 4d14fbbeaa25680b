"""Writes the researchers' notebooks (nbformat 4, no outputs). Run: python3 Notebooks/make_notebooks.py"""
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
SETUP = '''import json, os, pathlib
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import geopandas as gpd

# The folder written by `territorio demo --out out` (or your own outputs).
OUT = pathlib.Path(os.environ.get("TERRITORIO_OUT", "../out"))
print("reading", OUT.resolve())'''


def notebook(title, cells):
    nb_cells = [{"cell_type": "markdown", "metadata": {}, "source": title}]
    for kind, text in cells:
        cell = {"cell_type": kind, "metadata": {}, "source": text}
        if kind == "code":
            cell.update({"execution_count": None, "outputs": []})
        nb_cells.append(cell)
    return {"cells": nb_cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                                            "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}


coverage = notebook("# Coverage overview\n\nThe gap report (`gaps.geojson`) mapped per category, and the worst gaps. "
                    "Method: `docs/method.md`. Counts below k are withheld (`*_suppressed`).", [
    ("code", SETUP),
    ("code", '''gaps = gpd.read_file(OUT / "gaps.geojson")
meta = json.load(open(OUT / "gaps.geojson", encoding="utf-8"))["territorio"]
categories = meta["categories"]
print(len(gaps), "municipalities,", len(categories), "categories, k =", meta["k"], "| CRS:", gaps.crs)
assert gaps.crs.to_epsg() == 4326 and len(gaps) > 0'''),
    ("code", '''levels = ["none", "low", "medium", "high", "critical", "insufficient_data"]
colours = {"none": "#ffffb2", "low": "#fecc5c", "medium": "#fd8d3c", "high": "#f03b20", "critical": "#bd0026", "insufficient_data": "#dddddd"}
projected = gaps.to_crs(32632)  # UTM 32N
fig, axes = plt.subplots(4, 4, figsize=(16, 13))
for ax, c in zip(axes.flat, categories):
    level = projected[f"{c}_gap_level"].fillna("withheld")
    projected.plot(ax=ax, color=[colours.get(l, "#9999cc") for l in level], edgecolor="#555", linewidth=0.3)
    ax.set_title(c); ax.set_axis_off()
fig.suptitle("Gap level per category" + (" (approximate boundaries)" if meta["boundaries_approximate"] else ""))
plt.close(fig)'''),
    ("code", '''rows = []
for c in categories:
    for _, g in gaps.iterrows():
        rows.append({"category": c, "municipality": g["name"], "gap_level": g[f"{c}_gap_level"],
                     "access_ratio": g[f"{c}_access_ratio"], "nearest_km": g[f"{c}_nearest_cost"]})
table = pd.DataFrame(rows)
rank = {"critical": 0, "high": 1, "medium": 2}
worst = table[table["gap_level"].isin(rank)].assign(r=lambda d: d["gap_level"].map(rank)).sort_values(["r", "access_ratio"])
worst.drop(columns="r").head(20)'''),
    ("code", '''counts = table.pivot_table(index="category", columns=table["gap_level"].fillna("withheld"), aggfunc="size", fill_value=0)
counts'''),
])

accessibility = notebook("# Accessibility check\n\nRecomputes the two-step floating catchment with PySAL `access` from the "
                         "exported services and municipalities, with the report's own parameters, and shows that it equals the "
                         "report (relative difference below 1e-9).", [
    ("code", SETUP + '''
import math
from access import Access, weights'''),
    ("code", '''report = json.load(open(OUT / "gaps.geojson", encoding="utf-8"))
meta = report["territorio"]
municipalities = pd.DataFrame([f["properties"] for f in report["features"]])
services = gpd.read_file(OUT / "services.geojson")
services["lon"], services["lat"] = services.geometry.x, services.geometry.y
print(meta["cost"]); print(len(municipalities), "municipalities,", len(services), "services")'''),
    ("code", '''def haversine(lat1, lon1, lat2, lon2, r=6371.0088):
    p = math.pi / 180
    h = math.sin((lat2 - lat1) * p / 2) ** 2 + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    return 2 * r * math.asin(min(1, math.sqrt(h)))

costs = pd.DataFrame([(m.istat_code, s.id, haversine(m.rep_lat, m.rep_lon, s.lat, s.lon))
                      for m in municipalities.itertuples() for s in services.itertuples()], columns=["origin", "dest", "cost"])

def weight(p):
    if p["weight"] == "gaussian":
        return weights.gaussian(p["sigma"])
    if p["weight"] == "gravity":
        return weights.gravity(p["scale"], p["alpha"], p["min_dist"])
    return weights.step_fn({float(k[5:]): v for k, v in p.items() if k.startswith("step_")})'''),
    ("code", '''results = []
demand = municipalities[["istat_code", "population"]].rename(columns={"istat_code": "geoid"})
for c in meta["categories"]:
    p = meta["parameters"]["categories"][c]
    offered = services[services["categories"].str.split(";").apply(lambda cs: c in cs)]
    supply = pd.DataFrame({"geoid": offered["id"], "capacity": offered["capacity"].fillna(1.0)})
    A = Access(demand_df=demand, demand_index="geoid", demand_value="population", supply_df=supply, supply_index="geoid",
               supply_value="capacity", cost_df=costs[costs["dest"].isin(supply["geoid"])], cost_origin="origin",
               cost_dest="dest", cost_name="cost")
    A.two_stage_fca(name="pysal", max_cost=p["max_cost"], weight_fn=weight(p))
    theirs = A.access_df["pysal_capacity"]
    for m in municipalities.itertuples():
        ours, ref = getattr(m, f"{c}_access"), theirs.get(m.istat_code)
        both_missing = (ours is None or pd.isna(ours)) and (ref is None or pd.isna(ref))
        diff = 0.0 if both_missing else abs(ours - ref) / abs(ref) if ref else abs(ours - ref)
        results.append({"category": c, "municipality": m.name, "territorio": ours, "pysal": ref, "relative_difference": diff})
check = pd.DataFrame(results)
worst = check["relative_difference"].max()
print(f"largest relative difference: {worst:.2e} over {len(check)} values")
assert worst < 1e-9, "territorio and PySAL access disagree"
check.sort_values("relative_difference", ascending=False).head(10)'''),
])

survey = notebook("# Survey overview\n\nNeeds, barriers and languages from the **anonymised** submissions export "
                  "(`territorio export submissions --format csv --out out/submissions.csv`). User rows give the zone "
                  "(a group of municipalities), the quarter and household-size bands; `*` marks a value suppressed for "
                  "k-anonymity, an empty cell a question not answered. Operator counts below k are withheld "
                  "(`counts_withheld`). See `docs/privacy.md`.", [
    ("code", SETUP),
    ("code", '''subs = pd.read_csv(OUT / "submissions.csv", dtype=str, keep_default_na=False)
meta = json.load(open(OUT / "submissions.csv.meta.json", encoding="utf-8"))
users, operators = subs[subs["form"] == "user"], subs[subs["form"] == "operator"]
print(len(users), "user submissions,", meta["withheld_rows"], "withheld for k-anonymity (k =", str(meta["k"]) + ")")
print("generalised:", meta["generalised_values"])
print("published as sets ('a|b'):", meta["merged_values"], "| suppressed ('*'):", meta["suppressed_values"])
assert "uuid" not in " ".join(subs.columns).lower()
assert (users["needs"] != "").mean() >= 0.8, "the needs column is mostly empty"

def protect(table, k=meta["k"]):
    """Tables made from the rows are published like the reports: counts from 1 to k-1 are shown as '<k'."""
    return table.astype(object).where((table == 0) | (table >= k), f"<{k}")'''),
    ("code", '''def tally(column, frame=users):
    values = frame[column].str.split(r"[ |]", regex=True)
    exploded = values.explode().fillna("(none)").replace({"*": "(withheld)"})
    return exploded.value_counts()

fig, axes = plt.subplots(1, 3, figsize=(15, 5))
for ax, column in zip(axes, ["needs", "barriers", "languages"]):
    tally(column).plot.barh(ax=ax); ax.set_title(column); ax.invert_yaxis()
plt.tight_layout(); plt.close(fig)
protect(tally("needs").to_frame("respondents"))'''),
    ("code", '''zone = users["zone"].replace({"*": "(withheld)"})
needs_by_zone = users.assign(zone=zone, need=users["needs"].str.split()).explode("need")
table = pd.crosstab(needs_by_zone["need"], needs_by_zone["zone"], margins=True)
assert table.loc["All", "All"] > 0
protect(table)'''),
    ("code", '''requests = operators[[c for c in operators.columns if c.startswith("requests_")]]
totals = requests.apply(pd.to_numeric, errors="coerce").sum().rename(lambda c: c[len("requests_"):])
print(len(operators), "operator reports;", meta["withheld_operator_counts"], "counts withheld (below k)")
assert totals.sum() > 0, "no operator count published"
totals.sort_values(ascending=False).to_frame("requests (published counts)")'''),
])

for name, nb in {"coverage-overview.ipynb": coverage, "accessibility-check.ipynb": accessibility, "survey-overview.ipynb": survey}.items():
    (HERE / name).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

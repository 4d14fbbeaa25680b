"""Reference for the accessibility benchmark: PySAL `access` two_stage_fca, one Access per
category, with the cost table built by a k-d tree (great-circle km within max_cost).
Prints its own time (cost table + 2SFCA), and checks territorio's values (CSV) to 1e-9."""
import argparse
import csv
import math
import sys
import time

import numpy as np
import pandas as pd
from access import Access, weights
from scipy.spatial import cKDTree

R = 6371.0088


def xyz(lat, lon):
    lat, lon = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def haversine(lat1, lon1, lat2, lon2):
    p = np.pi / 180
    h = np.sin((lat2 - lat1) * p / 2) ** 2 + np.cos(lat1 * p) * np.cos(lat2 * p) * np.sin((lon2 - lon1) * p / 2) ** 2
    return 2 * R * np.arcsin(np.minimum(1, np.sqrt(h)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--municipalities", required=True, help="territorio export municipalities --format csv")
    ap.add_argument("--services", required=True)
    ap.add_argument("--max-cost", type=float, default=20)
    ap.add_argument("--sigma", type=float, default=10)
    ap.add_argument("--check", help="territorio's gap report CSV to compare with")
    args = ap.parse_args()
    m = pd.read_csv(args.municipalities, dtype={"code": str})
    m = m[m["in_consortium"] == True]  # noqa: E712
    s = pd.read_csv(args.services, dtype={"id": str, "municipality": str})
    s["capacity"] = s["capacity"].fillna(1.0)

    start = time.perf_counter()
    tree = cKDTree(xyz(s["lat"].values, s["lon"].values))
    chord = 2 * math.sin(args.max_cost / R / 2) * 1.000001
    neighbours = tree.query_ball_point(xyz(m["rep_lat"].values, m["rep_lon"].values), chord)
    o = np.repeat(np.arange(len(m)), [len(n) for n in neighbours])
    d = np.concatenate([np.array(n, dtype=int) for n in neighbours]) if len(o) else np.array([], dtype=int)
    cost = haversine(m["rep_lat"].values[o], m["rep_lon"].values[o], s["lat"].values[d], s["lon"].values[d])
    costs = pd.DataFrame({"origin": m["code"].values[o], "dest": s["id"].values[d], "cost": cost})
    costs = costs[costs["cost"] <= args.max_cost]
    results = {}
    demand = pd.DataFrame({"geoid": m["code"].values, "pop": m["population"].fillna(0).values})
    for category, group in s.groupby("categories"):
        supply = pd.DataFrame({"geoid": group["id"].values, "capacity": group["capacity"].values})
        A = Access(demand_df=demand, demand_index="geoid", demand_value="pop", supply_df=supply, supply_index="geoid",
                   supply_value="capacity", cost_df=costs[costs["dest"].isin(set(group["id"]))], cost_origin="origin",
                   cost_dest="dest", cost_name="cost")
        A.two_stage_fca(name="fca", max_cost=args.max_cost, weight_fn=weights.gaussian(args.sigma))
        results[category] = A.access_df["fca_capacity"]
    elapsed = time.perf_counter() - start
    print(f"pysal_seconds={elapsed:.3f}")

    if args.check:
        worst, compared = 0.0, 0
        with open(args.check, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for category, series in results.items():
                    theirs = series.get(row["istat_code"])
                    ours = row[f"{category}_access"]
                    if theirs is None or (isinstance(theirs, float) and math.isnan(theirs)):
                        if ours != "":
                            sys.exit(f"{category} {row['istat_code']}: territorio {ours}, PySAL none")
                        continue
                    worst = max(worst, abs(float(ours) - theirs) / abs(theirs) if theirs else abs(float(ours)))
                    compared += 1
        print(f"compared={compared} max_relative_difference={worst:.2e}")
        if worst > 1e-9:
            sys.exit("territorio and PySAL access disagree beyond 1e-9")


if __name__ == "__main__":
    main()

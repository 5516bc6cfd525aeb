#!/usr/bin/env python3
"""Regenerates Sources/ExerciseTaxonomy/Resources/crosswalks.json: the vocabularies (value lists
only) of the four public datasets in ../shared/corpus, each list ordered by how often the dataset
uses the value (most used first; ties alphabetically). The tool maps each value to a taxonomy id
with its matching rules, and each id back to the nearest value of each dataset.

Usage: scripts/make_crosswalks.py [SHARED_DIR]   (default ../shared)"""
import collections, json, os, sys

shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared")
corpus = os.path.join(shared, "corpus")
def load(*p): return json.load(open(os.path.join(corpus, *p), encoding="utf-8"))
def ordered(counter): return [v for v, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])) if v]

edb = load("exercisedb", "exercises.json")
fdb = load("free-exercise-db", "dist", "exercises.json")
ek = load("everkinetic", "dist", "exercises.json")
wm, we, wc = load("wger", "muscles.json"), load("wger", "equipment.json"), load("wger", "categories.json")
wbase = load("wger", "exercise-base-data.json")

def count(values): return collections.Counter(v.strip() for v in values if v and v.strip())
# wger: usage counts from the exercise base data where it links muscles/equipment/categories.
def wger_usage(field):
    c = collections.Counter()
    for row in wbase:
        v = row.get("fields", {}).get(field)
        for x in (v if isinstance(v, list) else [v]):
            if x is not None: c[x] += 1
    return c
mu, mu2, eu, cu = wger_usage("muscles"), wger_usage("muscles_secondary"), wger_usage("equipment"), wger_usage("category")
def wger_values(rows, usage, names):
    c = collections.Counter()
    for r in rows:
        for n in names:
            v = r["fields"].get(n)
            if v: c[v.strip()] += usage.get(r["pk"], 0) + 1
    return c

sources = {
    "exercisedb": {
        "body-part": ordered(count(x["body_part"] for x in edb)),
        "equipment": ordered(count(x["equipment"] for x in edb)),
        "muscle": ordered(count([x["target"] for x in edb] + [m for x in edb for m in x["secondary_muscles"]])),
    },
    "free-exercise-db": {
        "muscle": ordered(count([m for x in fdb for m in x["primaryMuscles"] + x["secondaryMuscles"]])),
        "equipment": ordered(count(x.get("equipment") for x in fdb)),
        "category": ordered(count(x.get("category") for x in fdb)),
        "difficulty": ordered(count(x.get("level") for x in fdb)),
    },
    "wger": {
        "muscle": ordered(wger_values(wm, collections.Counter({k: mu[k] + mu2[k] for k in set(mu) | set(mu2)}), ["name_en", "name"])),
        "equipment": ordered(wger_values(we, eu, ["name"])),
        "body-part": ordered(wger_values(wc, cu, ["name"])),
    },
    "everkinetic": {
        "muscle": ordered(count([m for x in ek for m in x["primary"] + x["secondary"]])),
        "equipment": ordered(count(m for x in ek for m in x["equipment"])),
    },
}
out = os.path.join(os.path.dirname(__file__), "..", "Sources", "ExerciseTaxonomy", "Resources", "crosswalks.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"version": 1, "sources": sources}, f, indent=2, ensure_ascii=False, sort_keys=True)
    f.write("\n")
print(out, {s: {k: len(v) for k, v in kinds.items()} for s, kinds in sources.items()})

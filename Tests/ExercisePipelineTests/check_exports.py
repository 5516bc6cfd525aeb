#!/usr/bin/env python3
"""Checks an output folder the way the receiving tools would read it:
- every JSON record (json/*.json, exercises.json, exercises.ndjson) validates against
  schema/exercise.schema.json (JSON Schema 2020-12) and the three agree record for record;
- free-exercise-db/exercises.json validates against ../shared/corpus/free-exercise-db/schema.json;
- exercises.csv (and the long tables) read back with Python's csv module and with pandas, decoded
  by datapackage.json's rules (list delimiters, JSON cells, the documented formula protection),
  give exactly the JSON records' values.
Prints one "ok ..." line per check; exits 1 with the first problems otherwise.
Usage: check_exports.py OUTPUT_DIR SHARED_DIR"""
import csv, glob, json, os, sys

import jsonschema
import pandas

out, shared = sys.argv[1], sys.argv[2]
problems = []

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)

schema = load(os.path.join(out, "schema", "exercise.schema.json"))
validator = jsonschema.Draft202012Validator(schema)
jsonschema.Draft202012Validator.check_schema(schema)
dataset = load(os.path.join(out, "exercises.json"))
records = {r["id"]: r for r in dataset}
per_file = [load(p) for p in sorted(glob.glob(os.path.join(out, "json", "*.json")))]
with open(os.path.join(out, "exercises.ndjson"), encoding="utf-8") as f:
    ndjson = [json.loads(line) for line in f]
for name, items in [("exercises.json", dataset), ("json/", per_file), ("exercises.ndjson", ndjson)]:
    for r in items:
        for e in validator.iter_errors(r):
            problems.append("%s %s: %s at %s" % (name, r.get("id"), e.message, list(e.path)))
by_id = lambda items: {r["id"]: r for r in items}
if by_id(per_file) != records or ndjson != dataset or len(per_file) != len(dataset):
    problems.append("json/, exercises.json and exercises.ndjson disagree")
print("ok json-schema: %d records x 3 files" % len(dataset))

fdb_schema = load(os.path.join(shared, "corpus", "free-exercise-db", "schema.json"))
fdb = load(os.path.join(out, "free-exercise-db", "exercises.json"))
fdb_validator = jsonschema.Draft4Validator(fdb_schema)
for r in fdb:
    for e in fdb_validator.iter_errors(r):
        problems.append("free-exercise-db %s: %s" % (r.get("id"), e.message))
    for key in ("primaryMuscles", "secondaryMuscles"):  # draft-04 tuple items check only the first
        allowed = fdb_schema["properties"][key]["items"][0]["enum"]
        problems += ["free-exercise-db %s: %s %r" % (r["id"], key, m) for m in r[key] if m not in allowed]
print("ok free-exercise-db schema: %d records" % len(fdb))

package = load(os.path.join(out, "datapackage.json"))
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
def unprotect(cell, protected):
    if protected and cell.startswith("'") and cell[1:2] in TRIGGERS or (protected and cell.startswith("''") and cell[2:3] in TRIGGERS):
        return cell[1:]
    return cell
def decode(field, cell, protected):
    if field["type"] == "list":
        return [unprotect(c, protected) for c in cell.split(field["delimiter"])] if cell else []
    cell = unprotect(cell, protected)
    if field["type"] in ("array", "object"):
        return json.loads(cell)
    if field["type"] == "integer":
        return int(cell)
    return cell

for resource in package["resources"]:
    path = os.path.join(out, resource["path"])
    fields = resource["schema"]["fields"]
    protected = "description" in resource
    encoding = "utf-8-sig" if resource["encoding"] == "utf-8-sig" else "utf-8"
    with open(path, newline="", encoding=encoding) as f:
        raw = f.read()
    if not raw.endswith("\r\n"):
        problems.append("%s: rows must end with CRLF" % resource["path"])
    rows = list(csv.reader(raw.splitlines(keepends=True)))
    header, body = rows[0], rows[1:]
    if header != [f["name"] for f in fields]:
        problems.append("%s: header %r != datapackage fields" % (resource["path"], header))
    frame = pandas.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
    if frame.values.tolist() != body:
        problems.append("%s: pandas and the csv module read different cells" % resource["path"])
    decoded = [{f["name"]: decode(f, cell, protected) for f, cell in zip(fields, row)} for row in body]
    if resource["name"] == "exercises":
        if len(decoded) != len(records):
            problems.append("exercises.csv: %d rows for %d records" % (len(decoded), len(records)))
        source = {"sourcePath": "path", "sourceFormat": "format", "sourceSha256": "sha256"}
        for row in decoded:
            rec = records[row["id"]]
            for f in fields:
                n = f["name"]
                want = rec["source"][source[n]] if n in source else rec.get(n, {} if f["type"] == "object" else ("" if f["type"] == "string" else []))
                if row[n] != want:
                    problems.append("exercises.csv %s.%s: %r != %r" % (row["id"], n, row[n], want))
    elif resource["name"] == "exercise_muscles":
        want = [{"exercise_id": r["id"], "muscle": m, "role": role} for r in dataset for role, key in (("primary", "primaryMuscles"), ("secondary", "secondaryMuscles"), ("stabilizer", "stabilizerMuscles")) for m in r[key]]
        if decoded != want: problems.append("exercise_muscles.csv differs from the records")
    elif resource["name"] == "exercise_equipment":
        if decoded != [{"exercise_id": r["id"], "equipment": e} for r in dataset for e in r["equipment"]]: problems.append("exercise_equipment.csv differs")
    elif resource["name"] == "exercise_body_parts":
        if decoded != [{"exercise_id": r["id"], "body_part": b} for r in dataset for b in r["bodyParts"]]: problems.append("exercise_body_parts.csv differs")
    elif resource["name"] == "exercise_steps":
        if decoded != [{"exercise_id": r["id"], "position": i + 1, "text": s} for r in dataset for i, s in enumerate(r["steps"])]: problems.append("exercise_steps.csv differs")
    else:
        problems.append("%s: a table this checker does not know" % resource["name"])
    print("ok csv %s: %d rows (csv module and pandas)" % (resource["path"], len(body)))

if problems:
    print("\n".join(problems[:40]))
    sys.exit(1)

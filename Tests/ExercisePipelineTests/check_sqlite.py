#!/usr/bin/env python3
"""Checks an `sqlite` export the way a consumer reads it, with Python's own sqlite3 module:
- PRAGMA integrity_check is ok and PRAGMA foreign_key_check finds nothing;
- PRAGMA user_version is the records' schemaVersion as MAJOR * 1000 + MINOR;
- every record of the json-dataset file, rebuilt from the tables (the exercises row, every list
  table in position order, muscles by role, attributes, unknown terms), equals that record
  exactly, and the database holds no other exercise;
- the taxonomy tables hold exactly taxonomy.json's terms, when that file is given;
- each exercise is found by a full-text search for its name, and each --match QUERY=ID finds
  ID first.
Prints one "ok ..." line per check; exits 1 with the problems otherwise.
Usage: check_sqlite.py DATABASE EXERCISES_JSON [--taxonomy TAXONOMY_JSON] [--match QUERY=ID ...]"""
import json, sqlite3, sys

args = sys.argv[1:]
database, dataset_path = args[0], args[1]
taxonomy_path = args[args.index("--taxonomy") + 1] if "--taxonomy" in args else None
matches = [args[i + 1].split("=", 1) for i, a in enumerate(args) if a == "--match"]
problems = []

with open(dataset_path, encoding="utf-8") as f:
    records = json.load(f)
db = sqlite3.connect("file:%s?mode=ro" % database, uri=True)
q = lambda sql, *p: db.execute(sql, p).fetchall()

# The file as a whole.
if q("PRAGMA integrity_check") != [("ok",)]:
    problems.append("integrity_check: %r" % q("PRAGMA integrity_check"))
if q("PRAGMA foreign_key_check"):
    problems.append("foreign_key_check: %r" % q("PRAGMA foreign_key_check")[:5])
versions = {r["schemaVersion"] for r in records} or {"1.1"}
major, minor = map(int, versions.pop().split("."))
if q("PRAGMA user_version")[0][0] != major * 1000 + minor:
    problems.append("user_version %r for schemaVersion %d.%d" % (q("PRAGMA user_version"), major, minor))
print("ok integrity, foreign keys, user_version %d" % q("PRAGMA user_version")[0][0])

# Every record, rebuilt from the tables.
def rows(table, exercise, columns, order="position"):
    return q("SELECT %s FROM %s WHERE exercise_id = ? ORDER BY %s" % (columns, table, order), exercise)

def optional(pairs):
    return {k: v for k, v in pairs if v is not None}

def rebuild(row):
    (id, schema_version, name, summary, difficulty, category, path, fmt, sha, fragment, position) = row
    r = optional([("schemaVersion", schema_version), ("id", id), ("name", name), ("summary", summary),
                  ("difficulty", difficulty), ("category", category)])
    for role, key in (("primary", "primaryMuscles"), ("secondary", "secondaryMuscles"), ("stabilizer", "stabilizerMuscles")):
        r[key] = [m for (m,) in q("SELECT muscle FROM exercise_muscles WHERE exercise_id = ? AND role = ? ORDER BY position", id, role)]
    r["equipment"] = [e for (e,) in rows("exercise_equipment", id, "equipment")]
    r["bodyParts"] = [b for (b,) in rows("exercise_body_parts", id, "body_part")]
    for key in ("steps", "tips", "mistakes"):
        r[key] = [t for (t,) in rows("exercise_" + key, id, "text")]
    r["faq"] = [{"question": a, "answer": b} for a, b in rows("exercise_faq", id, "question, answer")]
    r["related"] = [{"title": a, "url": b} for a, b in rows("exercise_related", id, "title, url")]
    r["variations"] = [optional([("title", a), ("url", b)]) for a, b in rows("exercise_variations", id, "title, url")]
    r["media"] = [optional([("url", a), ("kind", b), ("caption", c)]) for a, b, c in rows("exercise_media", id, "url, kind, caption")]
    attributes = dict(rows("exercise_attributes", id, "key, value", order="key"))
    if attributes:
        r["attributes"] = attributes
    unknown = {}
    for field, term in rows("exercise_unknown_terms", id, "field, term", order="field, position"):
        unknown.setdefault(field, []).append(term)
    if unknown:
        r["unknownTerms"] = unknown
    r["source"] = optional([("path", path), ("format", fmt), ("sha256", sha), ("fragment", fragment), ("position", position)])
    return r

stored = q("SELECT id, schema_version, name, summary, difficulty, category, source_path, source_format, "
           "source_sha256, source_fragment, source_position FROM exercises ORDER BY id")
by_id = {row[0]: rebuild(row) for row in stored}
if [r["id"] for r in records] != [row[0] for row in stored]:
    problems.append("exercises holds %d rows for %d records (or another order)" % (len(stored), len(records)))
for record in records:
    rebuilt = by_id.get(record["id"])
    if rebuilt != record:
        keys = sorted(k for k in set(record) | set(rebuilt or {}) if (rebuilt or {}).get(k) != record.get(k))
        problems.append("%s differs from exercises.json in %s" % (record["id"], keys))
print("ok records: %d rebuilt from the tables equal exercises.json" % len(records))

# The taxonomy tables against the taxonomy in force.
if taxonomy_path:
    with open(taxonomy_path, encoding="utf-8") as f:
        taxonomy = json.load(f)
    for table, kind in (("muscles", "muscle"), ("equipment", "equipment"), ("body_parts", "body-part")):
        expected = sorted((t["id"], t["name"], t.get("parent")) for t in taxonomy[kind]["terms"])
        if sorted(q("SELECT id, name, parent FROM %s" % table)) != expected:
            problems.append("%s differs from taxonomy.json %s" % (table, kind))
    print("ok taxonomy tables equal taxonomy.json")

# Full-text search: every exercise by its name (as a phrase), and the asked-for matches.
def search(query):
    return [i for (i,) in q("SELECT id FROM exercises_fts WHERE exercises_fts MATCH ? ORDER BY rank", query)]
for record in records:
    # A phrase query; FTS5 reads the query as a C string, so a NUL in a name would end it.
    if record["id"] not in search('"%s"' % record["name"].replace('"', '""').replace("\0", " ")):
        problems.append("full-text search for the name of %s does not find it" % record["id"])
for query, expected in matches:
    found = search(query)
    if found[:1] != [expected]:
        problems.append("MATCH %r gives %r, expected %s first" % (query, found[:5], expected))
print("ok full-text search: %d names, %d queries" % (len(records), len(matches)))

if problems:
    print("\n".join(problems[:40]))
    sys.exit(1)

#!/usr/bin/env python3
"""Builds the HTML benchmark corpus: every non-empty English wger description (real CMS HTML)
wrapped in a site page (chrome around a <main>), one file per exercise, so the pipeline does the
whole job real pages ask for: charset, chrome stripping, content detection, extraction, export.

Usage: make_html_corpus.py SHARED_DIR OUT_DIR  (prints the number of pages written)"""
import html, json, os, sys

shared, out = sys.argv[1], sys.argv[2]
template_path = os.path.join(os.path.dirname(__file__), "..", "Tests", "ExercisePipelineTests", "Fixtures", "site-page.html")
template = open(template_path, encoding="utf-8").read()
rows = json.load(open(os.path.join(shared, "corpus", "wger", "translations.json"), encoding="utf-8"))
os.makedirs(out, exist_ok=True)
count = 0
for row in rows:
    f = row["fields"]
    if row["model"] != "exercises.translation" or f.get("language") != 2 or not (f.get("description") or "").strip():
        continue
    body = "<article><h1>%s</h1>\n%s</article>" % (html.escape(f["name"]), f["description"])
    with open(os.path.join(out, "wger-%05d.html" % row["pk"]), "w", encoding="utf-8") as page:
        page.write(template.replace("<!--CONTENT-->", body))
    count += 1
print(count)

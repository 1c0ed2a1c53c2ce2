#!/usr/bin/env python3
"""Drafts NAME.expected.json beside each paper from `papers extract` output.

A draft is NOT a golden file until a person has checked every value against the source
paper and corrected it; golden_test compares extraction with the checked file. Keep only the
fields the golden test compares (see FIELDS)."""
import json, subprocess, sys

FIELDS = ["title", "body", "organisation", "meeting_date", "report_date", "agenda_item", "author", "classification"]

def expected_of(record):
    e = {k: record[k] for k in FIELDS}
    e["recommendations"] = [{"number": r["number"], "text": r["text"], "page": r["page"]} for r in record["recommendations"]]
    e["decisions"] = [{"number": d["number"], "text": d["text"], "page": d["page"]} for d in record["decisions"]]
    e["contacts"] = [{k: c[k] for k in ("name", "role", "email", "phone")} for c in record["contacts"]]
    e["legal_references"] = [{k: l[k] for k in ("text", "act", "section", "page")} for l in record["legal_references"]]
    e["dates"] = [{k: d[k] for k in ("text", "kind", "start", "end", "page")} for d in record["dates"]]
    e["links"] = [l["url"] for l in record["links"]]
    e["sections"] = [{"number": s["number"], "heading": s["heading"],
                      "paragraphs": [p["number"] for p in s["paragraphs"]]} for s in record["sections"]]
    return e

if __name__ == "__main__":
    papers = sys.argv[1]
    for path in sys.argv[2:]:
        out = subprocess.run([papers, "extract", path], capture_output=True, text=True, check=True).stdout
        stem = path.rsplit(".", 1)[0]
        with open(stem + ".expected.json", "w") as f:
            json.dump(expected_of(json.loads(out)), f, indent=1, ensure_ascii=False)
            f.write("\n")

#!/usr/bin/env python3
"""Formats `papers eval --json` (stdin) as a Markdown section of corpus/FIRST_LOOK.md.
Used by scripts/first-look.sh; environment: BATCH, COMMIT, DATE."""
import json
import os
import sys

r = json.load(sys.stdin)
env = os.environ
o = r["overall"]
print(f"## Batch {env['BATCH']}: {r['papers']} papers, scored {env['DATE']} at {env['COMMIT']}")
print()
print(f"First look: overall F1 **{o['f1']:.3f}** ({o['tp']} tp, {o['fp']} fp, {o['fn']} fn); {len(r['failed'])} failed.")
print()
print("| field | tp | fp | fn | precision | recall | F1 |")
print("|---|---|---|---|---|---|---|")
for name, s in r["fields"].items():
    if s["tp"] + s["fp"] + s["fn"] == 0:
        continue
    print(f"| {name} | {s['tp']} | {s['fp']} | {s['fn']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")
print()
print("| publisher | papers | F1 |")
print("|---|---|---|")
for name, s in sorted(r["publishers"].items(), key=lambda kv: kv[1]["f1"]):
    print(f"| {name} | {s['papers']} | {s['f1']:.3f} |")
print()

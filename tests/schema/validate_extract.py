#!/usr/bin/python3
"""Validates `papers extract` output for every paper under a folder against the JSON Schema.
Usage: validate_extract.py PAPERS SCHEMA CORPUS_DIR. Exits non-zero on the first invalid record."""
import json, pathlib, subprocess, sys
import jsonschema

papers, schema_path, corpus = sys.argv[1:4]
schema = json.load(open(schema_path))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
count = 0
for path in sorted(pathlib.Path(corpus).rglob("*")):
    if path.suffix not in (".pdf", ".txt") or "sources" in path.parts:
        continue
    out = subprocess.run([papers, "extract", str(path)], capture_output=True, text=True, check=True).stdout
    errors = sorted(validator.iter_errors(json.loads(out)), key=str)
    if errors:
        print(f"{path}: {errors[0].message} at {list(errors[0].absolute_path)}")
        sys.exit(1)
    count += 1
if count < 20:
    print(f"only {count} papers validated")
    sys.exit(1)
print(f"{count} passed, 0 failed")

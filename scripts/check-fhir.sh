#!/usr/bin/env bash
# Validates the demo clinic's FHIR export with an independent validator: the R4B models
# of the Python package fhir.resources (pydantic), which check every element's name,
# type, cardinality and value pattern (a dateTime with a time must carry a UTC offset).
# Installs the package from PyPI when missing and running as root; otherwise skips,
# saying what to install. Any validation error fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGE="fhir.resources==8.3.0"
if ! python3 -c "import fhir.resources.R4B.bundle" 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v pip3 >/dev/null; then
        pip3 install --quiet --disable-pip-version-check --root-user-action=ignore "$PACKAGE"
    else
        echo "check-fhir: SKIPPED: the independent FHIR validator is not installed; run: pip3 install '$PACKAGE'"
        exit 0
    fi
fi
BIN="${KETAPLAN_BIN:-.build/debug/ketaplan}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BIN" demo --data "$WORK/data" --today 2026-11-26 >/dev/null
"$BIN" clinic set --time-zone Europe/London --data "$WORK/data" >/dev/null
"$BIN" export --all --format fhir --data "$WORK/data" --today 2026-11-26 >"$WORK/bundle.json"
python3 - "$WORK/bundle.json" <<'PY'
import json, sys
from pydantic import ValidationError
from fhir.resources.R4B.bundle import Bundle
data = json.load(open(sys.argv[1]))
try:
    Bundle.model_validate(data)
except ValidationError as e:
    print(f"check-fhir: FAILED: {len(e.errors())} errors in the demo clinic's FHIR Bundle")
    print(str(e)[:4000])
    sys.exit(1)
print(f"check-fhir: the demo clinic's FHIR Bundle ({len(data['entry'])} resources) is valid FHIR R4B (fhir.resources)")
PY

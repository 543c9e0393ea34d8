#!/usr/bin/env bash
# Validates protocol/openapi.yaml as an OpenAPI 3.1 document with openapi-spec-validator,
# installing it with pip (quietly, for this user) if it is missing. Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
spec=protocol/openapi.yaml

if ! "$PYTHON" -c 'import openapi_spec_validator' >/dev/null 2>&1; then
    echo "check-openapi: installing openapi-spec-validator" >&2
    "$PYTHON" -m pip install --quiet --disable-pip-version-check openapi-spec-validator >/dev/null \
        || "$PYTHON" -m pip install --quiet --disable-pip-version-check --user openapi-spec-validator >/dev/null
fi

"$PYTHON" - "$spec" <<'PY'
import sys
from openapi_spec_validator import OpenAPIV31SpecValidator
from openapi_spec_validator.readers import read_from_filename

path = sys.argv[1]
spec, base_uri = read_from_filename(path)
if not str(spec.get("openapi", "")).startswith("3.1"):
    sys.exit(f"check-openapi: {path} must declare openapi 3.1.x, not {spec.get('openapi')!r}")
errors = list(OpenAPIV31SpecValidator(spec, base_uri=base_uri).iter_errors())
for error in errors:
    where = "/".join(str(part) for part in error.path) or "(root)"
    print(f"check-openapi: {path}: {where}: {error.message}", file=sys.stderr)
if errors:
    sys.exit(f"check-openapi: {len(errors)} error(s)")
print(f"check-openapi: {path} is a valid OpenAPI {spec['openapi']} document")
PY

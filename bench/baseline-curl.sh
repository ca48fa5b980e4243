#!/usr/bin/env bash
# What users write by hand in a workflow step: read the status, send the cancel, with curl.
set -euo pipefail
environment="${QOVERY_API_URL%/}/environment/$QOVERY_ENVIRONMENT_ID"
curl -fsS -H "Authorization: Token $QOVERY_API_TOKEN" "$environment/status" > /dev/null
curl -sS -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Token $QOVERY_API_TOKEN" \
  -H 'Content-Type: application/json' -d '{"force_cancel": false}' "$environment/cancelDeployment"

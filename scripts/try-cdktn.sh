#!/usr/bin/env bash
# Tries the exit path from CDKTF (archived by HashiCorp on 2025-12-10) to its fork,
# CDK Terrain (`cdktn`): in a scratch copy of this checkout, swaps the packages and the
# imports, synthesizes every built-in stack, and diffs each stack's JSON against ours.
# Run by hand (it installs from the npm registry, a minute or two); not part of
# `npm test`. Leaves nothing behind but what it prints; the scratch copy is removed.
#
#   bash scripts/try-cdktn.sh            # the versions below
#   CDKTN_VERSION=0.24.0 CDKTN_AWS_VERSION=25.7.0 bash scripts/try-cdktn.sh
set -euo pipefail

CDKTN_VERSION="${CDKTN_VERSION:-0.24.0}"
CDKTN_AWS_VERSION="${CDKTN_AWS_VERSION:-25.7.0}"
# cdktn 0.24 wants constructs >= 10.6 (we pin 10.4.2).
CONSTRUCTS_VERSION="${CONSTRUCTS_VERSION:-10.6.0}"

root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/try-cdktn-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

echo "Our synth (cdktf 0.21.0) ..."
(cd "$root" && node scripts/run-ts.cjs main.ts >/dev/null)
mkdir -p "$scratch/ours" && cp -R "$root/cdktf.out/stacks" "$scratch/ours/"

echo "A copy with cdktn $CDKTN_VERSION and @cdktn/provider-aws $CDKTN_AWS_VERSION ..."
mkdir -p "$scratch/copy"
(cd "$root" && git ls-files -z | xargs -0 -I{} cp --parents {} "$scratch/copy/")
cd "$scratch/copy"
# Imports: the package names are the only change the fork asks for.
grep -rlE '"cdktf"|"cdktf/|@cdktf/provider-aws' --include='*.ts' --include='*.cjs' . | grep -v node_modules |
  xargs sed -i -e 's#"cdktf"#"cdktn"#g' -e 's#"cdktf/#"cdktn/#g' -e 's#@cdktf/provider-aws#@cdktn/provider-aws#g'
npm pkg delete dependencies.cdktf dependencies.cdktf-cli dependencies.@cdktf/provider-aws >/dev/null
npm install --no-audit --no-fund --silent "cdktn@$CDKTN_VERSION" "@cdktn/provider-aws@$CDKTN_AWS_VERSION" "constructs@$CONSTRUCTS_VERSION" >/dev/null
node scripts/run-ts.cjs main.ts >/dev/null

# A stack's JSON with its keys sorted, one value a line, so a diff shows what changed.
normalize() {
  node -e 'const s=(o)=>Array.isArray(o)?o.map(s):o&&typeof o==="object"?Object.fromEntries(Object.keys(o).sort().map(k=>[k,s(o[k])])):o;console.log(JSON.stringify(s(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"))),null,1))' "$1"
}

echo
echo "Differences per stack (JSON with sorted keys):"
same=0
different=0
for ours in "$scratch"/ours/stacks/*/cdk.tf.json; do
  stack="$(basename "$(dirname "$ours")")"
  theirs="$scratch/copy/cdktf.out/stacks/$stack/cdk.tf.json"
  if [ ! -f "$theirs" ]; then
    echo "  $stack: missing from the cdktn synth"
    different=$((different + 1))
  elif diff -q <(normalize "$ours") <(normalize "$theirs") >/dev/null; then
    same=$((same + 1))
  else
    different=$((different + 1))
    echo "  $stack:"
    diff <(normalize "$ours") <(normalize "$theirs") | sed 's/^/    /' | head -40 || true
  fi
done
echo
echo "$same stacks identical, $different different."

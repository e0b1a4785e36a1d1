#!/usr/bin/env bash
# Runs the test suite under another Node.js major (default 22), in a separate install so that
# native modules (better-sqlite3) are built for that Node. Node comes from the npm registry's
# node-<platform>-<arch> package, which ships the binary and the headers node-gyp builds against.
#
#   npm run test:node22                 # the working tree (tracked and untracked, not ignored files)
#   scripts/test-on-node.sh 24 -- --selectProjects unit
set -euo pipefail

major="${1:-22}"
shift || true
[ "${1:-}" = "--" ] && shift
[[ "$major" =~ ^[0-9]+$ ]] || { echo "usage: $0 [major] [-- jest args]" >&2; exit 2; }

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${SWITCHYARD_NODE_TEST_DIR:-${TMPDIR:-/tmp}/switchyard-node$major}"
platform="$(node -p 'process.platform + "-" + process.arch')"

# 1. That Node, with headers, unpacked once per version.
version="$(npm view "node-$platform@$major" version | tail -n 1 | sed -E "s/.*'([^']+)'.*/\1/")"
[ -n "$version" ] || { echo "no node-$platform@$major on the npm registry" >&2; exit 1; }
toolchain="$work/node-$version"
if [ ! -x "$toolchain/bin/node" ]; then
  echo "fetching node-$platform@$version ..."
  rm -rf "$toolchain" && mkdir -p "$toolchain"
  (cd "$toolchain" && npm pack --silent "node-$platform@$version" >/dev/null &&
    tar xzf ./*.tgz --strip-components=1 && rm ./*.tgz)
fi

# 2. A copy of the working tree, installed and built by that Node.
project="$work/project"
rm -rf "$project" && mkdir -p "$project"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard |
  xargs -0 tar cf - --ignore-failed-read 2>/dev/null) | (cd "$project" && tar xf -)
export PATH="$toolchain/bin:$PATH" npm_config_nodedir="$toolchain"
export CDK_DISABLE_CLI_TELEMETRY=true CDK_DISABLE_VERSION_CHECK=1
cd "$project"
echo "node $(node --version) in $project"
npm ci --no-audit --no-fund
npm test -- "$@"

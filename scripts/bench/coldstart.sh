#!/usr/bin/env bash
# Cold start of `pcsh -c "return 1"` against Debian's lua5.4 in the same
# run, timed by hyperfine (Debian package hyperfine): prints both medians
# and the ratio. Targets: median <= 20 ms and <= 15x lua5.4.
set -euo pipefail
bin=${1:-bin/pcsh}
runs=${RUNS:-100}
for tool in hyperfine lua5.4; do
	command -v "$tool" >/dev/null || { echo "coldstart: $tool is not installed (apt-get install -y $tool)"; exit 1; }
done
json=$(mktemp)
trap 'rm -f "$json"' EXIT
hyperfine -N --warmup 5 --runs "$runs" --export-json "$json" \
	"$bin -c 'return 1'" "lua5.4 -e 'return 1'" >/dev/null
python3 - "$json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
pcsh, lua = (x["median"] * 1000 for x in r)
print(f"cold start pcsh -c 'return 1': median {pcsh:.2f} ms (target <= 20 ms)")
print(f"cold start lua5.4 -e 'return 1': median {lua:.2f} ms")
print(f"ratio pcsh/lua5.4: {pcsh / lua:.1f}x (target <= 15x)")
PY

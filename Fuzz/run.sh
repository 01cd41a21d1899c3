#!/usr/bin/env bash
# Builds the libFuzzer target (the text and HTML readers, the table readers, the whole pipeline after
# them) with the fuzzer and address sanitizers, writes the seed corpus from Corpus/, and fuzzes.
#
#   Fuzz/run.sh                 # 10 minutes
#   Fuzz/run.sh 3600 -jobs=2    # an hour, two processes; further arguments go to libFuzzer
#
# New interesting inputs collect in Fuzz/corpus, crashes, timeouts and out-of-memory inputs in
# Fuzz/artifacts (crash-*, timeout-*, oom-*, slow-unit-*). Replay one: Fuzz/.build/debug/NianbaoFuzz FILE
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
shift || true

swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product NianbaoFuzz 2>&1 \
  | grep -v "Cannot export local symbol" | tail -n 3
python3 ../Scripts/fuzz_seeds.py seeds
mkdir -p corpus artifacts
# Swift's runtime keeps some allocations for the process's lifetime: no leak report at exit.
export ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}"
exec .build/debug/NianbaoFuzz corpus seeds -dict=nianbao.dict -max_total_time="$seconds" -timeout=30 \
  -rss_limit_mb=2048 -report_slow_units=5 -artifact_prefix=artifacts/ -print_final_stats=1 "$@"

#!/usr/bin/env bash
# Roofline ceilings side by side in one run (BENCHMARKS.md, "Roofline ceilings"):
#   C STREAM triad (bench/stream.c, gcc -O3 -march=native -fopenmp)
#   OpenBLAS SGEMM 4096 (bench/sgemm.c, libopenblas)
#   Assay's full roofline (Vector API STREAM triad, vector FMA, ONNX Runtime GEMM), fresh, not cached
# Usage: bench/roofline-bench.sh [threads]   (default: all logical CPUs). Needs gcc and libopenblas-dev.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
T="${1:-$(nproc)}"
OUT="$(mktemp -d)"
echo "== date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "== machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) logical CPUs, $(free -g | awk '/Mem:/{print $2}') GiB"
echo "== virtualisation: $(systemd-detect-virt 2>/dev/null || grep -m1 -o hypervisor /proc/cpuinfo || echo none)"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== steering environment:"; env | grep -E '^(OPENBLAS_|OMP_|MKL_|GOTO|KMP_|DNNL_|ORT_)' | sort || echo "   (none set)"
gcc --version | head -1
gcc -O3 -march=native -fopenmp -o "$OUT/stream" "$ROOT/bench/stream.c"
gcc -O3 -march=native -o "$OUT/sgemm" "$ROOT/bench/sgemm.c" -lopenblas
echo "== C STREAM ($T threads)"
OMP_NUM_THREADS="$T" "$OUT/stream"
echo "== OpenBLAS SGEMM 4096 ($T threads)"
OPENBLAS_NUM_THREADS="$T" "$OUT/sgemm" 4096 5
echo "== assay roofline --json --fresh (full)"
(cd "$ROOT" && ./assay roofline --json --fresh --cache-dir "$OUT/cache") > "$OUT/roofline.json"
python3 - "$OUT/roofline.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("assay best triad GB/s:", round(r["bandwidth_gbs"], 2))
for k in r["bandwidth"]["kernels"]:
    print("  %-5s threads %d: %.2f GB/s" % (k["kernel"], k["threads"], k["gbs"]))
for c in r["ceilings"]:
    v = "%.1f" % c["gflops"] if c["gflops"] is not None else "not measured: " + c["reason"]
    print("  %-5s %-22s %s  [%s]" % (c["precision"], c["runtime"], v, c.get("method", "")))
print("isa peak:", {p: e["value"] for p, e in r["isa_peak_gflops"].items()})
print("warnings:", r["warnings"])
PY
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$OUT"

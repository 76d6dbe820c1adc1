"""Every workload under python3 and under heaplab, in one run.

Runs each workload of this directory under `python3` and under `heaplab run` (the
release build, pymalloc unless --allocator is given), alternating, ROUNDS times,
and prints the best wall time and the peak resident memory of each, with the
ratios heaplab / python3 (below 1: heaplab is faster or smaller). Each run's
stdout is compared with python3's first, so a wrong answer cannot pass as fast.

    python3 experiments/workloads/compare.py [ROUNDS] [--allocator NAME]
"""
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
ROUNDS = int(ARGS[0]) if ARGS else 3
ALLOCATOR = "pymalloc"
if "--allocator" in sys.argv:
    ALLOCATOR = sys.argv[sys.argv.index("--allocator") + 1]
    if ALLOCATOR in ARGS:
        ARGS.remove(ALLOCATOR)

WORKLOADS = sorted(f for f in os.listdir(HERE) if f.endswith(".py") and f != "compare.py")

subprocess.run(["cargo", "build", "--quiet", "--release"], cwd=ROOT, check=True)
HEAPLAB = os.path.join(ROOT, "target", "release", "heaplab")


# Peak RSS: GNU time's %M when it is installed. os.wait4's ru_maxrss would do
# otherwise, but Linux carries a process's high-water mark across exec, so a child
# forked from this script starts at this script's own RSS (about 14 MB) and no smaller
# figure could show.
GNU_TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None
if GNU_TIME is None:
    print("note: /usr/bin/time not found; peak RSS figures are floored at this "
          "script's own RSS", file=sys.stderr)


def measure(cmd):
    """Run cmd; return (seconds, peak RSS in KB, stdout)."""
    rss_file = os.path.join(HERE, ".compare-rss")
    if GNU_TIME:
        cmd = [GNU_TIME, "-f", "%M", "-o", rss_file] + cmd
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=HERE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed with status {proc.returncode}")
    rss = usage.ru_maxrss
    if GNU_TIME:
        with open(rss_file) as f:
            rss = int(f.read().split()[-1])
        os.remove(rss_file)
    return elapsed, rss, out


print(f"{'workload':24} {'python3 s':>10} {'heaplab s':>10} {'time x':>7} "
      f"{'python3 MB':>11} {'heaplab MB':>11} {'RSS x':>6}")
for w in WORKLOADS:
    best = {"python3": (float("inf"), 0), "heaplab": (float("inf"), 0)}
    expected = None
    for _ in range(ROUNDS):
        for name, cmd in [("python3", [sys.executable, w]),
                          ("heaplab", [HEAPLAB, "run", w, "--allocator", ALLOCATOR])]:
            t, rss, out = measure(cmd)
            if expected is None:
                expected = out
            elif out != expected:
                sys.exit(f"{w}: heaplab's output differs from python3's")
            bt, brss = best[name]
            best[name] = (min(bt, t), rss if brss == 0 else min(brss, rss))
    (pt, prss), (ht, hrss) = best["python3"], best["heaplab"]
    print(f"{w:24} {pt:10.3f} {ht:10.3f} {ht / pt:7.2f} "
          f"{prss / 1024:11.1f} {hrss / 1024:11.1f} {hrss / prss:6.2f}")

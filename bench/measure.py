#!/usr/bin/python3
"""Time whole processes from exec: run a command RUNS times and print the
median, min and max wall time (seconds) and the largest peak RSS (MiB),
taken from the kernel's accounting of the child (wait4), so start-up,
linking, opening the database and exit all count. Output is discarded.

usage: measure.py RUNS COMMAND [ARGS...]
prints: median min max rss_mib cpu (the median of user + system seconds:
on a busy machine the wall time includes waiting for a core, this not)"""
import os
import statistics
import subprocess
import sys
import time

runs, cmd = int(sys.argv[1]), sys.argv[2:]
walls, cpus, rss = [], [], 0
for _ in range(runs):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    walls.append(time.perf_counter() - t0)
    rss = max(rss, usage.ru_maxrss)
    cpus.append(usage.ru_utime + usage.ru_stime)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"measure.py: {' '.join(cmd)} failed (exit {os.waitstatus_to_exitcode(status)})")
print(f"{statistics.median(walls):.3f} {min(walls):.3f} {max(walls):.3f} {rss / 1024:.1f} {statistics.median(cpus):.3f}")

"""Run one command pinned to one core and report its wall time, CPU time and peak memory, as JSON.

    python -m tests.bench.measure -- CMD ARGS…

A process of its own per command, so that the rusage of its children is that command's peak and
CPU time and nothing else's (the benchmark's own is not counted). The CPU time (user + system) is
steadier than the wall time on a shared machine, whose disk and neighbours vary from run to run.
The disk is synced before the clock starts, so that the command's time holds no flushing of files
written before it.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    command = argv[argv.index("--") + 1:] if "--" in argv else argv
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # the targets are for one core
    # The generator syncs the disk before it moves its files into place: what the benchmark itself
    # wrote just before (the synthetic archive, the project copy, a site build) is flushed first,
    # untimed, so that the sync costs the command only its own files.
    os.sync()
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
                      "peak_mb": usage.ru_maxrss / 1024, "returncode": done.returncode,
                      "stdout": done.stdout, "stderr": done.stderr}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

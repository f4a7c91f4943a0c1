"""Facts about this machine and processes on it: cores, load, peak memory, torch threads."""

from __future__ import annotations

import os
import platform
import resource
from pathlib import Path

KIB = 1024
MB = 1_000_000


def machine() -> str:
    """'2 cores, 24 GiB, Linux …, Python 3.11.7'."""
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    system = f"{platform.system()} {platform.release()}"
    return f"{os.cpu_count()} cores, {mem:.0f} GiB, {system}, Python {platform.python_version()}"


def loadavg() -> str:
    """The 1, 5 and 15 minute load averages ('?' where /proc is missing)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def torch_threads(n: int) -> None:
    """Set torch's intra-op threads (a process-wide setting each Embedder sets only when it loads)."""
    import torch

    torch.set_num_threads(n)


def children_maxrss_mb() -> float:
    """Peak RSS of the largest waited-for child process so far, in MB (10^6 bytes)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * KIB / MB


def vm_rss_mb(pid: int | str = "self") -> float | None:
    """Current resident set size (VmRSS) of a process in MB (10^6 bytes); None where unavailable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * KIB / MB
    except OSError:
        return None
    return None


def vm_hwm_mb(pid: int | str = "self") -> float | None:
    """Peak resident set size (VmHWM) of a process in MB (10^6 bytes), from /proc; None where unavailable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * KIB / MB
    except OSError:
        return None
    return None

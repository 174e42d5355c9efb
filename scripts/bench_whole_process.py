#!/usr/bin/env python3
"""Whole-process load time of tbx (a benchmark, not a test).

Starts `tbx --logdir LOGDIR` on a free loopback port, polls /data/status until the first full load
is done, and prints the wall time since the process started and its peak resident memory.

Usage: bench_whole_process.py path/to/tbx LOGDIR
"""
import json
import socket
import subprocess
import sys
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    tbx, logdir = sys.argv[1], sys.argv[2]
    port = free_port()
    started = time.time()
    proc = subprocess.Popen([tbx, "--logdir", logdir, "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if proc.poll() is not None:
                sys.exit(f"tbx exited with {proc.returncode}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/data/status") as r:
                    if json.load(r).get("first_load_done"):
                        break
            except OSError:
                pass
            if time.time() - started > 600:
                sys.exit("not loaded within 600 s")
            time.sleep(0.01)
        loaded = time.time() - started
        with open(f"/proc/{proc.pid}/status") as f:
            memory = {k: v.strip() for k, v in (line.split(":", 1) for line in f)}
        print(f"start -> fully loaded: {loaded:.3f} s; peak RSS (VmHWM) {memory['VmHWM']}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Start the Java kernel many times in a row and check that every start works.

Each start: launch the kernel from its kernelspec (JUPYTER_PATH is honoured), send kernel_info
until it is answered, run `1+1` and check that the result is 2, ask the kernel to shut down and
check that the process exits by itself. Prints one line per start and a summary (starts, hangs,
median/max time to ready, median first `1+1`); exits 1 on any hang or error.

    /usr/bin/python3 kernel/stress.py --starts 50 --kernel scalinglab-java
"""
import argparse
import statistics
import sys
import time
from queue import Empty

from jupyter_client.manager import KernelManager


class StartFailed(Exception):
    def __init__(self, kind, what):
        super().__init__(what)
        self.kind = kind  # "hang" or "error"


def wait_reply(kc, msg_id, deadline, channel="shell"):
    """The reply to msg_id on the shell (or control) channel, or None when the deadline passes."""
    get = kc.get_control_msg if channel == "control" else kc.get_shell_msg
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        try:
            msg = get(timeout=min(left, 0.25))
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def wait_ready(kc, km, deadline):
    """Sends kernel_info until one is answered; returns the reply."""
    while time.monotonic() < deadline:
        if not km.is_alive():
            raise StartFailed("error", "the kernel process exited during start-up")
        msg_id = kc.kernel_info()
        reply = wait_reply(kc, msg_id, min(deadline, time.monotonic() + 0.5))
        if reply is not None:
            return reply
    raise StartFailed("hang", "kernel_info was never answered")


def run_cell(kc, code, deadline):
    """Executes code; returns (reply, outputs) once the kernel is idle again."""
    msg_id = kc.execute(code)
    outputs = []
    idle = False
    while not idle:
        left = deadline - time.monotonic()
        if left <= 0:
            raise StartFailed("hang", f"no idle status after executing {code!r}")
        try:
            msg = kc.get_iopub_msg(timeout=min(left, 0.25))
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            idle = True
        elif kind in ("execute_result", "display_data", "stream", "error"):
            outputs.append(msg)
    reply = wait_reply(kc, msg_id, deadline)
    if reply is None:
        raise StartFailed("hang", f"no execute_reply for {code!r}")
    return reply, outputs


def one_start(kernel, timeout):
    """Returns (ready_s, first_cell_s, shutdown_s)."""
    km = KernelManager(kernel_name=kernel)
    t0 = time.monotonic()
    deadline = t0 + timeout
    kc = None
    try:
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        wait_ready(kc, km, deadline)
        ready = time.monotonic() - t0
        t1 = time.monotonic()
        reply, outputs = run_cell(kc, "1+1", deadline)
        first = time.monotonic() - t1
        if reply["content"].get("status") != "ok":
            raise StartFailed("error", f"1+1 failed: {reply['content'].get('ename')}: {reply['content'].get('evalue')}")
        results = [m["content"]["data"].get("text/plain") for m in outputs if m["msg_type"] == "execute_result"]
        if results != ["2"]:
            raise StartFailed("error", f"1+1 gave {results!r}, expected ['2']")
        t2 = time.monotonic()
        msg_id = kc.shutdown()  # jupyter_client 7 sends shutdown_request on the control channel
        if wait_reply(kc, msg_id, time.monotonic() + 5, channel="control") is None:
            raise StartFailed("hang", "shutdown_request was not answered")
        exit_deadline = time.monotonic() + 5
        while km.is_alive() and time.monotonic() < exit_deadline:
            time.sleep(0.02)
        if km.is_alive():
            raise StartFailed("error", "the kernel process did not exit after shutdown_request")
        return ready, first, time.monotonic() - t2
    finally:
        if kc is not None:
            kc.stop_channels()
        if km.has_kernel and km.is_alive():
            km.shutdown_kernel(now=True)
        km.cleanup_resources()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--starts", type=int, default=50, help="number of consecutive starts (default 50)")
    ap.add_argument("--kernel", default="scalinglab-java", help="kernelspec name (default scalinglab-java)")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds allowed per start (default 20)")
    ap.add_argument("--quiet", action="store_true", help="print only failing starts and the summary")
    a = ap.parse_args()

    readies, firsts, shutdowns = [], [], []
    hangs = errors = 0
    for i in range(1, a.starts + 1):
        try:
            ready, first, down = one_start(a.kernel, a.timeout)
            readies.append(ready)
            firsts.append(first)
            shutdowns.append(down)
            if not a.quiet:
                print(f"start {i:3d}: ready {ready:5.2f} s, first 1+1 {first:5.2f} s, shutdown {down:4.2f} s", flush=True)
        except StartFailed as e:
            hangs += e.kind == "hang"
            errors += e.kind == "error"
            print(f"start {i:3d}: {e.kind.upper()}: {e}", flush=True)
        except Exception as e:  # jupyter_client errors (e.g. the kernelspec is missing)
            errors += 1
            print(f"start {i:3d}: ERROR: {type(e).__name__}: {e}", flush=True)

    ok = len(readies)
    print(f"kernel {a.kernel}: {a.starts} starts, {ok} ok, {hangs} hangs, {errors} errors", flush=True)
    if ok:
        print(f"  time to ready (kernel_info answered): median {statistics.median(readies):.2f} s, max {max(readies):.2f} s")
        print(f"  first 1+1: median {statistics.median(firsts):.2f} s, max {max(firsts):.2f} s")
        print(f"  shutdown to process exit: median {statistics.median(shutdowns):.2f} s, max {max(shutdowns):.2f} s")
    return 0 if hangs == 0 and errors == 0 and ok == a.starts else 1


if __name__ == "__main__":
    sys.exit(main())

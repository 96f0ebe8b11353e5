#!/usr/bin/env python3
"""The kernel against the Jupyter message specification (5.3), through jupyter_client (the reference
client), with the real library on its class path: reply fields the spec requires, inspection of a
bare name, history, completion; interrupts of a busy loop and of a training cell (time to stop,
and the kernel still works afterwards); and no JVM warning in any output.

    python3 kernel/protocol_test.py [--kernel scalinglab-java]

Needs the kernelspec installed (JUPYTER_PATH honoured). Prints one PASS/FAIL line per check and the
interrupt timings; exits 1 when any check fails.
"""
import argparse
import re
import sys
import time
from queue import Empty

from jupyter_client.manager import KernelManager

STOP_LIMIT_S = 2.0
WARNING = re.compile(r"^WARNING: |sun\.misc\.Unsafe|restricted method|System::load|incubator", re.M)

failures = 0


def check(name, ok, detail=""):
    global failures
    print(("PASS " if ok else "FAIL ") + name + ("" if ok or not detail else f" -- {str(detail)[:400]}"), flush=True)
    failures += not ok


def reply_to(kc, msg_id, timeout=60, channel="shell"):
    get = kc.get_control_msg if channel == "control" else kc.get_shell_msg
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            msg = get(timeout=0.25)
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg
    raise TimeoutError(f"no reply to {msg_id} within {timeout} s")


class Cell:
    """An execute_request in flight: collects its IOPub outputs."""

    def __init__(self, kc, code):
        self.kc, self.code = kc, code
        self.msg_id = kc.execute(code)
        self.outputs = []
        self.idle = False

    def pump(self, timeout=0.1):
        try:
            msg = self.kc.get_iopub_msg(timeout=timeout)
        except Empty:
            return
        if msg["parent_header"].get("msg_id") != self.msg_id:
            return
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            self.idle = True
        elif msg["msg_type"] in ("stream", "execute_result", "display_data", "error"):
            self.outputs.append(msg)

    def text(self):
        return "".join(m["content"].get("text", "") for m in self.outputs if m["msg_type"] == "stream")

    def wait_for_text(self, needle, timeout):
        deadline = time.monotonic() + timeout
        while needle not in self.text() and not self.idle and time.monotonic() < deadline:
            self.pump()
        return needle in self.text()

    def finish(self, timeout=120):
        reply = reply_to(self.kc, self.msg_id, timeout)
        deadline = time.monotonic() + 10
        while not self.idle and time.monotonic() < deadline:
            self.pump()
        return reply


def run(kc, code, timeout=120):
    c = Cell(kc, code)
    reply = c.finish(timeout)
    return reply, c


def result_text(cell):
    r = [m["content"]["data"].get("text/plain") for m in cell.outputs if m["msg_type"] == "execute_result"]
    return r[0] if r else None


def interrupt_check(km, kc, name, code, started_marker, wait_s=1.0):
    """Starts code, waits until it runs (its marker printed, or wait_s), interrupts, times the stop."""
    c = Cell(kc, code)
    if started_marker:
        started = c.wait_for_text(started_marker, 120)
        check(f"{name}: started", started, c.text()[-300:])
    else:
        end = time.monotonic() + wait_s
        while time.monotonic() < end:
            c.pump()
    check(f"{name}: still running before the interrupt", not c.idle)
    t0 = time.monotonic()
    km.interrupt_kernel()  # interrupt_mode "message": interrupt_request on the control channel
    reply = c.finish(60)
    stopped = time.monotonic() - t0
    print(f"  {name}: stopped {stopped:.2f} s after the interrupt", flush=True)
    content = reply["content"]
    check(f"{name}: stops within {STOP_LIMIT_S:.0f} s ({stopped:.2f} s)", stopped < STOP_LIMIT_S)
    check(f"{name}: execute_reply status error, ename Interrupted", content.get("status") == "error"
          and content.get("ename") == "Interrupted", content)
    reply2, after = run(kc, "1 + 1", 60)
    check(f"{name}: the kernel works afterwards (1 + 1 = 2)", result_text(after) == "2", after.outputs)
    return c, stopped


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", default="scalinglab-java")
    a = ap.parse_args()
    km = KernelManager(kernel_name=a.kernel)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    all_cells = []
    try:
        kc.wait_for_ready(timeout=120)

        # kernel_info_reply (spec: status, protocol_version, implementation, implementation_version,
        # language_info {name, version, mimetype, file_extension}, banner)
        info = reply_to(kc, kc.kernel_info())
        c = info["content"]
        check("kernel_info_reply: msg_type", info["msg_type"] == "kernel_info_reply", info["msg_type"])
        check("kernel_info_reply: status ok", c.get("status") == "ok", c)
        check("kernel_info_reply: protocol_version 5.x", str(c.get("protocol_version", "")).startswith("5."), c)
        li = c.get("language_info", {})
        check("kernel_info_reply: implementation, banner, language_info fields",
              all(isinstance(c.get(k), str) and c.get(k) for k in ("implementation", "implementation_version", "banner"))
              and li.get("name") == "java" and all(isinstance(li.get(k), str) for k in ("version", "mimetype", "file_extension")), c)

        reply, setup = run(kc, "import org.scalinglab.fit.*;\nimport org.scalinglab.train.*;")
        all_cells.append(setup)
        check("library imports", reply["content"].get("status") == "ok", reply["content"])

        # history_reply (spec: status, history list of [session, line, input] or with output)
        h = reply_to(kc, kc.history(raw=True, output=False, hist_access_type="tail", n=10))
        check("history_reply: status ok and a history list", h["msg_type"] == "history_reply"
              and h["content"].get("status") == "ok" and isinstance(h["content"].get("history"), list), h["content"])

        # inspect_reply (spec: status, found, data, metadata) on bare names, cursor at their end
        for code in ("Math.max", "Approach3Fit", "Math.max(1, 2)"):
            cursor = len(code) if "(" not in code else code.index("(")
            r = reply_to(kc, kc.inspect(code, cursor_pos=cursor, detail_level=0))["content"]
            text = r.get("data", {}).get("text/plain", "")
            want = "max(" if "max" in code else "Approach3Fit"
            check(f"inspect_reply on {code!r} (cursor {cursor}): found, text/plain", r.get("status") == "ok"
                  and r.get("found") is True and want in text and isinstance(r.get("metadata"), dict), r)
        r = reply_to(kc, kc.inspect("noSuchNameAnywhere", cursor_pos=18))["content"]
        check("inspect_reply on an unknown name: status ok, found false", r.get("status") == "ok" and r.get("found") is False, r)

        # complete_reply (spec: status, matches, cursor_start, cursor_end, metadata)
        r = reply_to(kc, kc.complete("Math.ma", cursor_pos=7))["content"]
        check("complete_reply: Math.ma -> max(, cursor 5..7", r.get("status") == "ok" and "max(" in r.get("matches", [])
              and r.get("cursor_start") == 5 and r.get("cursor_end") == 7 and isinstance(r.get("metadata"), dict), r)
        r = reply_to(kc, kc.is_complete("for (int i = 0; i < 3; i++) {"))["content"]
        check("is_complete_reply: an open loop is incomplete", r.get("status") == "incomplete", r)

        # interrupts: the busy loop, and a training cell (library loop + worker threads)
        busy, t_busy = interrupt_check(km, kc, "busy loop", "long s = 0; for (long i = 0; ; i++) s += i;", None, 1.5)
        all_cells.append(busy)
        train_code = (
            "try (var model = new Transformer(TransformerConfig.of(8, 16, 2, 32, 2), 8, 1L, 2)) {\n"
            "  Trainer.train(model, DataSpec.markov(), 1e9, TrainSettings.defaults().withBatch(8).withThreads(2), null,\n"
            "      (step, steps, loss) -> { if (step == 5) System.out.println(\"training: step 5\"); }, 0);\n"
            "}")
        training, t_train = interrupt_check(km, kc, "training cell", train_code, "training: step 5")
        all_cells.append(training)
        reply, again = run(kc, "Approach3Fit.builder().build().getClass().getSimpleName()", 60)
        all_cells.append(again)
        check("the library still works after the interrupts", (result_text(again) or "").strip('"') == "Approach3Fit", again.outputs)

        texts = "\n".join(m["content"].get("text", "") + m["content"].get("evalue", "")
                          for cell in all_cells for m in cell.outputs)
        found = WARNING.findall(texts)
        check("no JVM warning in any output (Unsafe, restricted method, System::load, incubator)", not found, texts[-600:])
        print(f"protocol test: interrupt stopped a busy loop in {t_busy:.2f} s and a training cell in {t_train:.2f} s; "
              f"{failures} failed check(s)", flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Grade a homework notebook in the Java kernel; write raw per-question results as JSON.

Used by `./scalinglab grade` (which then turns the raw results into Gradescope's results.json, JSON
or a text report with `scalinglab grade-report`). The submission's code cells run in order in one
kernel; right after the last cell of a question (found by its cell-metadata id, not by position)
that question's test cells run — taken from --tests (the autograder version, hidden tests included)
or, without it, from the submission itself. A question scores points × (test cells passed / test
cells); 0 when one of its own cells raised (compile error, exception), ran past --cell-timeout
(the kernel is interrupted, and restarted if the interrupt does not end the cell) or killed the
kernel (System.exit: the kernel is restarted and the cells that ran before are replayed). Questions
with no cell in the submission get their tests at the end (status "missing" when they fail).
Output beyond --max-output characters per cell is dropped. The raw file is always written, also for
a submission that is not a notebook at all.
"""
import argparse
import json
import os
import queue
import re
import sys
import time
import traceback

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
KEY = "scalinglab"


def source(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else (s or "")


def meta(cell):
    m = (cell.get("metadata") or {}).get(KEY)
    return m if isinstance(m, dict) else {}


def short(text, limit=400):
    text = ANSI.sub("", text or "").strip()
    first = text.splitlines()[0] if text else ""
    for line in text.splitlines():  # the check's own line says most: expected, actual, tolerance
        if "check failed" in line:
            first = line.strip()
            break
    return first if len(first) <= limit else first[: limit - 1] + "…"


def questions_of(nb):
    """[(id, title, points)] from the notebook metadata, else from the cells (master order)."""
    listed = ((nb.get("metadata") or {}).get(KEY) or {}).get("questions")
    if isinstance(listed, list) and listed:
        return [(q["id"], q.get("title") or q["id"], float(q.get("points", 0))) for q in listed]
    out, seen = [], {}
    for c in nb.get("cells", []):
        m = meta(c)
        if "question" in m:
            qid = m["question"]
            if qid not in seen:
                seen[qid] = [qid, qid, 0.0]
                out.append(qid)
            if "title" in m:
                seen[qid][1] = m["title"]
            if "points" in m:
                seen[qid][2] = float(m["points"])
    return [tuple(seen[q]) for q in out]


def tests_of(nb):
    """{question id: [(source, hidden)]} in notebook order."""
    out = {}
    for c in nb.get("cells", []):
        m = meta(c)
        if c.get("cell_type") == "code" and "tests" in m:
            out.setdefault(m["tests"], []).append((source(c), bool(m.get("hidden"))))
    return out


class Kernel:
    """One Java kernel with per-cell time-outs, interrupts and restarts."""

    def __init__(self, name, cwd, max_output, log):
        self.name, self.cwd, self.max_output, self.log = name, cwd, max_output, log
        self.km = self.kc = None
        self.start()

    def start(self):
        from jupyter_client import KernelManager
        t0 = time.monotonic()
        self.km = KernelManager(kernel_name=self.name)
        self.km.start_kernel(cwd=self.cwd)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=120)
        self.log.append(f"kernel ready in {time.monotonic() - t0:.1f} s")

    def stop(self):
        try:
            self.kc.stop_channels()
        except Exception:
            pass
        try:
            self.km.shutdown_kernel(now=True)
        except Exception:
            pass

    def restart(self, replay):
        self.stop()
        self.start()
        for code in replay:
            self.run(code, 120)

    def run(self, code, timeout):
        """Runs code; returns (status, message, output) with status ok | error | timeout | hung | dead."""
        msg_id = self.kc.execute(code, store_history=True, allow_stdin=False, stop_on_error=False)
        deadline = time.monotonic() + timeout
        interrupted = False
        kept, total, error = [], 0, None
        while True:
            now = time.monotonic()
            if not self.km.is_alive():
                return "dead", "the kernel died (System.exit or a crash)", "".join(kept)
            if now >= deadline:
                if interrupted:
                    return "hung", f"still running {timeout} s after the interrupt", "".join(kept)
                interrupted = True
                try:
                    self.km.interrupt_kernel()
                except Exception as e:
                    self.log.append(f"interrupt failed: {e}")
                deadline = now + 15
                continue
            try:
                msg = self.kc.get_iopub_msg(timeout=min(0.5, max(0.01, deadline - now)))
            except queue.Empty:
                continue
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            t, content = msg["msg_type"], msg["content"]
            if t == "stream":
                text = content.get("text", "")
                total += len(text)
                room = self.max_output - sum(len(k) for k in kept)
                if room > 0:
                    kept.append(text[:room])
            elif t == "error":
                error = short(content.get("evalue") or content.get("ename") or "error")
                if content.get("ename") and content.get("ename") not in error and "check failed" not in error:
                    error = f"{content['ename']}: {error}"
            elif t == "status" and content.get("execution_state") == "idle":
                break
        out = "".join(kept)
        if total > self.max_output:
            out += f"\n[output truncated: {total:,} characters, kept {self.max_output:,}]"
        if interrupted:
            return "timeout", f"ran longer than {timeout} s and was interrupted", out
        if error is not None:
            return "error", error, out
        return "ok", "", out


def grade(args, log, result):
    try:
        with open(args.submission, encoding="utf-8") as f:
            sub = json.load(f)
        if not isinstance(sub, dict) or not isinstance(sub.get("cells"), list):
            raise ValueError("no \"cells\" list")
    except (OSError, ValueError, UnicodeDecodeError) as e:
        sub = None
        result["error"] = f"the submission is not a valid notebook ({type(e).__name__}: {short(str(e), 200)}); nothing was graded"
    tests_nb = sub
    if args.tests:
        with open(args.tests, encoding="utf-8") as f:  # the TA's own file: an error here is a real error
            tests_nb = json.load(f)
    if tests_nb is None:
        return result
    questions = questions_of(tests_nb)
    tests = tests_of(tests_nb)
    qres = {qid: {"id": qid, "title": title, "score": 0.0, "max_score": pts, "status": "missing",
                  "message": "no cell of this question in the submission (questions are found by their cell-metadata id)",
                  "seconds": 0.0} for qid, title, pts in questions}
    result["questions"] = [qres[q[0]] for q in questions]
    if sub is None:
        for q in result["questions"]:
            q["status"], q["message"] = "error", "the submission is not a valid notebook"
        return result

    cells = [c for c in sub["cells"] if c.get("cell_type") == "code" and "tests" not in meta(c)]
    last_of = {}
    for i, c in enumerate(cells):
        qid = meta(c).get("question")
        if qid in qres:
            last_of[qid] = i
    failed_cells = {}  # question id -> (status, message) of its first failing cell
    replay = []
    kernel = Kernel(args.kernel, os.path.dirname(os.path.abspath(args.submission)), args.max_output, log)
    started = {}

    def run_tests(qid, missing=False):
        q = qres[qid]
        t0 = time.monotonic()
        ts = tests.get(qid, [])
        if qid in failed_cells:
            q["status"], q["message"] = failed_cells[qid]
        elif not ts:
            q["status"], q["message"] = "failed", "no tests for this question in the autograder"
        else:
            passed, first_fail = 0, None
            for n, (code, hidden) in enumerate(ts, 1):
                status, msg, _ = kernel.run(code, args.cell_timeout)
                if status in ("dead", "hung"):
                    log.append(f"{qid}: test cell {n}: {msg}; kernel restarted, earlier cells replayed")
                    kernel.restart(replay)
                if status == "ok":
                    passed += 1
                elif first_fail is None:
                    if hidden:
                        msg = "hidden test: " + msg.split(": expected")[0]
                    first_fail = f"test {n} of {len(ts)}: {msg}"
            q["score"] = round(q["max_score"] * passed / len(ts), 6)
            if passed == len(ts):
                q["status"], q["message"] = "passed", ""
            else:
                q["status"] = "missing" if missing else "failed"
                q["message"] = (q["message"] + "; " if missing else "") + first_fail
        q["seconds"] = round(q["seconds"] + time.monotonic() - t0 + started.get(qid, 0), 3)

    try:
        for i, c in enumerate(cells):
            code = source(c)
            qid = meta(c).get("question")
            if qid not in qres:
                qid = None
            t0 = time.monotonic()
            status, msg, _ = kernel.run(code, args.cell_timeout) if code.strip() else ("ok", "", "")
            if qid:
                started[qid] = started.get(qid, 0) + time.monotonic() - t0
            elif i == 0:
                log.append(f"first cell (setup) took {time.monotonic() - t0:.1f} s")
            if status == "ok":
                replay.append(code)
            else:
                where = f"cell {sub['cells'].index(c) + 1}"
                if qid and qid not in failed_cells:
                    failed_cells[qid] = ({"error": "error", "timeout": "timeout", "hung": "timeout", "dead": "crashed"}[status],
                                         f"{where}: {msg}")
                log.append(f"{where}{' (' + qid + ')' if qid else ''}: {status}: {msg}")
                if status in ("dead", "hung"):
                    kernel.restart(replay)
                    log.append(f"kernel restarted after {where}; {len(replay)} earlier cells replayed")
            if qid and last_of.get(qid) == i:
                run_tests(qid)
        for qid, _, _ in questions:
            if qid not in last_of:
                run_tests(qid, missing=True)
    finally:
        kernel.stop()
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("submission")
    ap.add_argument("--tests", help="the autograder notebook (default: the submission's own tests)")
    ap.add_argument("--raw", required=True, help="where the raw results go")
    ap.add_argument("--kernel", default="scalinglab-java")
    ap.add_argument("--cell-timeout", type=float, default=60)
    ap.add_argument("--max-output", type=int, default=20000, help="characters of output kept per cell")
    a = ap.parse_args()
    log = []
    t0 = time.monotonic()
    result = {"submission": a.submission, "error": None, "questions": [], "log": log}
    try:
        grade(a, log, result)
    except Exception as e:  # the results are written whatever happened (questions graded so far kept)
        result["error"] = f"grading failed: {type(e).__name__}: {short(str(e), 300)}"
        traceback.print_exc()
    result["seconds"] = round(time.monotonic() - t0, 2)
    os.makedirs(os.path.dirname(os.path.abspath(a.raw)), exist_ok=True)
    with open(a.raw, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Execute notebooks headless with a Jupyter kernel; write the executed .ipynb and an HTML export.

Used by `./scalinglab run` and `./scalinglab test`. For each notebook prints a PASS/FAIL line with the
paths it wrote. On a failing cell it prints the cell (its number and source), the error and the
check that failed, and stops (with --keep-going: goes on with the next notebook); the last line is
always "notebooks: P passed, F failed". Exit 1 when any failed, 2 for bad usage (a missing notebook).
"""
import argparse
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def html_export(nb, path):
    try:
        from nbconvert import HTMLExporter
        body, _ = HTMLExporter().from_notebook_node(nb)
        with open(path, "w", encoding="utf-8") as f:
            f.write(body)
        return path
    except Exception as e:  # the HTML copy is a convenience; the executed notebook is the result
        print(f"  (HTML export skipped: {type(e).__name__}: {e})", file=sys.stderr)
        return None


def failing_cell(nb):
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return i, cell, out
    return None


def describe_failure(nb, exc):
    found = failing_cell(nb)
    lines = []
    if found:
        i, cell, out = found
        code_no = sum(1 for c in nb.cells[: i + 1] if c.cell_type == "code")
        lines.append(f"  failing cell: #{i + 1} (code cell {code_no}):")
        for n, src in enumerate(cell.source.splitlines(), 1):
            lines.append(f"  {n:4d} | {src}")
        lines.append(f"  error: {out.get('ename', '?')}: {ANSI.sub('', out.get('evalue', ''))}")
        tb = [ANSI.sub("", t) for t in out.get("traceback", [])]
        tb_text = "\n".join(tb).strip()
        if tb_text and tb_text not in (out.get("evalue") or ""):
            lines.append("  traceback:")
            lines.extend("    " + t for t in tb_text.splitlines()[:25])
        checks = [l for l in (out.get("evalue", "") + "\n" + tb_text).splitlines() if "check failed" in l]
        if checks:
            lines.append(f"  the check that failed: {checks[0].strip()}")
    else:
        lines.append(f"  {type(exc).__name__}: {ANSI.sub('', str(exc)).strip()[:2000]}")
    return "\n".join(lines)


def run_one(path, out_dir, kernel, timeout):
    notebooks_root = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "notebooks"))
    rel = os.path.relpath(os.path.abspath(path), notebooks_root)
    if rel.startswith(".."):
        rel = os.path.basename(path)
    stem = os.path.splitext(rel)[0]
    out_ipynb = os.path.join(out_dir, stem + ".ipynb")
    out_html = os.path.join(out_dir, stem + ".html")
    os.makedirs(os.path.dirname(out_ipynb), exist_ok=True)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, startup_timeout=120, kernel_name=kernel,
                            allow_errors=False, record_timing=True,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    t0 = time.time()
    error = None
    try:
        client.execute()
    except Exception as e:  # any failure (a cell, the kernel, a missing kernelspec) fails this notebook only
        error = e
    dt = time.time() - t0
    nbformat.write(nb, out_ipynb)
    html = html_export(nb, out_html)
    written = out_ipynb + (f", {html}" if html else "")
    if error is None:
        print(f"PASS {path} ({dt:.1f} s) -> {written}", flush=True)
        return True
    print(f"FAIL {path} ({dt:.1f} s) -> {written}", flush=True)
    if isinstance(error, CellTimeoutError):
        print(f"  a cell ran longer than the {timeout} s limit", flush=True)
    if isinstance(error, DeadKernelError):
        print("  the kernel died while running the notebook", flush=True)
    print(describe_failure(nb, error), flush=True)
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("notebooks", nargs="*")
    ap.add_argument("--kernel", default="scalinglab-java")
    ap.add_argument("--out", default="build/notebooks")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    ap.add_argument("--keep-going", action="store_true", help="run the other notebooks after a failure")
    a = ap.parse_args()
    if not a.notebooks:
        root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "notebooks")
        for d, _, files in sorted(os.walk(root)):
            if ".ipynb_checkpoints" in d:
                continue
            a.notebooks += [os.path.join(d, f) for f in sorted(files) if f.endswith(".ipynb")]
    for p in a.notebooks:
        if not os.path.isfile(p):
            print(f"scalinglab: error: notebook not found: {p}", file=sys.stderr)
            return 2
    passed = failed = 0
    for p in a.notebooks:
        try:
            ok = run_one(p, a.out, a.kernel, a.timeout)
        except Exception as e:  # e.g. an unreadable notebook: counted as failed, the others still run
            print(f"FAIL {p}: {type(e).__name__}: {e}", flush=True)
            ok = False
        if ok:
            passed += 1
        else:
            failed += 1
            if not a.keep_going:
                break
    print(f"notebooks: {passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""End-to-end check of the Java kernel: executes a small notebook through nbclient and checks the
outputs Jupyter receives (MIME types, streams, errors with the right cell line).

    /usr/bin/python3 kernel/smoke_test.py [--kernel scalinglab-java] [--setup notebooks/setup.jsh]

Needs the kernelspec installed (JUPYTER_PATH honoured) with the scalinglab library on its
SCALINGLAB_CLASSPATH. Prints one line per check; exits 1 when any check fails.
"""
import argparse
import base64
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
HERE = os.path.dirname(os.path.abspath(__file__))

CELLS = [
    # 0: the shared setup cell (replaced by notebooks/setup.jsh when it exists)
    "import org.knowm.xchart.*;\nimport tech.tablesaw.api.*;\nimport static org.scalinglab.check.Check.*;\n"
    "import static org.scalinglab.notebook.Notebook.*;",
    # 1: a chart as the last expression
    'var chart = new XYChartBuilder().width(400).height(300).title("Loss vs compute").build();\n'
    'chart.addSeries("loss", new double[] {1, 2, 3}, new double[] {3, 2, 1.5});\n'
    "chart",
    # 2: a table as the last expression, with text that must be escaped
    'Table t = Table.create("runs",\n'
    '    DoubleColumn.create("N", 1e6, 2e6, 4e6),\n'
    '    StringColumn.create("name", "<b>small</b>", "a & b", "\\"quoted\\""));\n'
    "t",
    # 3: print, show mid-cell, print again; a declaration last: no result
    'System.out.println("before");\nshow(chart);\nSystem.err.println("to stderr");\nint n = 3;',
    # 4: a plain value
    "n * 14",
    # 5: a runtime error on cell line 3
    "int a = 1;\nint b = 0;\nint c = a / b;\nint d = 4;",
    # 6: a compile error on cell line 2
    'int ok = 1;\nString s = 42;\nint never = 2;',
    # 7: a failing notebook check
    'check("two plus two", 4.0, 2.0 + 2.5, 1e-9);',
    # 8: the kernel is still alive and state survived the errors
    "ok + n",
    # 9: an exception thrown inside a method declared in an earlier line of the cell
    "double half(double x) {\n  if (x < 0) throw new IllegalArgumentException(\"negative: \" + x);\n  return x / 2;\n}\nhalf(-1)",
]


def run(kernel, setup):
    cells = list(CELLS)
    if setup:
        with open(setup, encoding="utf-8") as f:
            cells[0] = f.read()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nb.metadata["kernelspec"] = {"name": kernel, "display_name": "Java (scalinglab)", "language": "java"}
    client = NotebookClient(nb, timeout=120, startup_timeout=60, kernel_name=kernel, allow_errors=True,
                            record_timing=True)
    t0 = time.time()
    client.execute()
    return nb, time.time() - t0


def outputs(nb, i):
    return nb.cells[i].get("outputs", [])


def of_type(nb, i, kind):
    return [o for o in outputs(nb, i) if o.get("output_type") == kind]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", default="scalinglab-java")
    ap.add_argument("--setup", default=os.path.join(HERE, "..", "notebooks", "setup.jsh"),
                    help="file with the shared setup cell (default notebooks/setup.jsh; '' for a built-in one)")
    a = ap.parse_args()
    setup = a.setup if a.setup and os.path.isfile(a.setup) else None
    nb, seconds = run(a.kernel, setup)
    failures = 0

    def check(name, ok, detail=""):
        nonlocal failures
        print(("PASS " if ok else "FAIL ") + name + ("" if ok or not detail else f" -- {detail}"), flush=True)
        failures += not ok

    def err(i):
        e = of_type(nb, i, "error")
        return e[0] if e else {}

    def tb(i):
        return ANSI.sub("", "\n".join(err(i).get("traceback", [])))

    check("setup cell runs without error", not of_type(nb, 0, "error"), str(outputs(nb, 0))[:300])
    res = of_type(nb, 1, "execute_result")
    png = res[0]["data"].get("image/png", "") if res else ""
    check("chart -> image/png", png and base64.b64decode(png)[:8] == b"\x89PNG\r\n\x1a\n", str(outputs(nb, 1))[:300])
    check("chart -> text/plain 'XYChart: <title>'", res and res[0]["data"].get("text/plain") == "XYChart: Loss vs compute",
          str(res[0]["data"].get("text/plain") if res else None))
    res = of_type(nb, 2, "execute_result")
    html = res[0]["data"].get("text/html", "") if res else ""
    check("table -> text/html <table>", "<table" in html and "<th>N</th>" in html, html[:300])
    check("table html escapes text", "&lt;b&gt;small&lt;/b&gt;" in html and "a &amp; b" in html and "&quot;quoted&quot;" in html
          and "<b>" not in html, html[:400])
    check("table -> text/plain", res and "runs" in res[0]["data"].get("text/plain", ""))
    streams = of_type(nb, 3, "stream")
    kinds = [o.get("output_type") for o in outputs(nb, 3)]
    check("stdout stream", any(s["name"] == "stdout" and "before" in s["text"] for s in streams), str(outputs(nb, 3))[:300])
    check("stderr stream", any(s["name"] == "stderr" and "to stderr" in s["text"] for s in streams))
    disp = of_type(nb, 3, "display_data")
    check("show(chart) -> display_data image/png", disp and "image/png" in disp[0]["data"], str(kinds))
    check("display comes after the text printed before it", kinds[:2] == ["stream", "display_data"], str(kinds))
    check("declaration shows no result", not of_type(nb, 3, "execute_result"))
    res = of_type(nb, 4, "execute_result")
    check("n * 14 -> 42", res and res[0]["data"].get("text/plain") == "42", str(outputs(nb, 4))[:200])
    e = err(5)
    check("runtime error: ename ArithmeticException", e.get("ename") == "ArithmeticException", str(e)[:300])
    check("runtime error names cell line 3", "cell line 3" in tb(5) and "a / b" in tb(5), tb(5))
    check("runtime error has no JShell frames", "jdk.jshell" not in tb(5) and "jdk.internal" not in tb(5), tb(5))
    e = err(6)
    check("compile error: cell line 2 with the source line", e.get("ename") == "CompileError"
          and "cell line 2" in e.get("evalue", "") and "String s = 42;" in tb(6), tb(6))
    e = err(7)
    check("check failure: ename CheckFailedException, message shown", e.get("ename") == "CheckFailedException"
          and "two plus two" in e.get("evalue", "") and "two plus two" in tb(7), str(e)[:300])
    res = of_type(nb, 8, "execute_result")
    check("state survives errors (ok + n = 4)", res and res[0]["data"].get("text/plain") == "4", str(outputs(nb, 8))[:200])
    e = err(9)
    check("exception in a method: message and both cell lines", e.get("ename") == "IllegalArgumentException"
          and "negative: -1.0" in e.get("evalue", "") and "half (cell line 2)" in tb(9) and "cell line 5" in tb(9), tb(9))
    print(f"smoke test: {len(CELLS)} cells in {seconds:.1f} s, {failures} failed check(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

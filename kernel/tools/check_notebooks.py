#!/usr/bin/env python3
"""Check the notebook conventions (or, with --strip, remove outputs).

Every notebook under notebooks/ must be stored without outputs, use the scalinglab Java kernel,
open with the shared setup cell (exactly notebooks/setup.jsh) and assert what it teaches (check(...)).
"""
import argparse
import json
import re
import os
import sys

KERNELSPEC = {"name": "scalinglab-java", "display_name": "Java (scalinglab)", "language": "java"}


def notebooks_under(root):
    for d, _, files in sorted(os.walk(root)):
        if ".ipynb_checkpoints" in d:
            continue
        for f in sorted(files):
            if f.endswith(".ipynb"):
                yield os.path.join(d, f)


def source(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def problems(path, setup):
    try:
        with open(path, encoding="utf-8") as f:
            nb = json.load(f)
    except (OSError, ValueError) as e:
        return [f"not a readable notebook: {e}"]
    out = []
    cells = nb.get("cells", [])
    code = [c for c in cells if c.get("cell_type") == "code"]
    for i, c in enumerate(cells, 1):
        if c.get("cell_type") == "code" and (c.get("outputs") or c.get("execution_count") is not None):
            out.append(f"cell {i} has outputs or an execution count (strip them: ./scalinglab strip {path})")
    ks = nb.get("metadata", {}).get("kernelspec", {})
    if ks.get("name") != KERNELSPEC["name"]:
        out.append(f"kernelspec name is {ks.get('name')!r}, expected {KERNELSPEC['name']!r}")
    if not code:
        out.append("has no code cells")
    elif source(code[0]).strip() != setup.strip():
        out.append("the first code cell is not the shared setup (it must equal notebooks/setup.jsh exactly)")
    if not any(CHECK_CALL.search(without_comments(source(c))) for c in code[1:]):
        out.append("asserts nothing: every notebook checks the numbers it teaches with check(...)")
    return out


# A call of the check API (check, checkRel, checkBetween, checkTrue, checkEquals), not the word in a comment.
CHECK_CALL = re.compile(r"\bcheck(Rel|Between|True|Equals)?\s*\(")


def without_comments(code):
    """Java source without // line comments and /* block */ comments (strings are rare enough in checks to ignore)."""
    return re.sub(r"//[^\n]*", "", re.sub(r"/\*.*?\*/", "", code, flags=re.S))


def strip(path):
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    changed = False
    for c in nb.get("cells", []):
        if c.get("cell_type") == "code":
            if c.get("outputs") or c.get("execution_count") is not None:
                changed = True
            c["outputs"] = []
            c["execution_count"] = None
            md = c.get("metadata", {})
            for k in ("execution", "collapsed", "scrolled"):
                if k in md:
                    md.pop(k)
                    changed = True
    if changed:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(nb, f, indent=1, ensure_ascii=False)
            f.write("\n")
    return changed


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="+", help="the notebooks folder, or notebooks")
    ap.add_argument("--strip", action="store_true", help="remove outputs instead of checking")
    a = ap.parse_args()
    files = []
    for p in a.paths:
        files += list(notebooks_under(p)) if os.path.isdir(p) else [p]
    if a.strip:
        for p in files:
            print(("stripped " if strip(p) else "clean    ") + p)
        return 0
    root = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(root, "..", "..", "notebooks", "setup.jsh"), encoding="utf-8") as f:
        setup = f.read()
    bad = 0
    for p in files:
        for msg in problems(p, setup):
            print(f"{p}: {msg}")
            bad += 1
    if not files:
        print("no notebooks found")
        return 1
    print(f"notebook conventions: {len(files)} notebooks checked, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

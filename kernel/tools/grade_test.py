#!/usr/bin/env python3
"""The grading step of `./scalinglab test`: for every homework master, make its student and
autograder versions (`./scalinglab assign`), then grade with `./scalinglab grade`:

  * the master itself (the solution) -> full marks;
  * the untouched student version -> zero;
  * for the first master (or every one with --all-cases), broken submissions made from the solution:
    an endless loop in one question, an exception in one question and a compile error in another,
    megabytes of output, System.exit, cells reordered and one question deleted, a file that is not
    JSON -> each with its expected score (the other questions still graded).

Every results.json is checked against Gradescope's field names. Prints one PASS/FAIL line per case
with the score, the expected score and the time, the grading time per assignment, and last
"grading: P passed, F failed". Exit 1 when any failed.
"""
import argparse
import copy
import json
import os
import subprocess
import sys
import time

KEY = "scalinglab"
VISIBILITY = {"visible", "hidden", "after_due_date", "after_published"}


def source(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def set_source(cell, text):
    parts = text.split("\n")
    cell["source"] = [p + "\n" for p in parts[:-1]] + [parts[-1]]


def qcells(nb, qid):
    return [c for c in nb["cells"] if (c.get("metadata", {}).get(KEY) or {}).get("question") == qid]


def questions(nb):
    return [(q["id"], q["points"]) for q in nb["metadata"][KEY]["questions"]]


def gradescope_problems(res):
    """Field names and types of Gradescope's results.json (its "Autograder Specifications")."""
    p = []
    if not isinstance(res.get("score"), (int, float)):
        p.append("score is not a number")
    if not isinstance(res.get("tests"), list):
        return p + ["tests is not a list"]
    for i, t in enumerate(res["tests"]):
        for k, typ in (("name", str), ("score", (int, float)), ("max_score", (int, float)), ("output", str),
                       ("visibility", str)):
            if not isinstance(t.get(k), typ):
                p.append(f"tests[{i}].{k} missing or of the wrong type")
        if t.get("visibility") not in VISIBILITY:
            p.append(f"tests[{i}].visibility {t.get('visibility')!r} is not one of {sorted(VISIBILITY)}")
        if t.get("status") not in (None, "passed", "failed"):
            p.append(f"tests[{i}].status {t.get('status')!r}")
    if isinstance(res.get("tests"), list) and res["tests"] and abs(sum(t["score"] for t in res["tests"]) - res["score"]) > 1e-6:
        p.append("score is not the sum of the tests' scores")
    for k in ("visibility",):
        if k in res and res[k] not in VISIBILITY:
            p.append(f"{k} {res[k]!r}")
    return p


def broken_cases(master, total):
    """[(name, notebook dict or raw text, expected score, what must hold)] made from the solution."""
    qs = questions(master)
    pts = dict(qs)
    first, second, third, fourth = (q[0] for q in qs[:4])
    cases = []

    def variant(edit):
        nb = copy.deepcopy(master)
        edit(nb)
        return nb

    def append(nb, qid, code):
        cell = qcells(nb, qid)[-1]
        set_source(cell, source(cell) + "\n" + code)

    cases.append(("endless loop in " + second,
                  variant(lambda nb: append(nb, second, "long spins = 0;\nwhile (true) { spins++; }")),
                  total - pts[second], {second: "timeout", "_timeout": 15}))
    cases.append(("exception in " + third + ", compile error in " + fourth,
                  variant(lambda nb: (append(nb, third, 'if (true) throw new IllegalStateException("student bug");'),
                                      append(nb, fourth, 'int notAnInt = "text";'))),
                  total - pts[third] - pts[fourth], {third: "error", fourth: "error"}))
    cases.append(("8 MB of output in " + first,
                  variant(lambda nb: append(nb, first, 'for (int i = 0; i < 400_000; i++) System.out.println("spam spam spam " + i);')),
                  total, {first: "passed"}))
    cases.append(("System.exit in " + third,
                  variant(lambda nb: append(nb, third, "System.exit(3);")),
                  total - pts[third], {third: "crashed"}))

    def reorder(nb):
        cells = nb["cells"]
        last = qs[-1][0]
        blocks, order = {}, []
        for c in cells:  # a question's block: its cells (a question's markdown stays where it is)
            m = c.get("metadata", {}).get(KEY) or {}
            qid = m.get("question") or m.get("tests")
            if qid:
                blocks.setdefault(qid, []).append(c)
        rest = [c for c in cells if not ((c.get("metadata", {}).get(KEY) or {}).get("question")
                                         or (c.get("metadata", {}).get(KEY) or {}).get("tests"))]
        ids = [q[0] for q in qs if q[0] != last]
        order = ids[1:2] + ids[:1] + ids[2:]  # swap the first two questions, drop the last
        nb["cells"] = rest + [c for q in order for c in blocks[q]]
    cases.append(("cells reordered, " + qs[-1][0] + " deleted", variant(reorder), total - qs[-1][1], {qs[-1][0]: "missing"}))
    cases.append(("not valid JSON", json.dumps(master)[: len(json.dumps(master)) // 2], 0.0, {}))
    return cases


def run_for_results(cmd, out, env=None):
    """Runs cmd, then reads the results file it must write: (results, seconds); a missing or unreadable
    file becomes {"_problem": ...} with the command's exit code and the end of its stderr."""
    t0 = time.time()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    dt = time.time() - t0
    try:
        with open(out, encoding="utf-8") as f:
            return json.load(f), dt
    except (OSError, ValueError) as e:
        return {"_problem": f"no results file {out} ({e}); exit {p.returncode}: {p.stderr.strip()[-500:]}"}, dt


def grade(launcher, nb_path, tests, out, timeout):
    return run_for_results([launcher, "grade", nb_path, "--tests", tests, "--out", out, "--format", "gradescope",
                            "--cell-timeout", str(timeout)], out)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--launcher", required=True)
    ap.add_argument("--masters", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cell-timeout", type=float, default=120, help="seconds a cell may run (the endless-loop case: 15)")
    ap.add_argument("--jobs", type=int, default=2, help="gradings at a time")
    ap.add_argument("--all-cases", action="store_true", help="broken submissions for every assignment")
    a = ap.parse_args()
    masters = sorted(os.path.join(a.masters, f) for f in os.listdir(a.masters) if f.endswith(".ipynb"))
    passed = failed = 0
    times = []
    jobs = []  # (name, total, case, path, tests, out, expected, statuses)
    for i, mpath in enumerate(masters):
        name = os.path.splitext(os.path.basename(mpath))[0]
        work = os.path.join(a.work, name)
        os.makedirs(work, exist_ok=True)
        r = subprocess.run([a.launcher, "assign", mpath, work], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"FAIL {name}: assign: {r.stderr.strip()}", flush=True)
            failed += 1
            continue
        student = os.path.join(work, "student", name + ".ipynb")
        tests = os.path.join(work, "autograder", name + ".ipynb")
        with open(tests, encoding="utf-8") as f:
            total = sum(p for _, p in questions(json.load(f)))
        with open(mpath, encoding="utf-8") as f:
            master = json.load(f)
        cases = [("solution", mpath, total, {}), ("untouched student version", student, 0.0, {})]
        if i == 0 or a.all_cases:
            with open(tests, encoding="utf-8") as f:
                master["metadata"][KEY] = json.load(f)["metadata"][KEY]  # questions list, as a student's copy has
            cases += broken_cases(master, total)
        for n, (case, nb, expected, statuses) in enumerate(cases):
            if isinstance(nb, str) and os.path.isfile(nb):
                path = nb
            else:
                path = os.path.join(work, f"case{n}.ipynb")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(nb if isinstance(nb, str) else json.dumps(nb, indent=1))
            jobs.append((name, total, case, path, tests, os.path.join(work, f"case{n}-results.json"), expected, statuses))

    if jobs:  # Gradescope's wrapper, in a stand-in /autograder tree, on the first solution
        name, total, _, path, tests = jobs[0][:5]
        ag = os.path.join(a.work, "gradescope")
        os.makedirs(os.path.join(ag, "source", "autograder"), exist_ok=True)
        os.makedirs(os.path.join(ag, "submission"), exist_ok=True)
        root = os.path.dirname(os.path.abspath(a.launcher))
        if not os.path.lexists(os.path.join(ag, "source", "scalinglab")):
            os.symlink(root, os.path.join(ag, "source", "scalinglab"))
        with open(os.path.join(ag, "source", "ASSIGNMENT"), "w") as f:
            f.write(name + "\n")
        import shutil
        shutil.copy(tests, os.path.join(ag, "source", "autograder", name + ".ipynb"))
        shutil.copy(path, os.path.join(ag, "submission", "my-homework.ipynb"))
        jobs.append((name, total, "Gradescope run_autograder wrapper", None, ag,
                     os.path.join(ag, "results", "results.json"), total, {}))

    def one(job):
        name, total, case, path, tests, out, expected, statuses = job
        if path is None:
            wrapper = os.path.join(os.path.dirname(os.path.abspath(a.launcher)), "tools", "gradescope", "run_autograder")
            res, dt = run_for_results(["bash", wrapper], out,
                                      env=dict(os.environ, AUTOGRADER_ROOT=tests, CELL_TIMEOUT=str(a.cell_timeout)))
        else:
            res, dt = grade(a.launcher, path, tests, out, statuses.get("_timeout", a.cell_timeout))
        problems = [res["_problem"]] if "_problem" in res else gradescope_problems(res)
        score = res.get("score")
        if not problems and abs(score - expected) > 1e-6:
            problems.append(f"score {score}, expected {expected}")
        for t in res.get("tests", []):
            qid = t.get("name", "").split(":")[0]
            want = statuses.get(qid) if qid != "_timeout" else None
            if want and not (t.get("output", "").startswith(want) or (want == "passed" and t.get("status") == "passed")):
                problems.append(f"{qid}: {t.get('output', '')[:150]!r}, expected {want}")
        if case == "not valid JSON" and "not a valid notebook" not in res.get("output", ""):
            problems.append(f"the output does not say the notebook is invalid: {res.get('output')!r}")
        tag = "PASS" if not problems else "FAIL"
        lines = [f"{tag} {name}: {case}: {score} of {total} points (expected {expected}) in {dt:.1f} s"]
        lines += [f"    {p}" for p in problems]
        print("\n".join(lines), flush=True)
        return name, case, dt, not problems

    from concurrent.futures import ThreadPoolExecutor
    t0 = time.time()
    with ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        results = list(pool.map(one, jobs))
    for name, case, dt, ok in results:
        passed += ok
        failed += not ok
        if case == "solution":
            times.append((name, dt))
    print(f"{len(jobs)} gradings, {a.jobs} at a time, in {time.time() - t0:.1f} s", flush=True)
    for name, dt in times:
        print(f"grading time of {name} (the solution, kernel start included): {dt:.1f} s", flush=True)
    print(f"grading: {passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

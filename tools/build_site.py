#!/usr/bin/env python3
"""Build the static course site (used by `./scalinglab site`).

Writes OUT/index.html (lecture topic -> notebook -> what it computes, from the README's "Notebooks"
table, the one place that describes the notebooks), OUT/notebooks/NAME.html (the executed notebook
that `./scalinglab run` exported, charts embedded) and OUT/notebooks/NAME.ipynb (the committed notebook,
which has no outputs), and OUT/homework/NAME/NAME.ipynb for each student version found under
BUILD/homework/NAME/student/. What is missing is listed on the index page, never silently dropped.
Exit 0 when the site was written (with notes for what was missing), 2 for bad usage.
"""
import argparse
import datetime
import html
import json
import os
import re
import shutil
import sys

ROW = re.compile(r"^\|\s*\[([^\]]+)\]\(([^)]+\.ipynb)\)\s*\|(.*)\|(.*)\|\s*$")


def readme_rows(readme):
    """(name, notebook path, topic, description) for each row of the README's Notebooks table."""
    rows, inside = [], False
    with open(readme, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                inside = line.strip() == "## Notebooks"
                continue
            m = ROW.match(line.rstrip("\n")) if inside else None
            if m:
                rows.append((m.group(1).strip(), m.group(2).strip(), m.group(3).strip(), m.group(4).strip()))
    return rows


def inline_markdown(text):
    """The little Markdown the table uses: `code`, **bold**, [text](url) (escaped otherwise)."""
    out = html.escape(text, quote=False)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    out = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"\[([^\]]+)\]\((https?://[^)]+)\)", r'<a href="\2">\1</a>', out)
    return out


# Debian's nbconvert points the exported pages at its own copies of MathJax and RequireJS
# (file:///usr/share/javascript/...), which a browser will not load from a page served over HTTP: the
# site carries the parts the pages use and the pages point there instead.
LOCAL_JS = "file:///usr/share/javascript/"
MATHJAX_PARTS = ["MathJax.js", "config/TeX-AMS_CHTML-full.js", "extensions", "jax/input/TeX",
                 "jax/output/CommonHTML", "jax/element", "fonts/HTML-CSS/TeX/woff", "localization/en"]


def vendor_local_scripts(page, out):
    """The page with file:///usr/share/javascript/ references pointing into OUT/_static/ (copied there)."""
    if LOCAL_JS not in page:
        return page
    static = os.path.join(out, "_static")
    for lib in sorted(set(re.findall(re.escape(LOCAL_JS) + r"([A-Za-z0-9_.-]+)/", page))):
        src, dst = os.path.join("/usr/share/javascript", lib), os.path.join(static, lib)
        if os.path.isdir(dst) or not os.path.isdir(src):
            continue
        parts = MATHJAX_PARTS if lib == "mathjax" else sorted(os.listdir(src))
        for part in parts:
            s, d = os.path.join(src, part), os.path.join(dst, part)
            if os.path.isdir(s):
                shutil.copytree(s, d, symlinks=False, dirs_exist_ok=True)
            elif os.path.isfile(s):
                os.makedirs(os.path.dirname(d), exist_ok=True)
                shutil.copyfile(s, d)
    return page.replace(LOCAL_JS, "../_static/")


def copy_linked_sources(page, root, out, notes):
    """Copies the repository files a notebook page links to relatively (e.g. ../lib/src/.../X.java from a
    notebook's markdown) to the same place under OUT, so that the link works on the site as in the
    repository; a link to a file the repository lacks is named in the notes."""
    for target in sorted(set(re.findall(r'href="\.\./([^"#?:]+)"', page))):
        if target.startswith(("_static/", "notebooks/", "homework/")):
            continue
        src = os.path.normpath(os.path.join(root, target))
        if not src.startswith(os.path.abspath(root) + os.sep):
            continue
        if os.path.isfile(src):
            dst = os.path.join(out, target)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(src, dst)
        else:
            notes.append(f"a page links to {target}, which is not in the repository")


def strip_outputs(src, dst):
    with open(src, encoding="utf-8") as f:
        nb = json.load(f)
    for c in nb.get("cells", []):
        if c.get("cell_type") == "code":
            c["outputs"] = []
            c["execution_count"] = None
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")


STYLE = """
body { font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.nb { white-space: nowrap; }
.note { background: #fff6d6; border-left: 4px solid #e0b000; padding: .5rem 1rem; }
code { background: #f2f2f2; padding: 0 .2rem; }
footer { margin-top: 2rem; color: #777; font-size: .9rem; }
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", required=True, help="the repository")
    ap.add_argument("--executed", required=True, help="folder of executed notebooks (NAME.html)")
    ap.add_argument("--homework", required=True, help="folder of built homework (NAME/student/NAME.ipynb)")
    ap.add_argument("--out", required=True, help="the site folder (replaced)")
    ap.add_argument("--note", action="append", default=[], help="a note to show on the index page")
    a = ap.parse_args()
    readme = os.path.join(a.root, "README.md")
    if not os.path.isfile(readme):
        print(f"scalinglab: error: {readme} not found", file=sys.stderr)
        return 2
    if os.path.isdir(a.out):
        shutil.rmtree(a.out)
    os.makedirs(os.path.join(a.out, "notebooks"))
    notes = list(a.note)
    rows = readme_rows(readme)
    listed = {os.path.normpath(p) for _, p, _, _ in rows}
    # a notebook without a README row still gets a page (and a note saying its row is missing)
    for f in sorted(os.listdir(os.path.join(a.root, "notebooks"))):
        rel = os.path.join("notebooks", f)
        if f.endswith(".ipynb") and os.path.normpath(rel) not in listed:
            rows.append((f[:-6], rel, "—", "(no row in the README's Notebooks table yet)"))
    body_rows, pages = [], 0
    for name, rel, topic, what in rows:
        src = os.path.join(a.root, rel)
        stem = os.path.splitext(os.path.basename(rel))[0]
        if not os.path.isfile(src):
            notes.append(f"{rel} is in the README but not in the repository: left out")
            continue
        strip_outputs(src, os.path.join(a.out, "notebooks", stem + ".ipynb"))
        executed = os.path.join(a.executed, stem + ".html")
        if os.path.isfile(executed):
            with open(executed, encoding="utf-8") as f:
                page_html = vendor_local_scripts(f.read(), a.out)
            copy_linked_sources(page_html, os.path.abspath(a.root), a.out, notes)
            with open(os.path.join(a.out, "notebooks", stem + ".html"), "w", encoding="utf-8") as f:
                f.write(page_html)
            page = f'<a href="notebooks/{stem}.html">{html.escape(name)}</a>'
            pages += 1
        else:
            page = f'{html.escape(name)} <em class="missing">(not executed: no page)</em>'
            notes.append(f"{stem}: no executed copy ({executed}); run ./scalinglab run {rel}")
        download = f'<a href="notebooks/{stem}.ipynb" download>{stem}.ipynb</a>'
        body_rows.append(f"<tr><td class=\"nb\">{page}</td><td>{inline_markdown(topic)}</td>"
                         f"<td>{inline_markdown(what)}</td><td>{download}</td></tr>")
    hw_rows = []
    if os.path.isdir(a.homework):
        for name in sorted(os.listdir(a.homework)):
            student = os.path.join(a.homework, name, "student")
            files = sorted(f for f in os.listdir(student) if f.endswith(".ipynb")) if os.path.isdir(student) else []
            if not files:
                notes.append(f"homework {name}: no student version under {student}")
                continue
            os.makedirs(os.path.join(a.out, "homework", name), exist_ok=True)
            for f in files:
                shutil.copyfile(os.path.join(student, f), os.path.join(a.out, "homework", name, f))
                hw_rows.append(f'<li><a href="homework/{html.escape(name)}/{html.escape(f)}" download>{html.escape(f)}</a></li>')
    if not hw_rows and not any("assign" in n for n in a.note):
        notes.append("no student versions of the homework were found (built by ./scalinglab assign --all into "
                     + os.path.relpath(a.homework, a.root) + "/NAME/student/)")
    note_html = "".join(f"<p class=\"note\">{html.escape(n)}</p>" for n in notes)
    hw_html = f"<ul>{''.join(hw_rows)}</ul>" if hw_rows else "<p>None yet.</p>"
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    index = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>scalinglab: neural scaling laws, notebooks</title>
<style>{STYLE}</style></head>
<body>
<h1>scalinglab: neural scaling laws</h1>
<p>Each notebook teaches one lecture idea and checks every number it teaches. The pages show the notebooks
as executed, charts included; the downloads are the notebooks without outputs, to run in Jupyter with the
Java kernel (<code>./scalinglab lab</code>).</p>
{note_html}
<h2>Notebooks</h2>
<table><thead><tr><th>notebook</th><th>lecture topic</th><th>what it computes and checks</th><th>download</th></tr></thead>
<tbody>
{chr(10).join(body_rows)}
</tbody></table>
<h2>Homework (student versions)</h2>
{hw_html}
<footer>Built {stamp} by <code>./scalinglab site</code>.</footer>
</body></html>
"""
    with open(os.path.join(a.out, "index.html"), "w", encoding="utf-8") as f:
        f.write(index)
    print(f"site: {os.path.join(a.out, 'index.html')} ({pages} notebook pages, {len(hw_rows)} homework downloads, "
          f"{len(notes)} notes)")
    for n in notes:
        print(f"  note: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

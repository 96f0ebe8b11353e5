"""Tiny helper that writes a homework master notebook from a list of cells (used once by the author;
the .ipynb files are what is committed and edited in Jupyter afterwards)."""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
META = {"kernelspec": {"name": "scalinglab-java", "display_name": "Java (scalinglab)", "language": "java"},
        "language_info": {"name": "java"}}


def lines(text):
    text = text.strip("\n")
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def md(text):
    return {"cell_type": "markdown", "metadata": {}, "source": lines(text)}


def code(text, **sl):
    return {"cell_type": "code", "execution_count": None, "metadata": {"scalinglab": sl} if sl else {},
            "outputs": [], "source": lines(text)}


def write(path, cells):
    with open(os.path.join(ROOT, "notebooks", "setup.jsh"), encoding="utf-8") as f:
        setup = f.read()
    cells = [code(setup)] + cells
    for i, c in enumerate(cells):
        c["id"] = f"c{i:02d}"
    nb = {"cells": cells, "metadata": META, "nbformat": 4, "nbformat_minor": 5}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")

#!/usr/bin/env bash
# make_autograder.sh notebooks/homework/NAME.ipynb — writes build/gradescope/NAME-autograder.zip, the
# file to upload as a Gradescope "programming assignment" autograder (Ubuntu base image): setup.sh,
# run_autograder, the repository at HEAD (git archive) and the autograder version of NAME.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
master="${1:?usage: tools/gradescope/make_autograder.sh notebooks/homework/NAME.ipynb}"
name="$(basename "$master" .ipynb)"
stage="$ROOT/build/gradescope/$name"
rm -rf "$stage"; mkdir -p "$stage/scalinglab"
"$ROOT/scalinglab" assign "$master" "$stage/versions" >/dev/null
mkdir -p "$stage/autograder"
cp "$stage/versions/autograder/$name.ipynb" "$stage/autograder/"
(cd "$ROOT" && git archive HEAD) | tar -x -C "$stage/scalinglab"
cp "$ROOT/tools/gradescope/setup.sh" "$ROOT/tools/gradescope/run_autograder" "$stage/"
echo "$name" > "$stage/ASSIGNMENT"
rm -rf "$stage/versions"
command -v zip >/dev/null 2>&1 || { echo "make_autograder: 'zip' is missing (Debian: apt-get install zip)" >&2; exit 2; }
(cd "$stage" && rm -f "../$name-autograder.zip" && zip -q -r "../$name-autograder.zip" .)
echo "$ROOT/build/gradescope/$name-autograder.zip"

#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image (Ubuntu, as root, with network):
# installs Java 17, Maven and the Jupyter pieces, then builds scalinglab and its Java kernel, so that
# run_autograder needs no network. The zip made by make_autograder.sh holds: setup.sh,
# run_autograder, scalinglab/ (the repository), autograder/NAME.ipynb and ASSIGNMENT (NAME).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q openjdk-17-jdk-headless maven python3-nbclient python3-nbconvert python3-ipykernel python3-jupyter-client
cd /autograder/source/scalinglab
chmod +x scalinglab
./scalinglab --help >/dev/null   # builds the library and the kernel (mvn package) once

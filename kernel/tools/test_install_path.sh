#!/usr/bin/env bash
# The launcher's install path, for real: its functions (sourced from ./scalinglab) install a Debian
# package that is missing, into a build/ folder that does not exist yet — what the first command on a
# fresh machine does. Needs root on Debian (apt-get); elsewhere every case is skipped.
# Leaves the machine as it found it: the package it installs is one that was missing, and it is
# removed again afterwards. Last line: "install path: P passed, F failed, S skipped".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
passed=0; failed=0; skipped=0
ok() { echo "PASS $*"; passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }
finish() { echo "install path: $passed passed, $failed failed, $skipped skipped"; [ $failed -eq 0 ]; exit $?; }

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "SKIP not root on Debian: the launcher installs nothing here (it tells the user what to install)"
  skipped=2; finish
fi
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# a small real package that is not installed (bible-kjv: the corpus the launcher used to install)
PKG=""
for p in bible-kjv sl fortune-mod; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then PKG="$p"; break; fi
done

# 1. a missing package into a build/ that does not exist
if [ -z "$PKG" ]; then
  echo "SKIP every candidate package is installed already: nothing to install"; skipped=$((skipped + 1))
else
  BUILD1="$TMP/fresh-clone/build"
  out=$(SCALINGLAB_BUILD="$BUILD1" bash -c 'source "$1"; apt_install "$2"' _ "$ROOT/scalinglab" "$PKG" 2>&1); rc=$?
  if [ $rc -eq 0 ] && dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q 'install ok installed' \
     && [ -s "$BUILD1/apt.log" ] && printf '%s' "$out" | grep -q "installing Debian packages: $PKG"; then
    ok "apt_install $PKG into a missing build/: installed, log in build/apt.log"
  else
    bad "apt_install $PKG into a missing build/ (exit $rc): $out"
  fi
  apt-get remove -y -q -o DPkg::Lock::Timeout=600 "$PKG" >"$TMP/remove.log" 2>&1 \
    || echo "note: could not remove $PKG again (see $TMP/remove.log)"
fi

# 2. a package that does not exist: one clear error line naming the log, exit 2, no bash error
BUILD2="$TMP/other-clone/build"
out=$(SCALINGLAB_BUILD="$BUILD2" bash -c 'source "$1"; apt_install scalinglab-no-such-package' _ "$ROOT/scalinglab" 2>&1); rc=$?
if [ $rc -eq 2 ] && printf '%s' "$out" | grep -q "^scalinglab: error: apt-get could not install scalinglab-no-such-package (see $BUILD2/apt.log)" \
   && [ -s "$BUILD2/apt.log" ] && ! printf '%s' "$out" | grep -q "No such file or directory"; then
  ok "a package apt cannot install: one error line naming $BUILD2/apt.log, exit 2"
else
  bad "a package apt cannot install (exit $rc): $out"
fi
finish

#!/usr/bin/env python3
"""Sum the JUnit results in */target/surefire-reports: prints "N passed, F failed, S skipped".

`./scalinglab test` deletes the report folders before it runs Maven, so the sum covers that run only.
With --plain it prints the three numbers "N F S" (what the launcher reads).
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

args = [a for a in sys.argv[1:] if a != "--plain"]
root = args[0] if args else "."
tests = failures = skipped = 0
for f in glob.glob(os.path.join(root, "*", "target", "surefire-reports", "TEST-*.xml")):
    s = ET.parse(f).getroot()
    tests += int(s.get("tests", 0))
    failures += int(s.get("failures", 0)) + int(s.get("errors", 0))
    skipped += int(s.get("skipped", 0))
if "--plain" in sys.argv[1:]:
    print(tests - failures - skipped, failures, skipped)
else:
    print(f"{tests - failures - skipped} passed, {failures} failed, {skipped} skipped")

#!/usr/bin/env python3
"""Sum the JUnit results of the last Maven run: prints "N passed, F failed, S skipped"."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1] if len(sys.argv) > 1 else "."
tests = failures = skipped = 0
for f in glob.glob(os.path.join(root, "*", "target", "surefire-reports", "TEST-*.xml")):
    s = ET.parse(f).getroot()
    tests += int(s.get("tests", 0))
    failures += int(s.get("failures", 0)) + int(s.get("errors", 0))
    skipped += int(s.get("skipped", 0))
print(f"{tests - failures - skipped} passed, {failures} failed, {skipped} skipped")

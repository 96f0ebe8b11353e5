package org.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PythonBaselineTest {
  @TempDir Path dir;

  private Path script(String body) throws Exception {
    Path p = dir.resolve("baseline.py");
    Files.writeString(p, body);
    return p;
  }

  @Test
  @Timeout(60)
  void aChildWritingMegabytesToBothStreamsCannotBlock() throws Exception {
    // 4 MB on stderr before any stdout: reading stdout to its end first would wait forever on a full pipe
    Path py = script("import sys, os\nsys.stderr.write('e' * 4_000_000)\nsys.stderr.flush()\n"
        + "print('x' * 1000)\nprint('{\"seconds\": 1.5, \"env\": \"' + os.environ.get('BASELINE_TEST', '') + '\"}')\n");
    PythonBaseline.Result r = new PythonBaseline("python3", Duration.ofSeconds(30)).run(py, List.of(), Map.of("BASELINE_TEST", "yes"));
    assertTrue(r.ok());
    assertEquals(1.5, r.json().get("seconds").getAsDouble());
    assertEquals("yes", r.json().get("env").getAsString());
    assertEquals(4_000_000, r.stderr().length());
  }

  @Test
  @Timeout(60)
  void theTimeOutStopsAChildThatNeverEnds() throws Exception {
    Path py = script("import time\nwhile True: time.sleep(1)\n");
    long t0 = System.nanoTime();
    PythonBaseline.Unavailable e = assertThrows(PythonBaseline.Unavailable.class,
        () -> new PythonBaseline("python3", Duration.ofSeconds(2)).run(py, List.of(), Map.of()));
    assertTrue(e.getMessage().contains("did not finish within 2 s"), e.getMessage());
    assertTrue((System.nanoTime() - t0) / 1e9 < 20);
  }

  @Test
  void aFailureKeepsItsExitCodeAndLastErrorLine() throws Exception {
    Path py = script("import sys\nprint('half')\nraise SystemExit('ModuleNotFoundError: No module named scipy')\n");
    PythonBaseline.Result r = new PythonBaseline("python3", Duration.ofSeconds(30)).run(py, List.of(), Map.of());
    assertEquals(1, r.exitCode());
    assertNull(r.json());
    assertEquals("ModuleNotFoundError: No module named scipy", r.lastErrorLine());
  }

  @Test
  void aMissingPythonIsReportedNotThrown() {
    PythonBaseline.Unavailable e = assertThrows(PythonBaseline.Unavailable.class,
        () -> new PythonBaseline("/nonexistent/python9", Duration.ofSeconds(5)).run(dir.resolve("x.py"), List.of(), Map.of()));
    assertTrue(e.getMessage().startsWith("cannot start /nonexistent/python9"), e.getMessage());
  }
}

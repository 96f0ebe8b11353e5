package org.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssignAndGradeReportCommandTest {
  @TempDir Path dir;

  /** The committed masters: each assigns, and the student version holds no solution line. */
  @Test
  void assignsEveryCommittedMaster() throws IOException {
    Path masters = Path.of("..", "notebooks", "homework");
    CliRun r = CliRun.of("assign", "--all", masters.toString(), "--out", dir.toString());
    assertEquals(0, r.code(), r.err());
    for (String name : new String[] {"hw1-compute-accounting", "hw2-budget-frontier", "hw3-double-descent"}) {
      String student = Files.readString(dir.resolve(name).resolve("student").resolve(name + ".ipynb"));
      String grader = Files.readString(dir.resolve(name).resolve("autograder").resolve(name + ".ipynb"));
      assertFalse(student.contains("BEGIN SOLUTION") || student.contains("\"hidden\": true"), name);
      assertTrue(student.contains("YOUR CODE HERE"), name);
      assertTrue(grader.contains("\"hidden\": true"), name);
      assertTrue(r.out().contains(name + ".ipynb: "), r.out());
    }
  }

  @Test
  void badUsageIsOneLine() {
    CliRun r = CliRun.of("assign", dir.resolve("none.ipynb").toString(), dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("scalinglab: error: assign: master notebook not found"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void gradeReportWritesAResultsFileEvenWithoutRawResults() throws IOException {
    Path out = dir.resolve("results.json");
    CliRun r = CliRun.of("grade-report", "--raw", dir.resolve("missing.json").toString(), "--submission", "s.ipynb",
        "--format", "gradescope", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
    assertEquals(0.0, o.get("score").getAsDouble());
    assertTrue(o.get("output").getAsString().startsWith("grading failed"), o.toString());
    assertTrue(r.out().contains("grading failed"), r.out());
  }
}

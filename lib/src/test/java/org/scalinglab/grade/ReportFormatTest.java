package org.scalinglab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFormatTest {
  @TempDir Path dir;

  static GradeReport report() {
    return new GradeReport("hw1.ipynb", List.of(
        new QuestionResult("q1", "Parameters", 2, 2, "passed", "", 1.5),
        new QuestionResult("q2", "FLOPs", 0, 3, "timeout", "cell 5: ran longer than 60 s and was interrupted", 60)),
        null, 70.2, List.of("kernel ready in 2.0 s"));
  }

  @Test
  void gradescopeHasThePublishedFieldNames() {
    JsonObject o = JsonParser.parseString(ReportFormat.GRADESCOPE.render(report())).getAsJsonObject();
    assertEquals(2.0, o.get("score").getAsDouble());
    assertEquals(Set.of("score", "execution_time", "output", "visibility", "tests"), o.keySet());
    JsonObject t = o.getAsJsonArray("tests").get(1).getAsJsonObject();
    assertEquals(Set.of("name", "score", "max_score", "status", "output", "visibility"), t.keySet());
    assertEquals("q2: FLOPs", t.get("name").getAsString());
    assertEquals(3.0, t.get("max_score").getAsDouble());
    assertEquals("failed", t.get("status").getAsString());
    assertEquals("timeout: cell 5: ran longer than 60 s and was interrupted", t.get("output").getAsString());
    assertEquals("visible", t.get("visibility").getAsString());
  }

  @Test
  void textAndJson() {
    String text = ReportFormat.TEXT.render(report());
    assertTrue(text.contains("ok   q1: Parameters"), text);
    assertTrue(text.contains("FAIL q2: FLOPs"), text);
    assertTrue(text.contains("Total: 2 / 5 points"), text);
    JsonObject o = JsonParser.parseString(ReportFormat.JSON.render(report())).getAsJsonObject();
    assertEquals("timeout", o.getAsJsonArray("questions").get(1).getAsJsonObject().get("status").getAsString());
    assertEquals(5.0, o.get("max_score").getAsDouble());
    assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse("xml"));
    assertEquals(ReportFormat.GRADESCOPE, ReportFormat.parse("Gradescope"));
  }

  @Test
  void rawResultsAreReadAndAMissingFileStillGivesAReport() throws IOException {
    Path raw = dir.resolve("raw.json");
    Files.writeString(raw, "{\"submission\": \"s.ipynb\", \"error\": null, \"seconds\": 3.5, \"log\": [\"x\"],"
        + " \"questions\": [{\"id\": \"q1\", \"title\": \"T\", \"score\": 9, \"max_score\": 2, \"status\": \"passed\","
        + " \"message\": \"\", \"seconds\": 1}]}");
    GradeReport r = GradeReport.readRaw(raw, "ignored");
    assertEquals("s.ipynb", r.submission());
    assertEquals(2, r.score(), "a score is capped at the question's points");
    assertEquals(List.of("x"), r.log());
    GradeReport missing = GradeReport.readRaw(dir.resolve("none.json"), "s.ipynb");
    assertEquals(0, missing.score());
    assertTrue(missing.error().startsWith("grading failed: the grading driver wrote no results"), missing.error());
    JsonObject o = JsonParser.parseString(ReportFormat.GRADESCOPE.render(missing)).getAsJsonObject();
    assertEquals(0.0, o.get("score").getAsDouble());
    assertTrue(o.get("output").getAsString().startsWith("grading failed"));
    Files.writeString(raw, "{broken");
    assertTrue(GradeReport.readRaw(raw, "s").error().contains("unreadable"));
  }

  @Test
  void questionResultRejectsImpossibleScores() {
    assertThrows(IllegalArgumentException.class, () -> new QuestionResult("q", "t", 3, 2, "passed", "", 0));
    assertEquals("q", new QuestionResult("q", null, 0, 2, null, null, 0).title());
    assertEquals("failed", new QuestionResult("q", null, 0, 2, null, null, 0).status());
  }
}

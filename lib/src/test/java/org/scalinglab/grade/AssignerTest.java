package org.scalinglab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.scalinglab.error.BadInputException;

class AssignerTest {
  static final String SOLVED = String.join("\n",
      "double twice(double x) {",
      "  // BEGIN SOLUTION",
      "  return 2 * x;",
      "  // END SOLUTION",
      "  // BEGIN STUB",
      "  // return Double.NaN;",
      "  // END STUB",
      "}");

  static JsonObject cell(String type, String source, String meta) {
    JsonObject c = new JsonObject();
    c.addProperty("cell_type", type);
    JsonObject md = new JsonObject();
    if (meta != null) md.add(Assigner.KEY, com.google.gson.JsonParser.parseString(meta));
    c.add("metadata", md);
    Assigner.setSource(c, source);
    if (type.equals("code")) {
      JsonArray outs = new JsonArray();
      JsonObject o = new JsonObject();
      o.addProperty("output_type", "stream");
      o.addProperty("text", "old output");
      outs.add(o);
      c.add("outputs", outs);
      c.addProperty("execution_count", 3);
    }
    return c;
  }

  static String master() {
    JsonObject nb = new JsonObject();
    JsonArray cells = new JsonArray();
    cells.add(cell("code", "// setup", null));
    cells.add(cell("markdown", "## Q1", null));
    cells.add(cell("code", SOLVED, "{\"question\": \"q1\", \"points\": 3, \"title\": \"Twice\"}"));
    cells.add(cell("code", "check(\"twice\", 4, twice(2), 0);", "{\"tests\": \"q1\"}"));
    cells.add(cell("code", "check(\"twice hidden\", 6, twice(3), 0);", "{\"tests\": \"q1\", \"hidden\": true}"));
    nb.add("cells", cells);
    nb.add("metadata", new JsonObject());
    return nb.toString();
  }

  @Test
  void stubReplacesTheSolutionAndUncommentsTheStub() {
    String s = Assigner.stubOut(SOLVED, "t");
    assertEquals("double twice(double x) {\n  // YOUR CODE HERE\n  return Double.NaN;\n}", s);
    assertEquals("no markers\nat all", Assigner.stubOut("no markers\nat all", "t"));
  }

  @Test
  void studentVersionHasNoSolutionsNoHiddenTestsNoOutputs() {
    Assigner.Versions v = Assigner.assign(master(), "m.ipynb");
    JsonArray cells = v.student().getAsJsonArray("cells");
    assertEquals(4, cells.size(), "the hidden test is gone");
    String text = v.studentJson();
    assertFalse(text.contains("2 * x"), "solution removed");
    assertFalse(text.contains("BEGIN"), "markers removed");
    assertFalse(text.contains("old output"));
    assertTrue(text.contains("return Double.NaN;"));
    assertTrue(cells.get(2).getAsJsonObject().get("execution_count").isJsonNull());
    JsonArray grader = v.autograder().getAsJsonArray("cells");
    assertEquals(5, grader.size(), "the autograder keeps the hidden test");
    assertFalse(v.autograderJson().contains("2 * x"), "and has no solution either");
    assertEquals(1, v.questions().size());
    QuestionSpec q = v.questions().get(0);
    assertEquals(new QuestionSpec("q1", "Twice", 3, 2, 1), q);
    JsonObject meta = v.student().getAsJsonObject("metadata").getAsJsonObject(Assigner.KEY);
    assertEquals("student", meta.get("version").getAsString());
    assertEquals("q1", meta.getAsJsonArray("questions").get(0).getAsJsonObject().get("id").getAsString());
  }

  @Test
  void badMastersAreNamedWithCellAndLine() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> Assigner.stubOut("a\n// BEGIN SOLUTION\nb", "m.ipynb, cell 3"));
    assertEquals("m.ipynb, cell 3, line 2: // BEGIN SOLUTION is never closed", e.getMessage());
    e = assertThrows(BadInputException.class, () -> Assigner.stubOut("// END SOLUTION", "c"));
    assertTrue(e.getMessage().contains("without its BEGIN line"), e.getMessage());
    e = assertThrows(BadInputException.class, () -> Assigner.assign("{not json", "x.ipynb"));
    assertTrue(e.getMessage().startsWith("x.ipynb: not a notebook"), e.getMessage());
    String orphanTest = master().replace("\"tests\":\"q1\",\"hidden\":true", "\"tests\":\"q9\"");
    e = assertThrows(BadInputException.class, () -> Assigner.assign(orphanTest, "m"));
    assertEquals("m, cell 5: tests for question 'q9', which no cell declares", e.getMessage());
    String noPoints = master().replace("\"points\":3,", "");
    e = assertThrows(BadInputException.class, () -> Assigner.assign(noPoints, "m"));
    assertTrue(e.getMessage().contains("has no points"), e.getMessage());
  }
}

package org.scalinglab.grade;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalinglab.error.BadInputException;

/**
 * Makes the student and autograder versions of a master notebook. The master marks, as nbgrader
 * and otter-grader masters do:
 * <ul>
 *   <li>a question's cells with cell metadata {@code "scalinglab": {"question": "q1", "points": 2,
 *       "title": "…"}} (points and title on any one of its cells);</li>
 *   <li>its test cells with {@code "scalinglab": {"tests": "q1"}}, hidden ones with
 *       {@code "hidden": true};</li>
 *   <li>solutions inside code between the lines {@code // BEGIN SOLUTION} and {@code // END SOLUTION};
 *       the student gets {@code // YOUR CODE HERE} instead, followed by the lines of an optional
 *       {@code // BEGIN STUB} … {@code // END STUB} block, which the master keeps commented out
 *       ({@code // return Double.NaN;}) and the student version uncomments — a stub that compiles
 *       and fails the tests.</li>
 * </ul>
 * Both versions have no outputs; the student version has no hidden tests and no solutions; the
 * autograder version has the hidden tests too (and no solutions: the grader runs the student's
 * cells, then these tests). Both record the questions in the notebook metadata
 * ({@code scalinglab.questions}), which the grader uses to find questions a student deleted.
 */
public final class Assigner {
  /** Cell and notebook metadata key. */
  public static final String KEY = "scalinglab";
  static final String BEGIN_SOLUTION = "// BEGIN SOLUTION";
  static final String END_SOLUTION = "// END SOLUTION";
  static final String BEGIN_STUB = "// BEGIN STUB";
  static final String END_STUB = "// END STUB";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  /** The two versions and the questions found. */
  public record Versions(JsonObject student, JsonObject autograder, List<QuestionSpec> questions) {
    public String studentJson() { return GSON.toJson(student) + "\n"; }
    public String autograderJson() { return GSON.toJson(autograder) + "\n"; }
  }

  private Assigner() {}

  /** Reads the master's text ({@code where} names it in messages) and makes both versions. */
  public static Versions assign(String masterJson, String where) {
    JsonObject master;
    try {
      master = JsonParser.parseString(masterJson).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new BadInputException(where + ": not a notebook (invalid JSON: " + e.getMessage() + ")");
    }
    if (!master.has("cells") || !master.get("cells").isJsonArray()) throw new BadInputException(where + ": not a notebook (no \"cells\" list)");
    List<QuestionSpec> questions = questions(master, where);
    if (questions.isEmpty()) throw new BadInputException(where + ": no question cells (cell metadata \"scalinglab\": {\"question\": …})");
    return new Versions(version(master, where, false, questions), version(master, where, true, questions), questions);
  }

  /** The questions of a notebook in order of first appearance, with their points and test counts. */
  public static List<QuestionSpec> questions(JsonObject nb, String where) {
    Map<String, String> titles = new LinkedHashMap<>();
    Map<String, Double> points = new LinkedHashMap<>();
    Map<String, int[]> tests = new LinkedHashMap<>();
    JsonArray cells = nb.getAsJsonArray("cells");
    for (int i = 0; i < cells.size(); i++) {
      JsonObject md = meta(cells.get(i).getAsJsonObject());
      if (md == null) continue;
      if (md.has("question")) {
        String id = md.get("question").getAsString();
        titles.putIfAbsent(id, id);
        if (md.has("title")) titles.put(id, md.get("title").getAsString());
        if (md.has("points")) {
          double p = md.get("points").getAsDouble();
          if (!(p >= 0)) throw new BadInputException(where + ", cell " + (i + 1) + ": points must be ≥ 0, got " + p);
          points.put(id, p);
        }
      }
    }
    for (int i = 0; i < cells.size(); i++) {
      JsonObject md = meta(cells.get(i).getAsJsonObject());
      if (md == null || !md.has("tests")) continue;
      String id = md.get("tests").getAsString();
      if (!titles.containsKey(id)) throw new BadInputException(where + ", cell " + (i + 1) + ": tests for question '" + id + "', which no cell declares");
      int[] t = tests.computeIfAbsent(id, k -> new int[2]);
      t[0]++;
      if (md.has("hidden") && md.get("hidden").getAsBoolean()) t[1]++;
    }
    List<QuestionSpec> out = new ArrayList<>();
    for (String id : titles.keySet()) {
      if (!points.containsKey(id)) throw new BadInputException(where + ": question '" + id + "' has no points (cell metadata \"points\")");
      int[] t = tests.get(id);
      if (t == null) throw new BadInputException(where + ": question '" + id + "' has no test cells (cell metadata \"tests\": \"" + id + "\")");
      out.add(new QuestionSpec(id, titles.get(id), points.get(id), t[0], t[1]));
    }
    return out;
  }

  private static JsonObject version(JsonObject master, String where, boolean autograder, List<QuestionSpec> questions) {
    JsonObject nb = master.deepCopy();
    JsonArray cells = new JsonArray();
    JsonArray src = master.getAsJsonArray("cells");
    for (int i = 0; i < src.size(); i++) {
      JsonObject cell = src.get(i).getAsJsonObject().deepCopy();
      JsonObject md = meta(cell);
      if (!autograder && md != null && md.has("hidden") && md.get("hidden").getAsBoolean()) continue;
      if ("code".equals(str(cell, "cell_type"))) {
        cell.add("outputs", new JsonArray());
        cell.add("execution_count", JsonNull.INSTANCE);
        String text = source(cell);
        if (text.contains(BEGIN_SOLUTION) || text.contains(BEGIN_STUB)) {
          setSource(cell, stubOut(text, where + ", cell " + (i + 1)));
        }
      }
      cells.add(cell);
    }
    nb.add("cells", cells);
    JsonObject nbMeta = nb.has("metadata") ? nb.getAsJsonObject("metadata") : new JsonObject();
    JsonObject mine = new JsonObject();
    mine.addProperty("version", autograder ? "autograder" : "student");
    JsonArray qs = new JsonArray();
    for (QuestionSpec q : questions) {
      JsonObject o = new JsonObject();
      o.addProperty("id", q.id());
      o.addProperty("title", q.title());
      o.addProperty("points", q.points());
      qs.add(o);
    }
    mine.add("questions", qs);
    nbMeta.add(KEY, mine);
    nb.add("metadata", nbMeta);
    return nb;
  }

  /**
   * The student's text of a code cell: each solution block becomes "// YOUR CODE HERE" (indented
   * as its marker), each stub block's lines are uncommented, the markers go.
   */
  public static String stubOut(String text, String where) {
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder();
    int mode = 0; // 0 plain, 1 in solution, 2 in stub
    int openedAt = 0;
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      String t = line.strip();
      String indent = line.substring(0, line.length() - line.stripLeading().length());
      if (t.startsWith(BEGIN_SOLUTION) || t.startsWith(BEGIN_STUB)) {
        if (mode != 0) throw new BadInputException(where + ", line " + (n + 1) + ": '" + t + "' inside another block opened on line " + openedAt);
        mode = t.startsWith(BEGIN_SOLUTION) ? 1 : 2;
        openedAt = n + 1;
        if (mode == 1) out.append(indent).append("// YOUR CODE HERE").append('\n');
        continue;
      }
      if (t.startsWith(END_SOLUTION) || t.startsWith(END_STUB)) {
        int want = t.startsWith(END_SOLUTION) ? 1 : 2;
        if (mode != want) throw new BadInputException(where + ", line " + (n + 1) + ": '" + t + "' without its BEGIN line");
        mode = 0;
        continue;
      }
      if (mode == 1) continue;
      if (mode == 2) {
        String body = line.stripLeading();
        if (body.startsWith("// ")) body = body.substring(3);
        else if (body.startsWith("//")) body = body.substring(2);
        out.append(indent).append(body).append('\n');
        continue;
      }
      out.append(line).append('\n');
    }
    if (mode != 0) throw new BadInputException(where + ", line " + openedAt + ": " + (mode == 1 ? BEGIN_SOLUTION : BEGIN_STUB) + " is never closed");
    out.setLength(Math.max(0, out.length() - 1)); // the split kept the text's own last line ending (or none)
    return out.toString();
  }

  static JsonObject meta(JsonObject cell) {
    if (!cell.has("metadata") || !cell.get("metadata").isJsonObject()) return null;
    JsonElement m = cell.getAsJsonObject("metadata").get(KEY);
    return m != null && m.isJsonObject() ? m.getAsJsonObject() : null;
  }

  static String source(JsonObject cell) {
    JsonElement s = cell.get("source");
    if (s == null || s.isJsonNull()) return "";
    if (s.isJsonPrimitive()) return s.getAsString();
    StringBuilder sb = new StringBuilder();
    for (JsonElement e : s.getAsJsonArray()) sb.append(e.getAsString());
    return sb.toString();
  }

  /** Stores the text as Jupyter does: a list of lines, each but the last ending in "\n". */
  static void setSource(JsonObject cell, String text) {
    JsonArray arr = new JsonArray();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      arr.add(new JsonPrimitive(text.substring(start, end)));
      start = end;
    }
    cell.add("source", arr);
  }

  private static String str(JsonObject o, String k) {
    return o.has(k) && o.get(k).isJsonPrimitive() ? o.get(k).getAsString() : null;
  }
}

package org.scalinglab.grade;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The grade of one submission: a result per question, plus an error when grading as a whole went
 * wrong (a notebook that is not valid JSON, a kernel that would not start) — then every question
 * counts 0 and the error says why.
 *
 * @param submission the file graded
 * @param questions one result per question of the assignment, in the master's order
 * @param error null, or one line saying why the submission could not be graded
 * @param seconds wall time of the grading
 * @param log notes of the driver (kernel restarts, time-outs, truncated output), shown to TAs
 */
public record GradeReport(String submission, List<QuestionResult> questions, String error, double seconds,
    List<String> log) {

  public GradeReport {
    questions = List.copyOf(questions);
    log = log == null ? List.of() : List.copyOf(log);
  }

  /** A report for a submission that could not be graded at all. */
  public static GradeReport failed(String submission, String error, List<QuestionResult> questions) {
    return new GradeReport(submission, questions, error, 0, List.of());
  }

  public double score() {
    return questions.stream().mapToDouble(QuestionResult::score).sum();
  }

  public double maxScore() {
    return questions.stream().mapToDouble(QuestionResult::maxScore).sum();
  }

  /**
   * Reads the driver's raw results (see {@code kernel/tools/grade_notebook.py}): an object with
   * {@code submission}, {@code error}, {@code seconds}, {@code log} and {@code questions}, each
   * with {@code id}, {@code title}, {@code score}, {@code max_score}, {@code status},
   * {@code message}, {@code seconds}. A missing or unreadable file gives a failed report that says so.
   */
  public static GradeReport readRaw(Path raw, String submission) {
    String text;
    try {
      text = Files.readString(raw, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return failed(submission, "grading failed: the grading driver wrote no results (" + raw + ": " + e.getMessage() + ")", List.of());
    }
    try {
      return fromRawJson(JsonParser.parseString(text).getAsJsonObject(), submission);
    } catch (JsonParseException | IllegalStateException | IllegalArgumentException | NullPointerException e) {
      return failed(submission, "grading failed: the grading driver's results are unreadable (" + e.getMessage() + ")", List.of());
    }
  }

  static GradeReport fromRawJson(JsonObject o, String submission) {
    List<QuestionResult> qs = new ArrayList<>();
    JsonArray arr = o.has("questions") && o.get("questions").isJsonArray() ? o.getAsJsonArray("questions") : new JsonArray();
    for (JsonElement e : arr) {
      JsonObject q = e.getAsJsonObject();
      double max = num(q, "max_score");
      double score = Math.max(0, Math.min(max, num(q, "score")));
      qs.add(new QuestionResult(str(q, "id"), str(q, "title"), score, max, str(q, "status"), str(q, "message"), num(q, "seconds")));
    }
    List<String> log = new ArrayList<>();
    if (o.has("log") && o.get("log").isJsonArray()) o.getAsJsonArray("log").forEach(l -> log.add(l.getAsString()));
    String sub = o.has("submission") && !o.get("submission").isJsonNull() ? o.get("submission").getAsString() : submission;
    return new GradeReport(sub, qs, str(o, "error"), num(o, "seconds"), log);
  }

  private static double num(JsonObject o, String k) {
    return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsDouble() : 0;
  }

  private static String str(JsonObject o, String k) {
    return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsString() : null;
  }
}

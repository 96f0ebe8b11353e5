package org.scalinglab.grade;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * The output formats of {@code ./scalinglab grade}.
 * <ul>
 *   <li>{@link #GRADESCOPE}: Gradescope's autograder {@code results.json} (fields {@code score},
 *       {@code execution_time}, {@code output}, {@code tests[]} with {@code name}, {@code score},
 *       {@code max_score}, {@code status}, {@code output}, {@code visibility}), as Gradescope's
 *       "Autograder Specifications" page documents them;</li>
 *   <li>{@link #JSON}: the full report (per question id, status, message, seconds, the driver's log);</li>
 *   <li>{@link #TEXT}: a plain-text report for the student.</li>
 * </ul>
 */
public enum ReportFormat {
  GRADESCOPE, JSON, TEXT;

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

  /** Parses "gradescope", "json" or "text" (any case). */
  public static ReportFormat parse(String s) {
    for (ReportFormat f : values()) if (f.name().equalsIgnoreCase(s)) return f;
    throw new IllegalArgumentException("--format must be gradescope, json or text, got '" + s + "'");
  }

  public String render(GradeReport r) {
    return switch (this) {
      case GRADESCOPE -> GSON.toJson(gradescope(r)) + "\n";
      case JSON -> GSON.toJson(json(r)) + "\n";
      case TEXT -> text(r);
    };
  }

  static JsonObject gradescope(GradeReport r) {
    JsonObject o = new JsonObject();
    o.addProperty("score", round(r.score()));
    o.addProperty("execution_time", Math.round(r.seconds()));
    o.addProperty("output", r.error() != null ? r.error()
        : String.format(Locale.ROOT, "%s / %s points", pts(r.score()), pts(r.maxScore())));
    o.addProperty("visibility", "visible");
    JsonArray tests = new JsonArray();
    for (QuestionResult q : r.questions()) {
      JsonObject t = new JsonObject();
      t.addProperty("name", q.id() + ": " + q.title());
      t.addProperty("score", round(q.score()));
      t.addProperty("max_score", round(q.maxScore()));
      t.addProperty("status", q.passed() ? "passed" : "failed");
      t.addProperty("output", q.passed() ? "passed" : q.status() + (q.message().isEmpty() ? "" : ": " + q.message()));
      t.addProperty("visibility", "visible");
      tests.add(t);
    }
    o.add("tests", tests);
    return o;
  }

  static JsonObject json(GradeReport r) {
    JsonObject o = new JsonObject();
    o.addProperty("submission", r.submission());
    o.addProperty("score", round(r.score()));
    o.addProperty("max_score", round(r.maxScore()));
    o.addProperty("error", r.error());
    o.addProperty("seconds", Math.round(r.seconds() * 10) / 10.0);
    JsonArray qs = new JsonArray();
    for (QuestionResult q : r.questions()) {
      JsonObject t = new JsonObject();
      t.addProperty("id", q.id());
      t.addProperty("title", q.title());
      t.addProperty("score", round(q.score()));
      t.addProperty("max_score", round(q.maxScore()));
      t.addProperty("status", q.status());
      t.addProperty("message", q.message());
      t.addProperty("seconds", Math.round(q.seconds() * 10) / 10.0);
      qs.add(t);
    }
    o.add("questions", qs);
    JsonArray log = new JsonArray();
    r.log().forEach(log::add);
    o.add("log", log);
    return o;
  }

  static String text(GradeReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append("Grade of ").append(r.submission()).append('\n');
    if (r.error() != null) sb.append("  ").append(r.error()).append('\n');
    int w = r.questions().stream().mapToInt(q -> (q.id() + ": " + q.title()).length()).max().orElse(10);
    for (QuestionResult q : r.questions()) {
      sb.append(String.format(Locale.ROOT, "  %-4s %-" + w + "s %5s / %-5s", q.passed() ? "ok" : "FAIL",
          q.id() + ": " + q.title(), pts(q.score()), pts(q.maxScore())));
      if (!q.passed()) sb.append("  ").append(q.status()).append(q.message().isEmpty() ? "" : ": " + q.message());
      sb.append('\n');
    }
    sb.append(String.format(Locale.ROOT, "Total: %s / %s points (%.1f s)%n", pts(r.score()), pts(r.maxScore()), r.seconds()));
    return sb.toString();
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }

  private static String pts(double x) {
    double r = round(x);
    return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
  }
}

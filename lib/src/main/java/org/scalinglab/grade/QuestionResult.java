package org.scalinglab.grade;

/**
 * One question's grade.
 *
 * @param id the question's id (cell metadata {@code scalinglab.question})
 * @param title a short title shown to students (the id when the master gives none)
 * @param score points earned
 * @param maxScore points possible
 * @param status what happened: passed, failed, error (the question's own cells raised), timeout,
 *     missing (no cell of the question in the submission), crashed (the kernel died in it)
 * @param message one short line: the check that failed with its expected and actual values, or the error
 * @param seconds time spent on the question's cells and tests
 */
public record QuestionResult(String id, String title, double score, double maxScore, String status,
    String message, double seconds) {

  public QuestionResult {
    if (id == null || id.isBlank()) throw new IllegalArgumentException("question id must not be blank");
    if (title == null || title.isBlank()) title = id;
    if (status == null || status.isBlank()) status = score >= maxScore ? "passed" : "failed";
    if (message == null) message = "";
    if (!(maxScore >= 0)) throw new IllegalArgumentException("question " + id + ": max score must be ≥ 0, got " + maxScore);
    if (!(score >= 0 && score <= maxScore + 1e-9)) {
      throw new IllegalArgumentException("question " + id + ": score " + score + " is not in [0, " + maxScore + "]");
    }
  }

  /** True when every test of the question passed. */
  public boolean passed() {
    return "passed".equals(status);
  }
}

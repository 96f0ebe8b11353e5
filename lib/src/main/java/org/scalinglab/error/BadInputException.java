package org.scalinglab.error;

/**
 * Bad user input: a malformed CSV, a missing column, a negative budget, a fit that cannot run.
 * The message is one line that says what is wrong and where (file, row, column); the CLI prints it
 * and exits with code 2, never with a stack trace.
 */
public class BadInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** "file, row R, column 'C': what" — rows counted as in a spreadsheet (header = row 1). */
  public static BadInputException at(String file, int row, String column, String what) {
    StringBuilder sb = new StringBuilder(file);
    if (row > 0) sb.append(", row ").append(row);
    if (column != null) sb.append(", column '").append(column).append('\'');
    return new BadInputException(sb.append(": ").append(what).toString());
  }
}

package org.scalinglab.kernel;

/** Line arithmetic on a cell's text (lines are 1-based, separated by '\n'). */
public final class LineIndex {
  private LineIndex() {}

  /** The 1-based line of character {@code offset}. */
  public static int lineOf(String text, int offset) {
    int line = 1;
    int end = Math.min(offset, text.length());
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** Offset of the first character of the line holding {@code offset}. */
  public static int lineStart(String text, int offset) {
    int i = Math.min(offset, text.length());
    while (i > 0 && text.charAt(i - 1) != '\n') {
      i--;
    }
    return i;
  }

  /** The text of 1-based line {@code line} (without its newline; "" when out of range). */
  public static String line(String text, int line) {
    String[] lines = text.split("\n", -1);
    if (line < 1 || line > lines.length) {
      return "";
    }
    String l = lines[line - 1];
    return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
  }
}

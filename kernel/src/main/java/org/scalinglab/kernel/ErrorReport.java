package org.scalinglab.kernel;

import java.util.List;

/**
 * An error as Jupyter shows it: {@code ename} (short class name), {@code evalue} (the message)
 * and the traceback lines (may hold ANSI colours, like IPython's).
 */
public record ErrorReport(String ename, String evalue, List<String> traceback) {
  public ErrorReport {
    evalue = evalue == null ? "" : evalue;
    traceback = List.copyOf(traceback);
  }

  /** The traceback without ANSI colour codes, joined by newlines (for tests and logs). */
  public String plainText() {
    return String.join("\n", traceback).replaceAll("\u001b\\[[0-9;]*m", "");
  }
}

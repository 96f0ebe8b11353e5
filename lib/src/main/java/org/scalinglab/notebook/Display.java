package org.scalinglab.notebook;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Shows an object in the notebook in the middle of a cell (a cell's last expression is shown
 * anyway). The scalinglab kernel installs a sink at start-up (by reflection, so the kernel does not
 * depend on this library) that renders XChart charts as PNG and Tablesaw tables as HTML; without a
 * kernel (plain JShell, tests, other kernels) the object's text is printed.
 */
public final class Display {
  private static volatile Consumer<Object> sink;

  private Display() {}

  /** Called by the kernel; {@code null} restores printing. */
  public static void setSink(Consumer<Object> newSink) {
    sink = newSink;
  }

  /** True when a notebook kernel renders displayed objects. */
  public static boolean inNotebook() {
    return sink != null;
  }

  /** Shows {@code value} now (rich output in the kernel, text elsewhere) and returns nothing. */
  public static void show(Object value) {
    Consumer<Object> s = sink;
    if (s != null) {
      s.accept(value);
    } else {
      System.out.println(Objects.toString(value));
    }
  }
}

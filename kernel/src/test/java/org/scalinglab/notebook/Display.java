package org.scalinglab.notebook;

import java.util.function.Consumer;

/** Test stand-in for the library's display hook (same name and setSink signature as the real one). */
public final class Display {
  private static volatile Consumer<Object> sink;

  private Display() {}

  public static void setSink(Consumer<Object> newSink) {
    sink = newSink;
  }

  public static void show(Object value) {
    Consumer<Object> s = sink;
    if (s != null) {
      s.accept(value);
    } else {
      System.out.println(value);
    }
  }
}

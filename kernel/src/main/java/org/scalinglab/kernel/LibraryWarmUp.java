package org.scalinglab.kernel;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

/**
 * Renders one tiny XChart chart and builds one Tablesaw table, by reflection through the notebook's
 * class loader, while JShell starts. Java2D's and the fonts' first use costs about a second; paying
 * it in parallel with JShell's start-up makes the first chart cell of a notebook that much faster.
 * Runs before any cell (cells wait for it), so it never races with user code; any failure is ignored.
 */
final class LibraryWarmUp {
  private LibraryWarmUp() {}

  static void run(ClassLoader loader, ValueRenderer renderer) {
    try {
      Class<?> xy = Class.forName("org.knowm.xchart.XYChart", true, loader);
      Constructor<?> ctor = xy.getConstructor(int.class, int.class);
      Object chart = ctor.newInstance(120, 80);
      Method add = xy.getMethod("addSeries", String.class, double[].class, double[].class);
      add.invoke(chart, "warm-up", new double[] {1, 2}, new double[] {2, 1});
      renderer.render(chart);
    } catch (Throwable ignored) {
      // no XChart, or no graphics: the first chart simply pays for itself
    }
    try {
      Class<?> table = Class.forName("tech.tablesaw.api.Table", true, loader);
      Class<?> column = Class.forName("tech.tablesaw.columns.Column", true, loader);
      Class<?> doubles = Class.forName("tech.tablesaw.api.DoubleColumn", true, loader);
      Object col = doubles.getMethod("create", String.class, double[].class).invoke(null, "x", new double[] {1, 2});
      Object columns = java.lang.reflect.Array.newInstance(column, 1);
      java.lang.reflect.Array.set(columns, 0, col);
      Object t = table.getMethod("create", String.class, columns.getClass()).invoke(null, "warm-up", columns);
      renderer.render(t);
    } catch (Throwable ignored) {
      // no Tablesaw: nothing to warm
    }
  }
}

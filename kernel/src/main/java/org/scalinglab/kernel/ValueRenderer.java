package org.scalinglab.kernel;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Turns a value into the representations a notebook shows. XChart charts become PNG images and
 * Tablesaw tables HTML tables; both are recognised by class name and used by reflection through
 * the value's own class loader, so the kernel has no compile-time dependency on either library.
 */
public final class ValueRenderer {
  public static final String XCHART_CHART = "org.knowm.xchart.internal.chartpart.Chart";
  public static final String XCHART_ENCODER = "org.knowm.xchart.BitmapEncoder";
  public static final String TABLESAW_TABLE = "tech.tablesaw.api.Table";
  private static final Set<String> NUMERIC_TYPES = Set.of("DOUBLE", "FLOAT", "INTEGER", "LONG", "SHORT");

  /** Rows of a table shown as HTML; the rest is summarised in a note. */
  private final int maxTableRows;

  public ValueRenderer(int maxTableRows) {
    this.maxTableRows = maxTableRows;
  }

  public ValueRenderer() {
    this(50);
  }

  /** What kind of rendering a value gets. */
  public enum Kind { CHART, TABLE, IMAGE, TEXT }

  public static Kind kindOf(Object value) {
    if (value == null) {
      return Kind.TEXT;
    }
    if (isA(value.getClass(), XCHART_CHART)) {
      return Kind.CHART;
    }
    if (isA(value.getClass(), TABLESAW_TABLE)) {
      return Kind.TABLE;
    }
    if (value instanceof RenderedImage) {
      return Kind.IMAGE;
    }
    return Kind.TEXT;
  }

  /** True when {@code type} or one of its superclasses is named {@code className}. */
  static boolean isA(Class<?> type, String className) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(className)) {
        return true;
      }
    }
    return false;
  }

  /** Renders {@code value}; never throws (a failing renderer falls back to text). */
  public MimeBundle render(Object value) {
    try {
      return switch (kindOf(value)) {
        case CHART -> renderChart(value);
        case TABLE -> renderTable(value);
        case IMAGE -> new MimeBundle().put("image/png", png((RenderedImage) value))
            .put("text/plain", imageText((RenderedImage) value));
        case TEXT -> new MimeBundle().put("text/plain", text(value));
      };
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError vme && !(t instanceof StackOverflowError)) {
        throw vme;
      }
      Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null ? t.getCause() : t;
      return new MimeBundle().put("text/plain", safeToString(value) + "\n(rendering failed: " + cause + ")");
    }
  }

  private MimeBundle renderChart(Object chart) throws Exception {
    Class<?> encoder = Class.forName(XCHART_ENCODER, true, chart.getClass().getClassLoader());
    Method get = null;
    for (Method m : encoder.getMethods()) {
      if (m.getName().equals("getBufferedImage") && m.getParameterCount() == 1
          && m.getParameterTypes()[0].isInstance(chart)) {
        get = m;
        break;
      }
    }
    if (get == null) {
      throw new NoSuchMethodException(XCHART_ENCODER + ".getBufferedImage(Chart)");
    }
    RenderedImage image = (RenderedImage) get.invoke(null, chart);
    String title = (String) chart.getClass().getMethod("getTitle").invoke(chart);
    String label = chart.getClass().getSimpleName() + ": " + (title == null || title.isBlank() ? "(untitled)" : title);
    return new MimeBundle().put("image/png", png(image)).put("text/plain", label);
  }

  private MimeBundle renderTable(Object table) throws Exception {
    Class<?> k = table.getClass();
    int rowCount = (Integer) k.getMethod("rowCount").invoke(table);
    int colCount = (Integer) k.getMethod("columnCount").invoke(table);
    @SuppressWarnings("unchecked")
    List<String> names = (List<String>) k.getMethod("columnNames").invoke(table);
    String name = (String) k.getMethod("name").invoke(table);
    Method getString = k.getMethod("getString", int.class, int.class);
    Method column = k.getMethod("column", int.class);
    List<Boolean> numeric = new ArrayList<>();
    for (int j = 0; j < colCount; j++) {
      Object col = column.invoke(table, j);
      Object type = col.getClass().getMethod("type").invoke(col);
      numeric.add(NUMERIC_TYPES.contains(String.valueOf(type.getClass().getMethod("name").invoke(type))));
    }
    int shown = Math.min(rowCount, maxTableRows);
    List<List<String>> rows = new ArrayList<>(shown);
    for (int i = 0; i < shown; i++) {
      List<String> row = new ArrayList<>(colCount);
      for (int j = 0; j < colCount; j++) {
        row.add((String) getString.invoke(table, i, j));
      }
      rows.add(row);
    }
    String html = new HtmlTable(name, names, numeric, rows, rowCount).toHtml();
    String plain = (String) k.getMethod("print").invoke(table);
    return new MimeBundle().put("text/html", html).put("text/plain", plain);
  }

  static String png(RenderedImage image) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    if (!ImageIO.write(image, "png", bytes)) {
      throw new IOException("no PNG writer for this image");
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  private static String imageText(RenderedImage image) {
    return "image " + image.getWidth() + "×" + image.getHeight();
  }

  /** The text form: strings as they are, arrays element by element, everything else toString(). */
  public static String text(Object value) {
    if (value == null) {
      return "null";
    }
    if (value.getClass().isArray()) {
      if (value instanceof Object[] a) {
        return Arrays.deepToString(a);
      }
      if (value instanceof double[] a) {
        return Arrays.toString(a);
      }
      if (value instanceof int[] a) {
        return Arrays.toString(a);
      }
      if (value instanceof long[] a) {
        return Arrays.toString(a);
      }
      if (value instanceof float[] a) {
        return Arrays.toString(a);
      }
      if (value instanceof boolean[] a) {
        return Arrays.toString(a);
      }
      if (value instanceof char[] a) {
        return Arrays.toString(a);
      }
      if (value instanceof byte[] a) {
        return Arrays.toString(a);
      }
      if (value instanceof short[] a) {
        return Arrays.toString(a);
      }
    }
    return safeToString(value);
  }

  private static String safeToString(Object value) {
    try {
      return String.valueOf(value);
    } catch (Throwable t) {
      return value.getClass().getName() + " (toString failed: " + t + ")";
    }
  }
}

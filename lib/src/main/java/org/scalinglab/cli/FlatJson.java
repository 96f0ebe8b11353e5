package org.scalinglab.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A one-level JSON object for {@code --json} output: string and number fields in insertion order.
 * Written by hand because the output is a handful of flat fields and the project has no JSON library.
 */
final class FlatJson {
  private final Map<String, String> fields = new LinkedHashMap<>();

  FlatJson put(String key, String value) {
    fields.put(key, quote(value));
    return this;
  }

  FlatJson put(String key, long value) {
    fields.put(key, Long.toString(value));
    return this;
  }

  FlatJson put(String key, boolean value) {
    fields.put(key, Boolean.toString(value));
    return this;
  }

  FlatJson put(String key, double value) {
    if (!Double.isFinite(value)) throw new IllegalStateException("JSON has no " + value + " (field " + key + ")");
    fields.put(key, value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.format(Locale.ROOT, "%.1f", value) : Double.toString(value));
    return this;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (sb.length() > 1) sb.append(", ");
      sb.append(quote(e.getKey())).append(": ").append(e.getValue());
    }
    return sb.append('}').toString();
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.append('"').toString();
  }
}

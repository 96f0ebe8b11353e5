package org.scalinglab.kernel;

import java.util.List;

/**
 * Drops whole output lines that libraries print straight to System.out/err and that never belong
 * in a notebook: SLF4J's "no binding" warnings and SameDiff's per-op "Added differentiated op"
 * lines (ND4J 1.0.0-M2.1 prints one per op with System.out when it builds gradients — 116 lines for a
 * 4-layer GPT, measured with SameDiffGradientOracleTest's model — so logging settings cannot silence them).
 */
public final class NoiseFilter {
  private final List<String> prefixes;

  public NoiseFilter(List<String> prefixes) {
    this.prefixes = List.copyOf(prefixes);
  }

  public static NoiseFilter standard() {
    return new NoiseFilter(List.of("SLF4J: ", "Added differentiated op "));
  }

  /** True when a complete line is noise. */
  public boolean isNoise(String line) {
    for (String p : prefixes) {
      if (line.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** True when an unfinished line may still turn out to be noise (so it is held back). */
  public boolean mayBecomeNoise(String partial) {
    if (partial.isEmpty()) {
      return false;
    }
    for (String p : prefixes) {
      if (p.startsWith(partial) || partial.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** Removes noise lines from text made of complete lines (each ending in '\n' except maybe the last). */
  public String filter(String text) {
    if (prefixes.isEmpty() || text.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      String line = text.substring(start, end);
      if (!isNoise(line)) {
        out.append(line);
      }
      start = end;
    }
    return out.toString();
  }
}

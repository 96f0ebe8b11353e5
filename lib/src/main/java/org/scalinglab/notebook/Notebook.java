package org.scalinglab.notebook;

/**
 * Statically imported by every notebook's shared setup cell ({@code notebooks/setup.jsh}).
 * Re-exports the display helper and tells whether the notebook runs in CI, where notebooks use
 * their small presets.
 */
public final class Notebook {
  private Notebook() {}

  /** Shows a chart, table or any value now; see {@link Display#show(Object)}. */
  public static void show(Object value) {
    Display.show(value);
  }

  /** True when the environment variable CI is set to a true-ish value (CI=true on the CI runner). */
  public static boolean isCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
  }
}

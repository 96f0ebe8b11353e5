package org.scalinglab.notebook;

import java.nio.file.Files;
import java.nio.file.Path;

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

  /**
   * The project's {@code build/} folder, where notebooks keep what they compute (sweep ledgers,
   * checkpoints, caches), wherever the kernel was started: {@code $SCALINGLAB_BUILD} when set (the
   * launcher's own override), else {@code build/} beside the data folder the launcher passes as
   * {@code -Dscalinglab.data}, else {@code build/} in the first folder upwards from the working
   * directory that holds {@code notebooks/setup.jsh}, else {@code build/} in the working directory.
   */
  public static Path buildDir() {
    String env = System.getenv("SCALINGLAB_BUILD");
    if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath();
    String data = System.getProperty("scalinglab.data");
    if (data != null && !data.isBlank() && Path.of(data).toAbsolutePath().getParent() != null) {
      return Path.of(data).toAbsolutePath().getParent().resolve("build");
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("notebooks").resolve("setup.jsh"))) return dir.resolve("build");
    }
    return Path.of("build").toAbsolutePath();
  }

  /** The ledger folder of the sweep or experiment called {@code name}: {@code build/runs/NAME}. */
  public static Path runsDir(String name) {
    return buildDir().resolve("runs").resolve(name);
  }
}

package org.scalinglab.data;

import org.scalinglab.error.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the project's {@code data/} folder, so that notebooks (run from {@code notebooks/}), the CLI
 * and tests (run from {@code lib/}) all load the same committed files. Order: the system property
 * {@code scalinglab.data}, the environment variable {@code SCALINGLAB_DATA}, then {@code data/} in the
 * working directory or up to four of its parents.
 */
public final class DataDir {
  private DataDir() {}

  /** The path of a file in the data folder; BadInputException naming where it looked if absent. */
  public static Path file(String name) {
    StringBuilder looked = new StringBuilder();
    String prop = System.getProperty("scalinglab.data");
    if (prop != null && !prop.isBlank()) {
      Path p = Paths.get(prop, name);
      if (Files.isRegularFile(p)) return p;
      looked.append(p).append("; ");
    }
    String env = System.getenv("SCALINGLAB_DATA");
    if (env != null && !env.isBlank()) {
      Path p = Paths.get(env, name);
      if (Files.isRegularFile(p)) return p;
      looked.append(p).append("; ");
    }
    Path dir = Paths.get("").toAbsolutePath();
    for (int up = 0; up <= 4 && dir != null; up++, dir = dir.getParent()) {
      Path p = dir.resolve("data").resolve(name);
      if (Files.isRegularFile(p)) return p;
    }
    throw new BadInputException("data file '" + name + "' not found (looked in " + looked
        + "data/ of " + Paths.get("").toAbsolutePath() + " and its parents; set -Dscalinglab.data=DIR)");
  }
}

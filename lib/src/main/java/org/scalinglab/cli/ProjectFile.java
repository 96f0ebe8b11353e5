package org.scalinglab.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scalinglab.error.BadInputException;

/**
 * Finds a file of the project checkout (a benchmark script, a data file) by walking upwards from the
 * working directory and from the folder of the library's jar, so that commands work when run from any
 * folder of the checkout and through the launcher. The one place the CLI does this; the library's data
 * files are found by {@link org.scalinglab.data.DataDir}, which also honours {@code -Dscalinglab.data}.
 */
final class ProjectFile {
  private ProjectFile() {}

  /** The file at {@code relative} below the first folder that has it, or null. */
  static Path find(String relative) {
    List<Path> roots = new ArrayList<>();
    roots.add(Path.of("").toAbsolutePath());
    try {
      roots.add(Path.of(ProjectFile.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath());
    } catch (URISyntaxException | RuntimeException ex) {
      // no code source (e.g. loaded inside a notebook): the working directory must do
    }
    for (Path root : roots) {
      for (Path dir = root; dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve(relative);
        if (Files.isRegularFile(candidate)) return candidate;
      }
    }
    return null;
  }

  /** Like {@link #find} but a missing file is a {@link BadInputException} naming where it looked and the option to use. */
  static Path require(String relative, String option) {
    Path p = find(relative);
    if (p == null) {
      throw new BadInputException(relative + ": not found from " + Path.of("").toAbsolutePath()
          + " or the jar's folder upwards; run from the project folder or pass " + option);
    }
    return p;
  }
}

package org.scalinglab.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The class path the notebook's snippets see: the entries of {@code SCALINGLAB_CLASSPATH} and
 * {@code JJAVA_CLASSPATH} (separated by {@link File#pathSeparator}). An entry ending in {@code /*}
 * stands for every {@code .jar} in that folder (sorted by name, like {@code java -cp dir/*}).
 * Missing files are skipped; duplicates are kept once, first occurrence wins.
 */
public record ClassPathEntries(List<Path> paths) {
  /** Environment variables read, in order. */
  public static final List<String> VARIABLES = List.of("SCALINGLAB_CLASSPATH", "JJAVA_CLASSPATH");

  public ClassPathEntries {
    paths = List.copyOf(paths);
  }

  /** Entries from the process environment. */
  public static ClassPathEntries fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** Entries from the given environment (for tests). */
  public static ClassPathEntries fromEnvironment(Map<String, String> env) {
    List<String> specs = new ArrayList<>();
    for (String var : VARIABLES) {
      String value = env.get(var);
      if (value != null && !value.isBlank()) {
        specs.add(value);
      }
    }
    return parse(String.join(File.pathSeparator, specs));
  }

  /** Parses a path-separator separated class path, expanding {@code dir/*} wildcards. */
  public static ClassPathEntries parse(String spec) {
    Set<Path> out = new LinkedHashSet<>();
    if (spec != null) {
      for (String raw : spec.split(File.pathSeparator)) {
        String entry = raw.strip();
        if (entry.isEmpty()) {
          continue;
        }
        if (entry.equals("*") || entry.endsWith(File.separator + "*") || entry.endsWith("/*")) {
          Path dir = Path.of(entry.substring(0, entry.length() - 1).isEmpty() ? "." : entry.substring(0, entry.length() - 1));
          out.addAll(jarsIn(dir));
        } else {
          Path p = Path.of(entry).toAbsolutePath().normalize();
          if (Files.exists(p)) {
            out.add(p);
          }
        }
      }
    }
    return new ClassPathEntries(new ArrayList<>(out));
  }

  private static List<Path> jarsIn(Path dir) {
    List<Path> jars = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return jars;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if ((name.endsWith(".jar")) && Files.isRegularFile(p)) {
          jars.add(p.toAbsolutePath().normalize());
        }
      }
    } catch (IOException e) {
      return jars;
    }
    jars.sort(null);
    return jars;
  }

  /** The entries joined with the platform path separator (for the compiler). */
  public String asPathString() {
    StringBuilder sb = new StringBuilder();
    for (Path p : paths) {
      if (sb.length() > 0) {
        sb.append(File.pathSeparator);
      }
      sb.append(p);
    }
    return sb.toString();
  }

  public boolean isEmpty() {
    return paths.isEmpty();
  }
}

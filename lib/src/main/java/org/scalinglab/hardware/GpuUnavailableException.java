package org.scalinglab.hardware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.scalinglab.error.BadInputException;

/**
 * The GPU path cannot run here: no NVIDIA driver ({@code libcuda.so.1}), no device, a missing CUDA
 * library, a JDK older than 22, or the gpu module not built. The message is one line that names
 * what is missing; the CLI prints it and exits with code 2, as for any {@link BadInputException}
 * (asking for {@code --device cuda} on a machine without one is a request that cannot be met).
 */
public class GpuUnavailableException extends BadInputException {
  private static final long serialVersionUID = 1L;

  /** The one line for a machine without a driver (the wording; tests and scripts look for it). */
  public static final String NO_DRIVER = "no NVIDIA driver found: libcuda.so.1 not loadable";

  public GpuUnavailableException(String message) {
    super(message);
  }

  public GpuUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** This JVM is older than {@link GpuBackend#MIN_JDK}: names a newer JDK found on this machine, if any. */
  static GpuUnavailableException oldJdk(int feature, String javaHome) {
    StringBuilder sb = new StringBuilder("the GPU path needs JDK ").append(GpuBackend.MIN_JDK)
        .append(" or newer (java.lang.foreign); this is Java ").append(feature);
    if (javaHome != null) sb.append(" (").append(javaHome).append(')');
    Path newer = newerJdk(Path.of("/usr/lib/jvm"));
    if (newer != null) {
      sb.append(". A newer JDK is installed: run with it, e.g. JAVA_HOME=").append(newer)
          .append(" PATH=$JAVA_HOME/bin:$PATH ./scalinglab gpu-info");
    } else {
      sb.append(". Install one (Temurin 25 from https://adoptium.net, Debian 13/Ubuntu 24.04: "
          + "openjdk-25-jdk-headless), put its bin/ first on PATH and run ./scalinglab gpu-info");
    }
    return new GpuUnavailableException(sb.toString());
  }

  static GpuUnavailableException moduleMissing() {
    return new GpuUnavailableException("the gpu module (gpu/ in this repository) is not on the class path: "
        + "build it with a JDK " + GpuBackend.MIN_JDK + "+ (JAVA_HOME=/path/to/jdk-25 mvn -pl gpu -am package "
        + "-DskipTests; ./scalinglab does this when its java is 22+)");
  }

  /** The newest JDK folder under {@code jvmDir} whose {@code release} file says version ≥ 22; null when none. */
  static Path newerJdk(Path jvmDir) {
    List<Path> found = new ArrayList<>();
    int best = -1;
    Path bestPath = null;
    try (Stream<Path> dirs = Files.list(jvmDir)) {
      dirs.sorted().forEach(found::add);
    } catch (IOException | RuntimeException ex) {
      return null;  // no such folder: no suggestion
    }
    for (Path d : found) {
      int v = releaseVersion(d.resolve("release"));
      if (v >= GpuBackend.MIN_JDK && v > best && Files.isExecutable(d.resolve("bin/java"))) {
        best = v;
        bestPath = d;
      }
    }
    return bestPath;
  }

  /** JAVA_VERSION's major number from a JDK's release file; -1 when unreadable. */
  static int releaseVersion(Path release) {
    try {
      for (String line : Files.readAllLines(release)) {
        if (line.startsWith("JAVA_VERSION=")) {
          String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          int end = 0;
          while (end < v.length() && Character.isDigit(v.charAt(end))) end++;
          return end == 0 ? -1 : Integer.parseInt(v.substring(0, end));
        }
      }
    } catch (IOException | RuntimeException ex) {
      // unreadable: not a JDK we can suggest
    }
    return -1;
  }
}

package org.scalinglab.gpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.scalinglab.hardware.CudaKernels;

/**
 * The project's CUDA C sources: every {@code .cu} resource under {@code org/scalinglab/cuda/} in lib
 * (read through {@link CudaKernels#source}), the kernels each defines ({@code extern "C" __global__}
 * functions, whose names are not mangled) and the headers it includes ({@code #include "x.cuh"},
 * resources of the same folder, handed to NVRTC by name).
 */
public final class KernelSources {
  private static final String FOLDER = "org/scalinglab/cuda/";
  private static final Pattern KERNEL = Pattern.compile(
      "extern\\s+\"C\"\\s+__global__\\s+(?:__launch_bounds__\\s*\\([^)]*\\)\\s*)?void\\s+"
          + "(?:__launch_bounds__\\s*\\([^)]*\\)\\s*)?(\\w+)\\s*\\(");
  private static final Pattern INCLUDE = Pattern.compile("^\\s*#\\s*include\\s+\"([^\"]+)\"", Pattern.MULTILINE);

  private KernelSources() {}

  /** One source file: its text, kernels and headers. */
  public record Source(String file, String text, List<String> kernels, Map<String, String> headers) {}

  /** The {@code .cu} files of the resource folder, sorted. */
  public static List<String> files() {
    TreeSet<String> out = new TreeSet<>();
    try {
      Path where = Path.of(CudaKernels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(where)) {
        Path dir = where.resolve(FOLDER);
        if (Files.isDirectory(dir)) {
          try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cu")).forEach(out::add);
          }
        }
      } else {
        try (JarFile jar = new JarFile(where.toFile())) {
          Enumeration<JarEntry> e = jar.entries();
          while (e.hasMoreElements()) {
            String n = e.nextElement().getName();
            if (n.startsWith(FOLDER) && n.endsWith(".cu") && n.indexOf('/', FOLDER.length()) < 0) {
              out.add(n.substring(FOLDER.length()));
            }
          }
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot list the CUDA kernel resources", ex);
    } catch (URISyntaxException | RuntimeException ex) {
      throw new IllegalStateException("cannot find lib's classes to list the CUDA kernel resources: " + ex, ex);
    }
    if (out.isEmpty()) throw new IllegalStateException("no CUDA kernel resources under " + FOLDER);
    return List.copyOf(out);
  }

  public static Source read(String file) {
    String text = CudaKernels.source(file);
    return new Source(file, text, kernels(text), headers(text));
  }

  public static List<Source> all() {
    List<Source> out = new ArrayList<>();
    for (String f : files()) out.add(read(f));
    return out;
  }

  /** The {@code extern "C" __global__} kernels a source defines, in order. */
  public static List<String> kernels(String source) {
    List<String> out = new ArrayList<>();
    Matcher m = KERNEL.matcher(stripComments(source));
    while (m.find()) if (!out.contains(m.group(1))) out.add(m.group(1));
    return out;
  }

  /** The quoted includes of a source, read (recursively) from the same resource folder. */
  static Map<String, String> headers(String source) {
    Map<String, String> out = new LinkedHashMap<>();
    addHeaders(stripComments(source), out);
    return out;
  }

  private static void addHeaders(String source, Map<String, String> out) {
    Matcher m = INCLUDE.matcher(source);
    while (m.find()) {
      String name = m.group(1);
      if (out.containsKey(name)) continue;
      String text = CudaKernels.source(name);
      out.put(name, text);
      addHeaders(stripComments(text), out);
    }
  }

  /** The source with its comments blanked out (so a kernel in a comment is not counted). */
  static String stripComments(String s) {
    return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", "");
  }
}

package org.scalinglab.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the CUDA libraries are. The driver ({@code libcuda.so.1}) comes with the NVIDIA driver and is
 * loaded by its soname through the system loader; NVRTC and cuBLAS come with a CUDA toolkit, a conda
 * environment or PyTorch's pip packages ({@code nvidia-cuda-nvrtc}, {@code nvidia-cublas}, which put
 * them in {@code site-packages/nvidia/<package>/lib}, or {@code nvidia/cu13/lib} for CUDA 13), so they
 * are searched for in, in this order:
 * <ol>
 *   <li>{@code $SCALINGLAB_CUDA_LIBS} (a path list; {@code tools/gpu-check.sh} may set it);
 *   <li>{@code $CUDA_HOME} and {@code $CUDA_PATH} ({@code lib64}, {@code lib}, {@code targets/x86_64-linux/lib});
 *   <li>{@code $LD_LIBRARY_PATH};
 *   <li>{@code /usr/local/cuda/lib64} and {@code /usr/local/cuda-*}{@code /lib64}, newest first;
 *   <li>the {@code nvidia/*}{@code /lib} folders of Python's site-packages, found without running
 *       Python: {@code $SCALINGLAB_PYTHON_SITE}, {@code $VIRTUAL_ENV}, {@code $CONDA_PREFIX},
 *       {@code /opt/conda}, {@code ~/.local}, {@code /usr/local/lib/python3*}, {@code /usr/lib/python3*}
 *       ({@code site-packages} and {@code dist-packages});
 *   <li>{@code $CONDA_PREFIX/lib} and the system library folders ({@code /usr/lib/x86_64-linux-gnu}, {@code /usr/lib64}).
 * </ol>
 * Sonames are tried newest major first ({@code .13}, {@code .12}, {@code .11}), but never a major newer
 * than the driver's CUDA version (PTX from a newer NVRTC does not load on an older driver). When no
 * folder has a library, loading it by soname through the system loader ({@code ldconfig}'s cache) is
 * the last resort ({@link Found#path()} empty).
 *
 * <p>The search is over an {@link Env} (the environment variables, the home folder and a file-system
 * root), so the tests run it on fake trees of empty files named like the sonames.
 */
public final class CudaLibraryLocator {
  /** A CUDA library: its name in reports and the file names it may have, preferred first. */
  public enum Library {
    NVRTC("NVRTC", "libnvrtc.so", new int[] {13, 12, 11}),
    CUBLAS("cuBLAS", "libcublas.so", new int[] {13, 12, 11}),
    CUBLAS_LT("cuBLASLt", "libcublasLt.so", new int[] {13, 12, 11});

    private final String title;
    private final String base;
    private final int[] majors;

    Library(String title, String base, int[] majors) {
      this.title = title;
      this.base = base;
      this.majors = majors;
    }

    public String title() {
      return title;
    }

    /**
     * The sonames to try, preferred first, majors above {@code maxMajor} left out (≤ 0: no limit).
     * NVRTC of CUDA 11.2–11.8 is {@code libnvrtc.so.11.2}.
     */
    public List<String> sonames(int maxMajor) {
      List<String> out = new ArrayList<>();
      for (int m : majors) {
        if (maxMajor > 0 && m > maxMajor) continue;
        if (this == NVRTC && m == 11) out.add(base + ".11.2");
        out.add(base + "." + m);
      }
      return out;
    }
  }

  /** The driver's soname (it is the same for every driver version). */
  public static final String DRIVER_SONAME = "libcuda.so.1";

  /**
   * What the search sees.
   *
   * @param env environment variables
   * @param home the user's home folder (for {@code ~/.local}); may be null
   * @param root the file system's root ({@code /}; a temporary folder in the tests) under which the
   *     fixed locations ({@code /usr/local/cuda}, {@code /usr/lib/python3*}, ...) are looked up
   */
  public record Env(Map<String, String> env, Path home, Path root) {
    public static Env system() {
      String home = System.getProperty("user.home");
      return new Env(System.getenv(), home == null ? null : Path.of(home), Path.of("/"));
    }

    String get(String name) {
      String v = env.get(name);
      return v == null || v.isBlank() ? null : v;
    }

    Path fixed(String absolute) {
      return root.resolve(absolute.substring(1));
    }
  }

  /**
   * One library's result.
   *
   * @param library which
   * @param soname the file name found (or, without a path, the soname left to the system loader)
   * @param path where it is; empty when no searched folder had it
   */
  public record Found(Library library, String soname, Optional<Path> path) {
    /** The major CUDA version of the soname ({@code libnvrtc.so.12} → 12), -1 when none. */
    public int major() {
      String rest = soname.substring(soname.indexOf(".so.") + 4);
      int dot = rest.indexOf('.');
      try {
        return Integer.parseInt(dot < 0 ? rest : rest.substring(0, dot));
      } catch (NumberFormatException ex) {
        return -1;
      }
    }

    public String where() {
      return path.map(Path::toString).orElse(soname + " (left to the system loader)");
    }
  }

  private final Env env;
  private List<Path> dirs;

  public CudaLibraryLocator(Env env) {
    this.env = env;
  }

  public static CudaLibraryLocator system() {
    return new CudaLibraryLocator(Env.system());
  }

  /** The folders searched, in order, existing ones only, each once. */
  public List<Path> searchDirs() {
    if (dirs != null) return dirs;
    Set<Path> out = new LinkedHashSet<>();
    for (String p : pathList(env.get("SCALINGLAB_CUDA_LIBS"))) out.add(Path.of(p));
    for (String var : new String[] {"CUDA_HOME", "CUDA_PATH"}) {
      String home = env.get(var);
      if (home != null) addToolkit(out, Path.of(home));
    }
    for (String p : pathList(env.get("LD_LIBRARY_PATH"))) out.add(Path.of(p));
    addToolkit(out, env.fixed("/usr/local/cuda"));
    for (Path versioned : childrenNewestFirst(env.fixed("/usr/local"), "cuda-")) addToolkit(out, versioned);
    for (Path site : sitePackages()) {
      for (Path pkg : childrenNewestFirst(site.resolve("nvidia"), "")) {
        out.add(pkg.resolve("lib"));
        out.add(pkg.resolve("lib64"));
      }
    }
    String conda = env.get("CONDA_PREFIX");
    if (conda != null) out.add(Path.of(conda, "lib"));
    out.add(env.fixed("/usr/lib/x86_64-linux-gnu"));
    out.add(env.fixed("/usr/lib64"));
    out.add(env.fixed("/usr/lib"));
    List<Path> existing = new ArrayList<>();
    for (Path p : out) {
      if (Files.isDirectory(p)) existing.add(p.normalize());
    }
    dirs = List.copyOf(new LinkedHashSet<>(existing));
    return dirs;
  }

  /** Python site-packages folders (existing ones), found by their usual locations, not by running Python. */
  public List<Path> sitePackages() {
    Set<Path> prefixes = new LinkedHashSet<>();
    List<Path> direct = new ArrayList<>();
    for (String p : pathList(env.get("SCALINGLAB_PYTHON_SITE"))) direct.add(Path.of(p));
    for (String var : new String[] {"VIRTUAL_ENV", "CONDA_PREFIX"}) {
      String v = env.get(var);
      if (v != null) prefixes.add(Path.of(v, "lib"));
    }
    prefixes.add(env.fixed("/opt/conda/lib"));
    if (env.home() != null) {
      prefixes.add(env.home().resolve(".local/lib"));
      prefixes.add(env.home().resolve("miniconda3/lib"));
      prefixes.add(env.home().resolve("anaconda3/lib"));
    }
    prefixes.add(env.fixed("/usr/local/lib"));
    prefixes.add(env.fixed("/usr/lib"));
    Set<Path> out = new LinkedHashSet<>(direct);
    for (Path prefix : prefixes) {
      for (Path py : childrenNewestFirst(prefix, "python3")) {
        out.add(py.resolve("site-packages"));
        out.add(py.resolve("dist-packages"));
      }
    }
    List<Path> existing = new ArrayList<>();
    for (Path p : out) if (Files.isDirectory(p)) existing.add(p);
    return existing;
  }

  /**
   * The library's file: the first soname (preferred first, none newer than {@code maxMajor}) that a
   * searched folder holds; else the first soname left to the system loader.
   */
  public Found find(Library lib, int maxMajor) {
    List<String> names = lib.sonames(maxMajor);
    if (names.isEmpty()) names = lib.sonames(0);
    for (String soname : names) {
      for (Path dir : searchDirs()) {
        Path f = dir.resolve(soname);
        if (Files.exists(f)) return new Found(lib, soname, Optional.of(f));
      }
    }
    return new Found(lib, names.get(0), Optional.empty());
  }

  /** Every file a searched folder holds for {@code lib}, in search order (for the report). */
  public List<Found> findAll(Library lib) {
    List<Found> out = new ArrayList<>();
    for (String soname : lib.sonames(0)) {
      for (Path dir : searchDirs()) {
        Path f = dir.resolve(soname);
        if (Files.exists(f)) out.add(new Found(lib, soname, Optional.of(f)));
      }
    }
    return out;
  }

  /**
   * NVRTC's builtins library next to {@code nvrtc} ({@code libnvrtc-builtins.so.12.6} beside
   * {@code libnvrtc.so.12}): loaded first, by path, so NVRTC finds it even when its folder is not on
   * the loader's path (a pip package's folder).
   */
  public static Optional<Path> nvrtcBuiltins(Path nvrtc) {
    String name = nvrtc.getFileName().toString();
    int at = name.indexOf(".so.");
    if (at < 0 || nvrtc.getParent() == null) return Optional.empty();
    String major = name.substring(at + 4).split("\\.")[0];
    String prefix = "libnvrtc-builtins.so." + major;
    try (Stream<Path> files = Files.list(nvrtc.getParent())) {
      return files.filter(f -> {
            String n = f.getFileName().toString();
            return n.equals(prefix) || n.startsWith(prefix + ".");
          })
          .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()))
          .findFirst();
    } catch (IOException ex) {
      return Optional.empty();
    }
  }

  private static void addToolkit(Set<Path> out, Path home) {
    out.add(home.resolve("lib64"));
    out.add(home.resolve("lib"));
    out.add(home.resolve("targets/x86_64-linux/lib"));
  }

  private static List<String> pathList(String value) {
    List<String> out = new ArrayList<>();
    if (value == null) return out;
    for (String p : value.split(":")) if (!p.isBlank()) out.add(p);
    return out;
  }

  /** The sub-folders of {@code dir} whose names start with {@code prefix}, in descending name order. */
  private static List<Path> childrenNewestFirst(Path dir, String prefix) {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory)
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .sorted((a, b) -> compareVersions(b.getFileName().toString(), a.getFileName().toString()))
          .toList();
    } catch (IOException ex) {
      return List.of();
    }
  }

  /** Names compared with their digit runs as numbers ({@code python3.12} after {@code python3.9}). */
  static int compareVersions(String a, String b) {
    int i = 0, j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i), cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int si = i, sj = j;
        while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
        while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
        long na = Long.parseLong(a.substring(si, Math.min(i, si + 18)));
        long nb = Long.parseLong(b.substring(sj, Math.min(j, sj + 18)));
        if (na != nb) return Long.compare(na, nb);
      } else {
        if (ca != cb) return Character.compare(ca, cb);
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}

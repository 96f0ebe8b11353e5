package org.scalinglab.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which ND4J backend this process runs on, and which GPUs, reported when the trainer starts.
 *
 * <h2>CPU build (default) and CUDA build ({@code -Pcuda})</h2>
 * The default build uses ND4J's CPU backend ({@code nd4j-native}). The Maven profile
 * {@code -Pcuda} of {@code lib/pom.xml} swaps in ND4J's CUDA backend
 * ({@code org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1}, ≈600 MB, plus the CUDA 11.6 libraries: either
 * installed on the machine or the optional {@code org.bytedeco:cuda:11.6-8.3-1.5.7:linux-x86_64-redist},
 * ≈1.8 GB). That backend's kernels are compiled for compute capability 3.7–8.6, which also run on
 * 8.9 (same major version), and it ships no PTX, so GPUs of compute capability 9.0 and newer
 * (Hopper H100/H200, Blackwell) cannot run it; {@link #cudaSupport} is that rule.
 *
 * <h2>What the GPU accelerates — and what it does not</h2>
 * The trainer's engine ({@link Transformer}, {@link Lstm}) is hand-written for the CPU: its matrix
 * products call OpenBLAS {@code cblas_sgemm} on host memory and its element-wise work is Java
 * loops. It is CPU-only, on either build: under the CUDA backend it still trains on the CPU
 * (its memory is then plain host memory, see {@link NativeFloats}). What the CUDA build
 * accelerates is ND4J's own operations — {@code INDArray} maths and SameDiff graphs (for example
 * the SameDiff gradient oracle in the tests) — not this trainer. The report says so.
 *
 * @param backend "CPU" or "CUDA" (ND4J's own name for the loaded backend)
 * @param backendClass the backend's class, e.g. {@code CpuBackend} or {@code JCublasBackend}
 * @param blasVendor the BLAS ND4J reports (e.g. OPENBLAS, CUBLAS)
 * @param cores CPU cores ND4J sees
 * @param gpus the CUDA devices (empty on the CPU backend)
 */
public record BackendReport(String backend, String backendClass, String blasVendor, int cores, List<Gpu> gpus) {
  /** The CUDA backend the {@code -Pcuda} profile puts on the class path (no ND4J release has kernels for 9.0). */
  public static final String CUDA_ARTIFACT = "org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1";
  private static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

  /** One CUDA device: name and compute capability major.minor. */
  public record Gpu(String name, int major, int minor) {
    public String capability() {
      return major + "." + minor;
    }
  }

  /** Whether ND4J 1.0.0-M2.1's CUDA backend can run on a GPU, and if not, the one-line reason. */
  public record CudaSupport(boolean supported, String message) {}

  public BackendReport {
    gpus = List.copyOf(gpus);
  }

  /**
   * The rule for ND4J 1.0.0-M2.1's CUDA backend (FACTS.md, "GPUs"): kernels for compute capability
   * 3.7 to 8.6 and no PTX. A kernel compiled for X.Y runs on X.Z with Z ≥ Y (same major version),
   * so 8.9 (Ada) works; 9.0 and newer cannot (no kernel, no PTX to compile one from), and neither
   * can anything below 3.7.
   */
  public static CudaSupport cudaSupport(int major, int minor) {
    if (major < 0 || minor < 0) throw new IllegalArgumentException("compute capability must be non-negative, got " + major + "." + minor);
    if (major >= 9) {
      return new CudaSupport(false, "the ND4J 1.0.0-M2.1 CUDA backend has kernels for compute capability 3.7–8.6 (runs on 8.9) "
          + "and no PTX, so it cannot run on this GPU; use the CPU build (default)");
    }
    if (major < 3 || (major == 3 && minor < 7)) {
      return new CudaSupport(false, "the ND4J 1.0.0-M2.1 CUDA backend needs compute capability 3.7 or newer; "
          + "use the CPU build (default)");
    }
    return new CudaSupport(true, "compute capability " + major + "." + minor + " is supported by the ND4J 1.0.0-M2.1 CUDA backend");
  }

  /** Whether ND4J's CUDA backend is on the class path (the {@code -Pcuda} build), without loading it. */
  public static boolean cudaBackendPresent() {
    try {
      Class.forName(CUDA_BACKEND_CLASS, false, BackendReport.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * On the CUDA build, checks every GPU {@code nvidia-smi} lists <em>before</em> ND4J is loaded
   * (loading the backend on an unsupported GPU fails inside native code) and returns the first
   * problem as a one-line message ("&lt;GPU&gt; has compute capability 9.0: …"); null when there is
   * none, on the CPU build, or when {@code nvidia-smi} is unavailable.
   */
  public static String unsupportedGpuMessage() {
    if (!cudaBackendPresent()) return null;
    for (Gpu g : gpusFromNvidiaSmi()) {
      CudaSupport s = cudaSupport(g.major(), g.minor());
      if (!s.supported()) return g.name() + " has compute capability " + g.capability() + ": " + s.message();
    }
    return null;
  }

  /** Loads ND4J's backend (call {@link #unsupportedGpuMessage()} first) and describes it. */
  public static BackendReport detect() {
    String cls = Nd4j.getBackend().getClass().getSimpleName();
    Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
    String backend = String.valueOf(env.getOrDefault("backend", cls.contains("Cublas") ? "CUDA" : "CPU"));
    String blas = String.valueOf(env.getOrDefault("blas.vendor", "unknown"));
    int cores = parseInt(env.get("cores"), Runtime.getRuntime().availableProcessors());
    List<Gpu> gpus = new ArrayList<>();
    if (env.get("cuda.devicesInformation") instanceof List<?> devices) {
      for (Object d : devices) {
        if (d instanceof Map<?, ?> m) {
          gpus.add(new Gpu(String.valueOf(m.get("cuda.deviceName")), parseInt(m.get("cuda.deviceMajor"), 0), parseInt(m.get("cuda.deviceMinor"), 0)));
        }
      }
    }
    return new BackendReport(backend, cls, blas, cores, gpus);
  }

  public boolean isCuda() {
    return backend.toUpperCase(Locale.ROOT).contains("CUDA") || backendClass.contains("Cublas");
  }

  /** One line for the console, e.g. {@code backend: ND4J CPU (CpuBackend, OPENBLAS, 2 cores); engine: …}. */
  public String line() {
    StringBuilder b = new StringBuilder("backend: ND4J ").append(backend).append(" (").append(backendClass)
        .append(", ").append(blasVendor).append(", ").append(cores).append(" cores)");
    for (Gpu g : gpus) b.append("; GPU ").append(g.name()).append(", compute capability ").append(g.capability());
    b.append("; engine: ").append(engine());
    return b.toString();
  }

  /** What runs the training arithmetic. */
  public String engine() {
    return isCuda()
        ? "hand-written CPU engine (OpenBLAS sgemm on host memory) — it does not use the GPU; the CUDA backend accelerates ND4J/SameDiff operations only"
        : "hand-written CPU engine (OpenBLAS sgemm)";
  }

  /** As a JSON-friendly map. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("backend", backend);
    m.put("backend_class", backendClass);
    m.put("blas", blasVendor);
    m.put("cores", cores);
    List<Map<String, Object>> g = new ArrayList<>();
    for (Gpu x : gpus) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", x.name());
      e.put("compute_capability", x.capability());
      g.add(e);
    }
    m.put("gpus", g);
    m.put("engine", engine());
    return m;
  }

  /**
   * Parses {@code nvidia-smi --query-gpu=name,compute_cap --format=csv,noheader} output, one GPU
   * a line: {@code NVIDIA H100 80GB HBM3, 9.0}. Lines that do not parse are skipped.
   */
  public static List<Gpu> parseNvidiaSmi(String output) {
    List<Gpu> out = new ArrayList<>();
    for (String line : output.split("\\R")) {
      int comma = line.lastIndexOf(',');
      if (comma < 0) continue;
      String name = line.substring(0, comma).trim(), cap = line.substring(comma + 1).trim();
      int dot = cap.indexOf('.');
      if (dot < 0) continue;
      try {
        out.add(new Gpu(name, Integer.parseInt(cap.substring(0, dot)), Integer.parseInt(cap.substring(dot + 1))));
      } catch (NumberFormatException e) {
        // not a capability: skip the line
      }
    }
    return out;
  }

  private static List<Gpu> gpusFromNvidiaSmi() {
    try {
      Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name,compute_cap", "--format=csv,noheader")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return List.of();
      return parseNvidiaSmi(out);
    } catch (IOException e) {
      return List.of(); // no nvidia-smi: nothing to check before loading the backend
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  private static int parseInt(Object o, int fallback) {
    if (o == null) return fallback;
    try {
      return Integer.parseInt(String.valueOf(o).trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}

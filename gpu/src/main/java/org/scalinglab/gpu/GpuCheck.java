package org.scalinglab.gpu;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.scalinglab.hardware.AffineTokenStream;
import org.scalinglab.hardware.CudaKernels;
import org.scalinglab.hardware.EmulatedGpuDevice;
import org.scalinglab.hardware.GpuDevice;
import org.scalinglab.hardware.GpuTransformer;
import org.scalinglab.train.AdamW;
import org.scalinglab.train.Transformer;
import org.scalinglab.train.TransformerConfig;

/**
 * The GPU check ({@code tools/gpu-check.sh OUTDIR} runs it with the bundle's own runtime):
 * <ol>
 *   <li>probe: the driver, the devices, NVRTC and cuBLAS ({@link CudaProbe});
 *   <li>compile every kernel resource with NVRTC for the device (PTX for {@code compute_XY}; a cubin
 *       for {@code sm_XY} when the driver refuses PTX newer than itself) and load it, finding each kernel;
 *   <li>device memory: upload, fill (cuMemsetD32), device-to-device copy, download, compared bit for bit;
 *   <li>the naive and tiled matmul kernels and cuBLAS sgemm (TF32 off) on a seeded {@code n³} problem
 *       (n = 1024), each against a CPU product within 1e-4 relative, timed by CUDA events (GFLOP/s);
 *       sgemm with TF32 on, timed, within 1e-2; the row-major mapping with every transpose pair and a
 *       strided batch, against the CPU;
 *   <li>the training checks, with the GPU engine ({@link GpuTransformer} on
 *       {@link CudaGpuDevice}, kernels compiled with {@code --fmad=false}): one training step of the
 *       benchmark GPT against the CPU engine on the same seed (loss and every parameter gradient within
 *       1e-4, TF32 off); a loss curve of a few hundred steps against the CPU engine's (time-boxed);
 *       tokens/s and MFU of the GPT-2-small shape, fp32 and TF32, against PyTorch's on the same GPU
 *       ({@code OUTDIR/torch-bench.json} from {@code tools/gpu_torch_bench.py}, included as
 *       {@code pytorch_baseline} when the script wrote it). Each records a failure in the JSON
 *       instead of stopping the later steps; without a device, NVRTC or cuBLAS they are "not-run".
 * </ol>
 * Writes {@code OUTDIR/gpu-check.json} in every case, also when there is no driver ({@code status}
 * "no-driver"; the kernels are still compiled when NVRTC is found, for {@code --arch}). Exit code: 0
 * when every implemented step passed, 1 when one failed, 2 when the GPU cannot be used (one line on
 * stderr saying why).
 *
 * <p>Usage: {@code GpuCheck OUTDIR [--size N] [--repeats R] [--device I] [--arch XY] [--curve-steps N]
 * [--curve-seconds S] [--speed-steps N] [--speed-seconds S] [--emulate]}
 */
public final class GpuCheck {
  static final double TOLERANCE = 1e-4;
  static final double TF32_TOLERANCE = 1e-2;
  static final long SEED = 20261205L;

  private final Path out;
  private final int size, repeats, ordinal, archWithoutDevice;
  /** Loss-curve steps and the time box of that step; timed steps per run and the time box of the throughput step. */
  int curveSteps = 300, curveSeconds = 90, speedSteps = 10, speedSeconds = 60;
  private final PrintStream log;
  private final JsonObject report = new JsonObject();
  private final JsonArray steps = new JsonArray();
  private final long t0 = System.nanoTime();
  private boolean anyFailed;

  GpuCheck(Path out, int size, int repeats, int ordinal, int archWithoutDevice, PrintStream log) {
    this.out = out;
    this.size = size;
    this.repeats = repeats;
    this.ordinal = ordinal;
    this.archWithoutDevice = archWithoutDevice;
    this.log = log;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.err));
  }

  /** Runs the check and returns the exit code (the tests call this). */
  public static int run(String[] args, PrintStream log) {
    Path out = null;
    int size = 1024, repeats = 5, ordinal = 0, arch = 90;
    int[] training = {300, 90, 10, 60};
    boolean emulate = false;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--size" -> size = Integer.parseInt(args[++i]);
          case "--repeats" -> repeats = Integer.parseInt(args[++i]);
          case "--device" -> ordinal = Integer.parseInt(args[++i]);
          case "--arch" -> arch = Integer.parseInt(args[++i]);
          case "--curve-steps" -> training[0] = Integer.parseInt(args[++i]);
          case "--curve-seconds" -> training[1] = Integer.parseInt(args[++i]);
          case "--speed-steps" -> training[2] = Integer.parseInt(args[++i]);
          case "--speed-seconds" -> training[3] = Integer.parseInt(args[++i]);
          case "--emulate" -> emulate = true;
          default -> {
            if (args[i].startsWith("-") || out != null) throw new IllegalArgumentException("unknown argument " + args[i]);
            out = Path.of(args[i]);
          }
        }
      }
      if (out == null) throw new IllegalArgumentException("the output folder is missing");
      if (size < 16 || repeats < 1) throw new IllegalArgumentException("--size must be ≥ 16 and --repeats ≥ 1");
    } catch (RuntimeException ex) {
      log.println("gpu-check: error: " + ex.getMessage()
          + " (usage: GpuCheck OUTDIR [--size N] [--repeats R] [--device I] [--arch XY] "
          + "[--curve-steps N] [--curve-seconds S] [--speed-steps N] [--speed-seconds S] [--emulate])");
      return 2;
    }
    GpuCheck check = new GpuCheck(out, size, repeats, ordinal, arch, log);
    check.curveSteps = training[0];
    check.curveSeconds = training[1];
    check.speedSteps = Math.max(1, training[2]);
    check.speedSeconds = training[3];
    if (emulate) return check.runEmulated();
    return check.run();
  }

  /**
   * {@code --emulate}: the three training steps on the emulated device ({@link EmulatedGpuDevice})
   * with small models, no GPU needed: a self-test of the bundle (its runtime, the CPU engine's
   * OpenBLAS through JavaCPP, the engine's host code and the JSON). Status "emulated".
   */
  int runEmulated() {
    report.addProperty("schema", "scalinglab-gpu-check/1");
    report.addProperty("started", Instant.now().toString());
    report.addProperty("emulated", true);
    benchConfig = TransformerConfig.of(37, 16, 2, 32, 4);
    benchBatch = 2;
    speedConfig = TransformerConfig.of(29, 8, 1, 16, 2);
    speedBatch = 2;
    curveSteps = Math.min(curveSteps, 30);
    speedSteps = Math.min(speedSteps, 2);
    try (EmulatedGpuDevice dev = new EmulatedGpuDevice()) {
      trainingChecks(dev);
    } catch (RuntimeException ex) {
      step("unexpected-error", "error", 0, ex.toString());
    } finally {
      if (pool != null) pool.close();
    }
    report.addProperty("status", anyFailed ? "failed" : "emulated");
    report.addProperty("message", (anyFailed ? "some steps failed" : "every step passed")
        + " on the emulated device (small models; no GPU was used)");
    log.println("gpu-check: " + report.get("message").getAsString());
    write();
    return anyFailed ? 1 : 0;
  }

  int run() {
    report.addProperty("schema", "scalinglab-gpu-check/1");
    report.addProperty("started", Instant.now().toString());
    JsonObject java = new JsonObject();
    java.addProperty("version", Runtime.version().toString());
    java.addProperty("home", System.getProperty("java.home"));
    report.add("java", java);
    JsonObject params = new JsonObject();
    params.addProperty("size", size);
    params.addProperty("repeats", repeats);
    params.addProperty("tolerance", TOLERANCE);
    params.addProperty("tf32_tolerance", TF32_TOLERANCE);
    params.addProperty("seed", SEED);
    report.add("parameters", params);
    int code;
    try {
      code = checks();
    } catch (RuntimeException ex) {
      step("unexpected-error", "error", 0, ex.toString());
      report.addProperty("status", "failed");
      report.addProperty("message", ex.toString());
      log.println("gpu-check: " + ex);
      code = 1;
    } finally {
      if (pool != null) pool.close();
    }
    write();
    return code;
  }

  private int checks() {
    long s = System.nanoTime();
    CudaProbe probe = CudaProbe.run();
    report.add("probe", probe.toJson());
    log.println(probe.describe());
    String problem = probe.problem();
    step("probe", problem == null ? "passed" : "failed", s, problem == null ? "driver, device, NVRTC and cuBLAS found" : problem);

    Nvrtc nvrtc = probe.nvrtc().loaded() ? Nvrtc.load(probe.nvrtcFound()) : null;
    boolean device = !probe.devices().isEmpty() && ordinal < probe.devices().size();
    if (!device) {
      // no GPU: still compile the kernels when NVRTC is here (the CPU-side check of every source)
      if (nvrtc != null) compileKernels(nvrtc, null, archWithoutDevice / 10, archWithoutDevice % 10);
      notRun(problem != null ? problem : "no CUDA device " + ordinal);
      report.addProperty("status", probe.status().equals("ok") ? "no-device" : probe.status());
      report.addProperty("message", problem != null ? problem : "no CUDA device " + ordinal);
      log.println("gpu-check: " + report.get("message").getAsString());
      return 2;
    }
    if (nvrtc == null) {
      notRun(problem);
      report.addProperty("status", probe.status());
      report.addProperty("message", problem);
      log.println("gpu-check: " + problem);
      return 2;
    }

    try (CudaSession session = CudaSession.open(probe.driver(), ordinal)) {
      CudaSession.DeviceInfo d = session.info();
      Map<String, CudaSession.Module> modules = compileKernels(nvrtc, session, d.ccMajor(), d.ccMinor());
      guarded("device-memory", () -> memoryStep(session));
      matmulSteps(session, probe, modules);
      includeTorchBaseline();
      trainingSteps(session, probe, nvrtc);
    }
    if (problem != null) {
      // a device and NVRTC but no cuBLAS: the kernel steps ran, the cuBLAS ones failed
      report.addProperty("status", probe.status());
      report.addProperty("message", problem);
      log.println("gpu-check: " + problem);
      return 2;
    }
    report.addProperty("status", anyFailed ? "failed" : "ok");
    report.addProperty("message", anyFailed ? "some steps failed (see steps)" : "every step passed");
    return anyFailed ? 1 : 0;
  }

  // ---------------------------------------------------------------------------------- kernels

  /** Compiles (and with a session, loads) every kernel resource; returns the loaded modules by file. */
  private Map<String, CudaSession.Module> compileKernels(Nvrtc nvrtc, CudaSession session, int ccMajor, int ccMinor) {
    long s = System.nanoTime();
    Map<String, CudaSession.Module> modules = new LinkedHashMap<>();
    JsonObject k = new JsonObject();
    int[] supported = nvrtc.supportedArchs();
    int arch = Nvrtc.archFor(ccMajor, ccMinor, supported);
    int[] v = nvrtc.version();
    k.addProperty("nvrtc", v[0] + "." + v[1]);
    JsonArray sup = new JsonArray();
    for (int a : supported) sup.add(a);
    k.add("nvrtc_architectures", sup);
    k.addProperty("arch", arch);
    JsonArray files = new JsonArray();
    int failed = 0;
    List<String> problems = new ArrayList<>();
    for (String file : KernelSources.files()) {
      JsonObject f = new JsonObject();
      f.addProperty("file", file);
      long fs = System.nanoTime();
      try {
        KernelSources.Source src = KernelSources.read(file);
        JsonArray names = new JsonArray();
        src.kernels().forEach(names::add);
        f.add("kernels", names);
        Nvrtc.Program p = nvrtc.compile(file, src.text(), src.headers(), Nvrtc.options(arch, false), false);
        f.addProperty("ptx_bytes", p.image().length);
        if (!p.log().isBlank()) f.addProperty("log", p.log().strip());
        f.addProperty("compile_seconds", secondsSince(fs));
        if (session != null) {
          CudaSession.Module m;
          try {
            m = session.load(p);
            f.addProperty("loaded_as", "ptx");
          } catch (CudaException ex) {
            if (ex.code() != CudaException.CUDA_ERROR_UNSUPPORTED_PTX_VERSION) throw ex;
            // NVRTC is newer than the driver: its PTX does not load, a cubin for this exact GPU does
            Nvrtc.Program cubin = nvrtc.compile(file, src.text(), src.headers(), Nvrtc.options(arch, true), true);
            m = session.load(cubin);
            f.addProperty("loaded_as", "cubin (the driver refused this NVRTC's PTX: " + ex.getMessage() + ")");
          }
          for (String kernel : src.kernels()) m.function(kernel);
          modules.put(file, m);
        }
        f.addProperty("status", "passed");
      } catch (RuntimeException ex) {
        failed++;
        f.addProperty("status", "failed");
        f.addProperty("error", ex.getMessage());
        problems.add(file + ": " + ex.getMessage());
      }
      files.add(f);
    }
    k.add("files", files);
    report.add("kernels", k);
    String what = (session == null ? "compiled (no device to load on)" : "compiled and loaded") + " for compute_" + arch;
    JsonObject st = step("compile-kernels", failed == 0 ? "passed" : "failed", s,
        failed == 0 ? files.size() + " kernel files " + what : String.join("; ", problems));
    st.addProperty("files", files.size());
    st.addProperty("failed", failed);
    log.println("gpu-check: compile-kernels: " + st.get("status").getAsString() + " (" + st.get("detail").getAsString() + ")");
    return modules;
  }

  // ----------------------------------------------------------------------------------- memory

  private JsonObject memoryStep(CudaSession session) {
    long s = System.nanoTime();
    int n = 1 << 20;
    float[] x = CpuMatmul.random(n, SEED);
    try (DeviceBuffer a = session.upload(x); DeviceBuffer b = session.allocFloats(n)) {
      float[] back = a.download(n);
      b.fill(1.5f);
      float[] filled = b.download(n);
      b.copyFrom(a);
      float[] copied = b.download(n);
      boolean ok = Arrays.equals(back, x) && Arrays.equals(copied, x);
      for (float f : filled) ok &= f == 1.5f;
      return step("device-memory", ok ? "passed" : "failed", s, ok
          ? "4 MiB up, filled, copied on the device and down: bit for bit"
          : "a round trip through device memory changed the data");
    }
  }

  // ----------------------------------------------------------------------------------- matmul

  private void matmulSteps(CudaSession session, CudaProbe probe, Map<String, CudaSession.Module> modules) {
    int n = size;
    float[] a = CpuMatmul.random(n * n, SEED), b = CpuMatmul.random(n * n, SEED + 1);
    long s = System.nanoTime();
    double[] ref = CpuMatmul.product(a, b, n, n, n, false, false);
    double cpuSeconds = secondsSince(s);
    JsonObject mm = new JsonObject();
    mm.addProperty("n", n);
    mm.addProperty("cpu_reference_seconds", cpuSeconds);
    mm.addProperty("flops", 2.0 * n * n * n);
    report.add("matmul", mm);
    try (DeviceBuffer da = session.upload(a); DeviceBuffer db = session.upload(b); DeviceBuffer dc = session.allocFloats((long) n * n)) {
      for (String[] kv : new String[][] {{CudaKernels.NAIVE, "matmul_naive"}, {CudaKernels.TILED, "matmul_tiled"}}) {
        String stepName = kv[1].replace('_', '-');
        CudaSession.Module m = modules.get(kv[0]);
        if (m == null) {
          step(stepName, "failed", System.nanoTime(), kv[0] + " did not compile or load");
          continue;
        }
        guarded(stepName, () -> {
          MemorySegment fn = m.function(kv[1]);
          int t = CudaKernels.TILE, g = (n + t - 1) / t;
          Runnable launch = () -> session.launch(kv[1], fn, g, g, 1, t, t, 1, 0, da, db, dc, n, n, n);
          return timed(stepName, session, launch, dc, ref, n, TOLERANCE, mm);
        });
      }
      if (!probe.cublas().loaded()) {
        step("cublas-sgemm", "failed", System.nanoTime(), probe.cublas().error());
        return;
      }
      try (Cublas cublas = Cublas.create(probe.cublasFound(), probe.cublasLtFound(), session.stream())) {
        int v = cublas.version();
        mm.addProperty("cublas_version", v / 10000 + "." + (v / 100) % 100 + "." + v % 100);
        guarded("cublas-sgemm", () -> {
          cublas.setTf32(false);
          return timed("cublas-sgemm", session,
              () -> cublas.sgemmRowMajor(false, false, n, n, n, 1f, da, db, 0f, dc), dc, ref, n, TOLERANCE, mm);
        });
        guarded("cublas-sgemm-tf32", () -> {
          cublas.setTf32(true);
          try {
            return timed("cublas-sgemm-tf32", session,
                () -> cublas.sgemmRowMajor(false, false, n, n, n, 1f, da, db, 0f, dc), dc, ref, n, TF32_TOLERANCE, mm);
          } finally {
            cublas.setTf32(false);
          }
        });
        guarded("cublas-row-major-transposes", () -> transposesStep(session, cublas));
        guarded("cublas-gpt2-small-gemms", () -> gpt2GemmsStep(session, cublas));
      } catch (RuntimeException ex) {
        // cuBLAS itself could not start (cublasCreate_v2) or close
        step("cublas", "failed", System.nanoTime(), ex.getMessage() == null ? ex.toString() : ex.getMessage());
        log.println("gpu-check: cublas: failed: " + ex.getMessage());
      }
    }
  }

  /** Times {@code launch} (a warm-up, then {@link #repeats} runs by events) and compares C with the reference. */
  private JsonObject timed(String name, CudaSession session, Runnable launch, DeviceBuffer dc, double[] ref, int n,
      double tol, JsonObject mm) {
    long s = System.nanoTime();
    dc.fill(Float.NaN);
    launch.run();
    session.synchronize();
    float[] c = dc.download(n * n);
    double err = CpuMatmul.relativeError(c, ref);
    double[] ms = new double[repeats];
    for (int r = 0; r < repeats; r++) ms[r] = session.timeMillis(launch);
    Arrays.sort(ms);
    double flops = 2.0 * n * n * n;
    double best = ms[0], median = ms[repeats / 2];
    boolean ok = err <= tol;
    JsonObject st = step(name, ok ? "passed" : "failed", s, String.format(
        "max relative error %.3g (tolerance %.0e); best %.3f ms = %.1f GFLOP/s, median %.3f ms",
        err, tol, best, flops / (best * 1e6), median));
    st.addProperty("relative_error", err);
    st.addProperty("best_ms", best);
    st.addProperty("median_ms", median);
    st.addProperty("gflops", flops / (best * 1e6));
    st.addProperty("gflops_median", flops / (median * 1e6));
    JsonObject r = new JsonObject();
    r.addProperty("relative_error", err);
    r.addProperty("best_ms", best);
    r.addProperty("gflops", flops / (best * 1e6));
    mm.add(name, r);
    log.println("gpu-check: " + name + ": " + st.get("status").getAsString() + " (" + st.get("detail").getAsString() + ")");
    return st;
  }

  /** Every transpose pair of a non-square row-major product, and a strided batch, against the CPU. */
  private JsonObject transposesStep(CudaSession session, Cublas cublas) {
    long s = System.nanoTime();
    int M = 96, N = 80, K = 48, batch = 3;
    List<String> bad = new ArrayList<>();
    double worst = 0;
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        float[] a = CpuMatmul.random(M * K * batch, SEED + 10), b = CpuMatmul.random(K * N * batch, SEED + 11);
        try (DeviceBuffer da = session.upload(a); DeviceBuffer db = session.upload(b);
            DeviceBuffer dc = session.allocFloats((long) M * N * batch)) {
          cublas.sgemmRowMajor(ta, tb, M, N, K, 1f, da, db, 0f, dc);
          session.synchronize();
          double err = CpuMatmul.relativeError(dc.download(M * N), CpuMatmul.product(
              Arrays.copyOf(a, M * K), Arrays.copyOf(b, K * N), M, N, K, ta, tb));
          worst = Math.max(worst, err);
          if (!(err <= TOLERANCE)) bad.add("sgemm " + (ta ? "T" : "N") + (tb ? "T" : "N") + " error " + err);
          cublas.sgemmStridedBatchedRowMajor(ta, tb, M, N, K, 1f, da, (long) M * K, db, (long) K * N, 0f, dc,
              (long) M * N, batch);
          session.synchronize();
          float[] c = dc.download(M * N * batch);
          for (int i = 0; i < batch; i++) {
            double e = CpuMatmul.relativeError(Arrays.copyOfRange(c, i * M * N, (i + 1) * M * N), CpuMatmul.product(
                Arrays.copyOfRange(a, i * M * K, (i + 1) * M * K), Arrays.copyOfRange(b, i * K * N, (i + 1) * K * N),
                M, N, K, ta, tb));
            worst = Math.max(worst, e);
            if (!(e <= TOLERANCE)) bad.add("batched " + (ta ? "T" : "N") + (tb ? "T" : "N") + " [" + i + "] error " + e);
          }
        }
      }
    }
    JsonObject st = step("cublas-row-major-transposes", bad.isEmpty() ? "passed" : "failed", s, bad.isEmpty()
        ? String.format("NN, TN, NT, TT of %dx%dx%d and a strided batch of %d: max relative error %.3g", M, N, K, batch, worst)
        : String.join("; ", bad));
    st.addProperty("relative_error", worst);
    return st;
  }

  /** One GEMM shape of a training step: row-major {@code op(A)[M×K]·op(B)[K×N]}, {@code batch} at once, {@code count} times a step. */
  record GemmShape(String name, int m, int n, int k, boolean transA, boolean transB, int batch, int count) {
    long maxElements() {
      return (long) batch * Math.max((long) m * k, Math.max((long) k * n, (long) m * n));
    }

    double flops() {
      return 2.0 * m * n * k * batch * count;
    }
  }

  /**
   * The matrix products of one training step of the GPT-2-small shape the issue times against PyTorch
   * (d 768, 12 layers, 12 heads, context 1024, vocab 256, batch 8), in the engine's row-major
   * {@code W[in][out]} layout: per layer the QKV, attention-output and two MLP projections, the
   * attention scores and weighted values (a strided batch per sequence and head); the tied head; each
   * forward product {@code C = A·B} followed by its two backward products {@code dA = dC·Bᵀ} and
   * {@code dB = Aᵀ·dC}.
   */
  static List<GemmShape> gpt2SmallStep() {
    int b = 8, t = 1024, c = 768, nh = 12, hs = c / nh, layers = 12, v = 256, bt = b * t;
    List<GemmShape> fwd = List.of(
        new GemmShape("qkv", bt, 3 * c, c, false, false, 1, layers),
        new GemmShape("scores", t, t, hs, false, true, b * nh, layers),
        new GemmShape("att_v", t, hs, t, false, false, b * nh, layers),
        new GemmShape("att_proj", bt, c, c, false, false, 1, layers),
        new GemmShape("fc", bt, 4 * c, c, false, false, 1, layers),
        new GemmShape("fc_proj", bt, c, 4 * c, false, false, 1, layers),
        new GemmShape("head", bt, v, c, false, true, 1, 1));
    List<GemmShape> out = new ArrayList<>();
    for (GemmShape g : fwd) {
      out.add(g);
      out.add(new GemmShape(g.name() + "_dA", g.m(), g.k(), g.n(), false, true, g.batch(), g.count()));
      out.add(new GemmShape(g.name() + "_dB", g.k(), g.n(), g.m(), true, false, g.batch(), g.count()));
    }
    return out;
  }

  /** cuBLAS time of a GPT-2-small training step's products, TF32 off and on: a ceiling on tokens/s. */
  private JsonObject gpt2GemmsStep(CudaSession session, Cublas cublas) {
    long s = System.nanoTime();
    List<GemmShape> shapes = gpt2SmallStep();
    long max = 0;
    for (GemmShape g : shapes) max = Math.max(max, g.maxElements());
    JsonArray rows = new JsonArray();
    double[] totalMs = new double[2];
    double flops = 0;
    for (GemmShape g : shapes) flops += g.flops();
    try (DeviceBuffer a = session.allocFloats(max); DeviceBuffer b = session.allocFloats(max);
        DeviceBuffer c = session.allocFloats(max)) {
      a.fill(0.01f);
      b.fill(0.02f);
      for (GemmShape g : shapes) {
        JsonObject r = new JsonObject();
        r.addProperty("name", g.name());
        r.addProperty("m", g.m());
        r.addProperty("n", g.n());
        r.addProperty("k", g.k());
        r.addProperty("batch", g.batch());
        r.addProperty("per_step", g.count());
        for (int tf = 0; tf < 2; tf++) {
          cublas.setTf32(tf == 1);
          Runnable call = g.batch() == 1
              ? () -> cublas.sgemmRowMajor(g.transA(), g.transB(), g.m(), g.n(), g.k(), 1f, a, b, 0f, c)
              : () -> cublas.sgemmStridedBatchedRowMajor(g.transA(), g.transB(), g.m(), g.n(), g.k(), 1f,
                  a, (long) g.m() * g.k(), b, (long) g.k() * g.n(), 0f, c, (long) g.m() * g.n(), g.batch());
          call.run();
          int reps = 3;
          double ms = session.timeMillis(() -> {
            for (int i = 0; i < reps; i++) call.run();
          }) / reps;
          r.addProperty(tf == 0 ? "fp32_ms" : "tf32_ms", ms);
          totalMs[tf] += ms * g.count();
        }
        rows.add(r);
      }
    } finally {
      cublas.setTf32(false);
    }
    int tokens = 8 * 1024;
    JsonObject st = step("cublas-gpt2-small-gemms", "passed", s, String.format(
        "the products of one GPT-2-small step (batch 8 x 1024, %.2f TFLOP): %.1f ms fp32 = %.0f tokens/s at most, "
            + "%.1f ms TF32 = %.0f tokens/s at most (cuBLAS alone; the rest of the step comes on top)",
        flops / 1e12, totalMs[0], tokens / (totalMs[0] / 1e3), totalMs[1], tokens / (totalMs[1] / 1e3)));
    st.addProperty("step_tflop", flops / 1e12);
    st.addProperty("fp32_ms", totalMs[0]);
    st.addProperty("tf32_ms", totalMs[1]);
    st.addProperty("fp32_tokens_per_second_ceiling", tokens / (totalMs[0] / 1e3));
    st.addProperty("tf32_tokens_per_second_ceiling", tokens / (totalMs[1] / 1e3));
    st.add("shapes", rows);
    log.println("gpu-check: cublas-gpt2-small-gemms: " + st.get("detail").getAsString());
    return st;
  }

  // ----------------------------------------------------------------- training (issue 16 items 1–3)

  /** The benchmark GPT of {@code scalinglab bench train}: vocab 256, context 128, 4 layers, d 128, 4 heads; batch 32. */
  static final TransformerConfig BENCH_GPT = TransformerConfig.of(256, 128, 4, 128, 4);
  static final int BENCH_BATCH = 32;
  /** The GPT-2-small shape the issue times against PyTorch (tools/gpu_torch_bench.py's default); batch 8. */
  static final TransformerConfig GPT2_SMALL = TransformerConfig.of(256, 1024, 12, 768, 12);
  static final int GPT2_BATCH = 8;
  /** Loss curve: largest relative difference allowed at the checkpoints (every 25 steps). */
  static final double CURVE_TOLERANCE = 1e-2;

  /** The models of the training steps (the tests shrink them for the emulated device). */
  TransformerConfig benchConfig = BENCH_GPT, speedConfig = GPT2_SMALL;
  int benchBatch = BENCH_BATCH, speedBatch = GPT2_BATCH;

  private static final String[] TRAINING_STEPS = {"gpt-step-vs-cpu", "loss-curve-vs-cpu", "tokens-per-second-vs-pytorch"};

  /** The three training steps as "not-run" (no device, NVRTC or cuBLAS), with the reason. */
  private void notRun(String why) {
    for (String name : TRAINING_STEPS) step(name, "not-run", System.nanoTime(), "not run: " + why);
    includeTorchBaseline();
  }

  private void includeTorchBaseline() {
    if (report.has("pytorch_baseline")) return;
    Path torch = out.resolve("torch-bench.json");
    if (Files.isRegularFile(torch)) {
      try {
        report.add("pytorch_baseline", JsonParser.parseString(Files.readString(torch, StandardCharsets.UTF_8)));
      } catch (IOException | RuntimeException ex) {
        report.addProperty("pytorch_baseline_error", "torch-bench.json unreadable: " + ex.getMessage());
      }
    }
  }

  private void trainingSteps(CudaSession session, CudaProbe probe, Nvrtc nvrtc) {
    long s = System.nanoTime();
    Map<String, CudaSession.Module> exact;
    try {
      exact = CudaGpuDevice.loadKernels(nvrtc, session, true);
    } catch (RuntimeException ex) {
      for (String name : TRAINING_STEPS) {
        step(name, "failed", s, "the kernels did not compile or load with --fmad=false: " + ex.getMessage());
      }
      return;
    }
    log.println("gpu-check: the engine's kernels compiled with --fmad=false and loaded (" + exact.size() + " files, "
        + secondsSince(s) + " s)");
    if (!probe.cublas().loaded()) {
      for (String name : TRAINING_STEPS) step(name, "not-run", System.nanoTime(), "not run: no cuBLAS: " + probe.cublas().error());
      return;
    }
    try (Cublas cublas = Cublas.create(probe.cublasFound(), probe.cublasLtFound(), session.stream());
        CudaGpuDevice dev = new CudaGpuDevice(session, exact, cublas)) {
      trainingChecks(dev);
    } catch (RuntimeException ex) {
      step("gpu-engine", "failed", s, ex.getMessage() == null ? ex.toString() : ex.getMessage());
      log.println("gpu-check: gpu-engine: failed: " + ex);
    }
  }

  /** The three training steps on {@code dev} (the tests run them on the emulated device, with small models). */
  void trainingChecks(GpuDevice dev) {
    guarded(TRAINING_STEPS[0], () -> gptStepVsCpu(dev));
    guarded(TRAINING_STEPS[1], () -> lossCurveVsCpu(dev));
    guarded(TRAINING_STEPS[2], () -> tokensPerSecond(dev));
  }

  /** The steps recorded so far. */
  JsonArray steps() {
    return steps;
  }

  /** Every parameter tensor's name and layer (−1 for wte, wpe, lnfw, lnfb). */
  static List<Object[]> tensors(TransformerConfig cfg) {
    List<Object[]> out = new ArrayList<>();
    for (String n : new String[] {"wte", "wpe"}) out.add(new Object[] {n, -1});
    for (int l = 0; l < cfg.layers(); l++) {
      for (String n : GpuTransformer.LAYER_TENSORS) out.add(new Object[] {n, l});
    }
    for (String n : new String[] {"lnfw", "lnfb"}) out.add(new Object[] {n, -1});
    return out;
  }

  private static int cpuThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** Item 1: one step of the benchmark GPT on the GPU and on the CPU engine, same parameters and batch. */
  private JsonObject gptStepVsCpu(GpuDevice dev) {
    long s = System.nanoTime();
    dev.setTf32(false);
    try (Transformer cpu = new Transformer(benchConfig, benchBatch, SEED, cpuThreads());
        GpuTransformer gpu = new GpuTransformer(benchConfig, benchBatch, AdamW.Settings.DEFAULT, dev)) {
      int[][] d = AffineTokenStream.batch(new SplittableRandom(SEED), benchBatch, benchConfig.context(), benchConfig.vocab());
      gpu.setParams(cpu.params().toArray());
      long c0 = System.nanoTime();
      double cl = cpu.forward(d[0], d[1]);
      cpu.backward();
      double cpuSeconds = secondsSince(c0);
      long g0 = System.nanoTime();
      double gl = gpu.forwardBackward(d[0], d[1]);
      dev.synchronize();
      double gpuSeconds = secondsSince(g0);
      float[] cg = cpu.grads().toArray(), gg = gpu.grads();
      double gl2 = gpu.forwardBackward(d[0], d[1]);
      boolean repeatable = gl2 == gl && Arrays.equals(gg, gpu.grads());
      double lossErr = Math.abs(gl - cl) / Math.abs(cl);
      JsonArray rows = new JsonArray();
      double worst = 0, worstMaxNorm = 0;
      List<String> bad = new ArrayList<>();
      for (Object[] t : tensors(benchConfig)) {
        String name = (String) t[0];
        int layer = (Integer) t[1];
        int off = gpu.offsetOf(name, layer), n = gpu.sizeOf(name, layer);
        double scale = 0, maxDiff = 0, w = 0;
        for (int i = off; i < off + n; i++) scale = Math.max(scale, Math.abs(cg[i]));
        for (int i = off; i < off + n; i++) {
          double diff = Math.abs(gg[i] - cg[i]);
          maxDiff = Math.max(maxDiff, Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff);
          double e = diff / (Math.abs(cg[i]) + 1e-2 * scale + Double.MIN_VALUE);
          if (!(e <= w)) w = e;
        }
        double maxNorm = maxDiff / (scale + Double.MIN_VALUE);
        JsonObject r = new JsonObject();
        r.addProperty("tensor", layer < 0 ? name : name + "[" + layer + "]");
        r.addProperty("elements", n);
        r.addProperty("max_abs_cpu", scale);
        r.addProperty("relative_error", w);
        r.addProperty("max_norm_relative_error", maxNorm);
        rows.add(r);
        worst = Math.max(worst, w);
        worstMaxNorm = Math.max(worstMaxNorm, maxNorm);
        if (!(w <= TOLERANCE)) bad.add(r.get("tensor").getAsString() + " " + String.format("%.3g", w));
      }
      boolean ok = lossErr <= TOLERANCE && bad.isEmpty();
      JsonObject st = step(TRAINING_STEPS[0], ok ? "passed" : "failed", s, String.format(
          "%s, batch %d, fp32 (TF32 off): loss GPU %.7f vs CPU "
              + "%.7f (relative %.2g); %d gradient tensors, worst relative error %.3g (|gpu - cpu| / (|cpu| + 0.01 max|cpu|), "
              + "per tensor), worst max-norm relative %.3g; tolerance %.0e%s; repeatable bit for bit: %s",
          benchConfig.name(), benchBatch, gl, cl, lossErr, rows.size(), worst, worstMaxNorm, TOLERANCE, bad.isEmpty() ? "" : "; over it: " + String.join(", ", bad),
          repeatable));
      st.addProperty("loss_gpu", gl);
      st.addProperty("loss_cpu", cl);
      st.addProperty("loss_relative_error", lossErr);
      st.addProperty("worst_gradient_relative_error", worst);
      st.addProperty("worst_gradient_max_norm_relative_error", worstMaxNorm);
      st.addProperty("repeatable", repeatable);
      st.addProperty("cpu_forward_backward_seconds", cpuSeconds);
      st.addProperty("gpu_forward_backward_seconds_first", gpuSeconds);
      st.addProperty("cpu_threads", cpuThreads());
      st.addProperty("device", dev.describe());
      st.add("gradients", rows);
      log.println("gpu-check: " + TRAINING_STEPS[0] + ": " + st.get("status").getAsString() + " (" + st.get("detail").getAsString() + ")");
      return st;
    }
  }

  /** Item 2: a few hundred AdamW steps on both engines from the same parameters and batches; the losses compared. */
  private JsonObject lossCurveVsCpu(GpuDevice dev) {
    long s = System.nanoTime();
    dev.setTf32(false);
    AdamW.Settings settings = AdamW.Settings.DEFAULT;
    try (Transformer cpu = new Transformer(benchConfig, benchBatch, SEED + 1, cpuThreads());
        GpuTransformer gpu = new GpuTransformer(benchConfig, benchBatch, settings, dev)) {
      AdamW opt = new AdamW(cpu.params().length(), settings);
      gpu.setParams(cpu.params().toArray());
      SplittableRandom r = new SplittableRandom(SEED + 2);
      JsonArray cpuLoss = new JsonArray(), gpuLoss = new JsonArray(), checkpoints = new JsonArray();
      double worstCheckpoint = 0, worstAny = 0, cpuSec = 0, gpuSec = 0;
      int done = 0;
      boolean timedOut = false;
      for (int k = 0; k < curveSteps; k++) {
        if (secondsSince(s) > curveSeconds) {
          timedOut = true;
          break;
        }
        if (Thread.interrupted()) throw new IllegalStateException("interrupted");
        int[][] d = AffineTokenStream.batch(r, benchBatch, benchConfig.context(), benchConfig.vocab());
        double lr = 1e-3 * Math.min(1.0, (k + 1) / 20.0);
        long c0 = System.nanoTime();
        double cl = cpu.forward(d[0], d[1]);
        cpu.backward();
        opt.update(cpu.params(), cpu.grads(), cpu.decayed(), lr, sharedPool());
        cpuSec += (System.nanoTime() - c0) / 1e9;
        long g0 = System.nanoTime();
        double gl = gpu.trainStep(d[0], d[1], lr);
        gpuSec += (System.nanoTime() - g0) / 1e9;
        cpuLoss.add(cl);
        gpuLoss.add(gl);
        double e = Math.abs(gl - cl) / Math.abs(cl);
        if (Double.isNaN(e)) e = Double.POSITIVE_INFINITY;
        worstAny = Math.max(worstAny, e);
        done = k + 1;
        if (done % 25 == 0 || k == 0) {
          JsonObject c = new JsonObject();
          c.addProperty("step", done);
          c.addProperty("loss_cpu", cl);
          c.addProperty("loss_gpu", gl);
          c.addProperty("relative_difference", e);
          checkpoints.add(c);
          worstCheckpoint = Math.max(worstCheckpoint, e);
        }
      }
      boolean enough = done >= Math.min(curveSteps, 50);
      boolean ok = enough && worstCheckpoint <= CURVE_TOLERANCE;
      double first = done > 0 ? cpuLoss.get(0).getAsDouble() : Double.NaN, last = done > 0 ? cpuLoss.get(done - 1).getAsDouble() : Double.NaN;
      JsonObject st = step(TRAINING_STEPS[1], ok ? "passed" : "failed", s, String.format(
          "%d of %d AdamW steps (lr 1e-3, 20 warm-up) of %s, batch %d, on both engines, same parameters and batches%s: "
              + "CPU loss %.4f -> %.4f, GPU %.4f; worst relative difference at the checkpoints (every 25 steps) %.3g "
              + "(tolerance %.0e), at any step %.3g; %.1f s CPU, %.1f s GPU",
          done, curveSteps, benchConfig.name(), benchBatch, timedOut ? " (time box of " + curveSeconds + " s reached)" : "", first, last,
          done > 0 ? gpuLoss.get(done - 1).getAsDouble() : Double.NaN, worstCheckpoint, CURVE_TOLERANCE, worstAny, cpuSec, gpuSec));
      st.addProperty("steps", done);
      st.addProperty("steps_planned", curveSteps);
      st.addProperty("timed_out", timedOut);
      st.addProperty("worst_checkpoint_relative_difference", worstCheckpoint);
      st.addProperty("worst_step_relative_difference", worstAny);
      st.addProperty("cpu_seconds", cpuSec);
      st.addProperty("gpu_seconds", gpuSec);
      st.add("checkpoints", checkpoints);
      st.add("loss_cpu", cpuLoss);
      st.add("loss_gpu", gpuLoss);
      log.println("gpu-check: " + TRAINING_STEPS[1] + ": " + st.get("status").getAsString() + " (" + st.get("detail").getAsString() + ")");
      return st;
    }
  }

  private org.scalinglab.train.WorkerPool pool;

  private org.scalinglab.train.WorkerPool sharedPool() {
    if (pool == null) pool = new org.scalinglab.train.WorkerPool(cpuThreads());
    return pool;
  }

  /** GPT-2's initialisation on the host: weights N(0, 0.02²) (residual projections /√(2L)), gains 1, biases 0. */
  static float[] gpt2Init(GpuTransformer gpu, long seed) {
    TransformerConfig cfg = gpu.config();
    float[] p = new float[gpu.numParams()];
    SplittableRandom r = new SplittableRandom(seed);
    for (Object[] t : tensors(cfg)) {
      String name = (String) t[0];
      int layer = (Integer) t[1];
      int off = gpu.offsetOf(name, layer), n = gpu.sizeOf(name, layer);
      boolean gain = name.equals("ln1w") || name.equals("ln2w") || name.equals("lnfw");
      boolean weight = name.equals("wte") || name.equals("wpe") || name.endsWith("w") && !gain;
      double std = name.equals("projw") || name.equals("fcprojw") ? 0.02 / Math.sqrt(2.0 * cfg.layers()) : 0.02;
      for (int i = off; i < off + n; i++) p[i] = gain ? 1f : weight ? (float) (std * r.nextGaussian()) : 0f;
    }
    return p;
  }

  /** Item 3: tokens/s and MFU of the GPT-2-small shape, fp32 and TF32 alternating, against PyTorch's runs. */
  private JsonObject tokensPerSecond(GpuDevice dev) {
    long s = System.nanoTime();
    TransformerConfig cfg = speedConfig;
    int tokens = speedBatch * cfg.context();
    double flopsPerToken = cfg.trainingFlopsPerToken();
    double[] peaks = peaks(dev.describe());
    JsonObject st;
    try (GpuTransformer gpu = new GpuTransformer(cfg, speedBatch, AdamW.Settings.DEFAULT, dev)) {
      gpu.setParams(gpt2Init(gpu, SEED));
      SplittableRandom r = new SplittableRandom(SEED + 3);
      int[] in = new int[tokens], tg = new int[tokens];
      List<List<Double>> times = List.of(new ArrayList<>(), new ArrayList<>());
      double lastLoss = Double.NaN;
      boolean timedOut = false;
      outer:
      for (int round = 0; round < 2; round++) {
        for (int tf = 0; tf < 2; tf++) {
          dev.setTf32(tf == 1);
          for (int k = -1; k < speedSteps; k++) { // one untimed warm-up step per run
            if (secondsSince(s) > speedSeconds) {
              timedOut = true;
              break outer;
            }
            for (int i = 0; i < tokens; i++) {
              in[i] = r.nextInt(cfg.vocab());
              tg[i] = r.nextInt(cfg.vocab());
            }
            long t0 = System.nanoTime();
            lastLoss = gpu.trainStep(in, tg, 3e-4); // reading the loss back waits for the step
            dev.synchronize();
            double sec = (System.nanoTime() - t0) / 1e9;
            if (k >= 0) times.get(tf).add(sec);
          }
        }
      }
      dev.setTf32(false);
      JsonArray runs = new JsonArray();
      StringBuilder detail = new StringBuilder(String.format(
          "%s, batch %d, %.3g GFLOP/token, device memory %.1f GB",
          cfg.name(), speedBatch, flopsPerToken / 1e9, gpu.deviceBytes() / 1e9));
      for (int tf = 0; tf < 2; tf++) {
        List<Double> ts = new ArrayList<>(times.get(tf));
        if (ts.isEmpty()) continue;
        ts.sort(null);
        double med = ts.get(ts.size() / 2), tps = tokens / med;
        JsonObject run = new JsonObject();
        run.addProperty("tf32", tf == 1);
        run.addProperty("steps_timed", ts.size());
        run.addProperty("median_step_seconds", med);
        run.addProperty("min_step_seconds", ts.get(0));
        run.addProperty("tokens_per_second", tps);
        run.addProperty("achieved_tflops", tps * flopsPerToken / 1e12);
        double peak = peaks == null ? Double.NaN : peaks[tf];
        if (peaks != null) run.addProperty("mfu", tps * flopsPerToken / (peak * 1e12));
        detail.append(String.format("; %s: %.0f tokens/s, %.1f TFLOP/s%s", tf == 1 ? "TF32" : "fp32", tps, tps * flopsPerToken / 1e12,
            peaks == null ? "" : String.format(", MFU %.1f%%", 100 * tps * flopsPerToken / (peak * 1e12))));
        JsonObject vs = pytorchRun(tf == 1);
        if (vs != null) {
          for (String att : new String[] {"manual", "sdpa"}) {
            if (vs.has(att)) {
              double ratio = tps / vs.get(att).getAsDouble();
              run.addProperty("ratio_to_pytorch_" + att, ratio);
              detail.append(String.format(", %.2fx PyTorch eager (%s attention)", ratio, att));
            }
          }
        }
        runs.add(run);
      }
      boolean measured = !runs.isEmpty();
      st = step(TRAINING_STEPS[2], measured ? "passed" : "failed", s, measured
          ? detail + (timedOut ? " (time box of " + speedSeconds + " s reached)" : "") + "; last loss " + String.format("%.4f", lastLoss)
          : "no step finished inside the time box of " + speedSeconds + " s");
      st.addProperty("model", cfg.name());
      st.addProperty("batch", speedBatch);
      st.addProperty("tokens_per_step", tokens);
      st.addProperty("training_flops_per_token", flopsPerToken);
      st.addProperty("device_bytes", gpu.deviceBytes());
      st.addProperty("timed_out", timedOut);
      if (peaks != null) {
        JsonObject pk = new JsonObject();
        pk.addProperty("fp32", peaks[0]);
        pk.addProperty("tf32", peaks[1]);
        st.add("peak_tflops", pk);
      }
      st.add("runs", runs);
    }
    log.println("gpu-check: " + TRAINING_STEPS[2] + ": " + st.get("detail").getAsString());
    return st;
  }

  /** Datasheet peaks (dense TFLOP/s, fp32 and TF32): PyTorch's baseline's when it ran, else H100/H200 SXM's. */
  private double[] peaks(String deviceName) {
    if (report.has("pytorch_baseline") && report.get("pytorch_baseline").isJsonObject()) {
      JsonObject pb = report.getAsJsonObject("pytorch_baseline");
      if (pb.has("peak_tflops") && pb.get("peak_tflops").isJsonObject()) {
        JsonObject pk = pb.getAsJsonObject("peak_tflops");
        if (pk.has("fp32") && !pk.get("fp32").isJsonNull() && pk.has("tf32") && !pk.get("tf32").isJsonNull()) {
          return new double[] {pk.get("fp32").getAsDouble(), pk.get("tf32").getAsDouble()};
        }
      }
    }
    String n = deviceName.toUpperCase(java.util.Locale.ROOT);
    return n.contains("H100") || n.contains("H200") ? new double[] {67, 494.7} : null;
  }

  /** PyTorch's tokens/s by attention ("manual", "sdpa") at that TF32 setting, or null without a baseline. */
  private JsonObject pytorchRun(boolean tf32) {
    if (!report.has("pytorch_baseline") || !report.get("pytorch_baseline").isJsonObject()) return null;
    JsonObject pb = report.getAsJsonObject("pytorch_baseline");
    if (!pb.has("runs") || !pb.get("runs").isJsonArray()) return null;
    JsonObject out = new JsonObject();
    for (JsonElement e : pb.getAsJsonArray("runs")) {
      JsonObject r = e.getAsJsonObject();
      if (r.has("tf32") && r.get("tf32").getAsBoolean() == tf32 && r.has("attention") && r.has("tokens_per_second")) {
        out.addProperty(r.get("attention").getAsString(), r.get("tokens_per_second").getAsDouble());
      }
    }
    return out.size() == 0 ? null : out;
  }

  // ------------------------------------------------------------------------------------ report

  @FunctionalInterface
  private interface StepBody {
    JsonObject run();
  }

  /** Runs a step; an exception fails it (with its one-line message) instead of ending the check. */
  private void guarded(String name, StepBody body) {
    long s = System.nanoTime();
    try {
      body.run();
    } catch (RuntimeException ex) {
      step(name, "failed", s, ex.getMessage() == null ? ex.toString() : ex.getMessage());
      log.println("gpu-check: " + name + ": failed: " + ex.getMessage());
    }
  }

  private JsonObject step(String name, String status, long startNanos, String detail) {
    JsonObject st = new JsonObject();
    st.addProperty("name", name);
    st.addProperty("status", status);
    st.addProperty("seconds", secondsSince(startNanos));
    st.addProperty("detail", detail);
    steps.add(st);
    if (status.equals("failed") || status.equals("error")) anyFailed = true;
    return st;
  }

  private static double secondsSince(long nanos) {
    return Math.round((System.nanoTime() - nanos) / 1e6) / 1e3;
  }

  private void write() {
    report.add("steps", steps);
    report.addProperty("seconds", secondsSince(t0));
    Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();
    try {
      Files.createDirectories(out);
      Path f = out.resolve("gpu-check.json");
      Path tmp = out.resolve("gpu-check.json.tmp");
      Files.writeString(tmp, gson.toJson(report) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      log.println("gpu-check: wrote " + f + " (status " + report.get("status").getAsString() + ")");
    } catch (IOException ex) {
      log.println("gpu-check: error: cannot write " + out.resolve("gpu-check.json") + ": " + ex.getMessage());
    }
  }
}

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
import org.scalinglab.hardware.CudaKernels;

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
 *   <li>the training checks (one GPT step against the CPU engine, a loss curve, tokens/s
 *       against PyTorch) as "not-implemented" steps until the GPU engine exists; the PyTorch side's
 *       result ({@code OUTDIR/torch-bench.json}, from {@code tools/gpu_torch_bench.py}) is included
 *       when the script wrote it.
 * </ol>
 * Writes {@code OUTDIR/gpu-check.json} in every case, also when there is no driver ({@code status}
 * "no-driver"; the kernels are still compiled when NVRTC is found, for {@code --arch}). Exit code: 0
 * when every implemented step passed, 1 when one failed, 2 when the GPU cannot be used (one line on
 * stderr saying why).
 *
 * <p>Usage: {@code GpuCheck OUTDIR [--size N] [--repeats R] [--device I] [--arch XY]}
 */
public final class GpuCheck {
  static final double TOLERANCE = 1e-4;
  static final double TF32_TOLERANCE = 1e-2;
  static final long SEED = 20261205L;

  private final Path out;
  private final int size, repeats, ordinal, archWithoutDevice;
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
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--size" -> size = Integer.parseInt(args[++i]);
          case "--repeats" -> repeats = Integer.parseInt(args[++i]);
          case "--device" -> ordinal = Integer.parseInt(args[++i]);
          case "--arch" -> arch = Integer.parseInt(args[++i]);
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
          + " (usage: GpuCheck OUTDIR [--size N] [--repeats R] [--device I] [--arch XY])");
      return 2;
    }
    return new GpuCheck(out, size, repeats, ordinal, arch, log).run();
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
      notImplemented();
      report.addProperty("status", probe.status().equals("ok") ? "no-device" : probe.status());
      report.addProperty("message", problem != null ? problem : "no CUDA device " + ordinal);
      log.println("gpu-check: " + report.get("message").getAsString());
      return 2;
    }
    if (nvrtc == null) {
      notImplemented();
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
    }
    notImplemented();
    if (problem != null) {
      // a device and NVRTC but no cuBLAS: the kernel steps ran, the cuBLAS ones failed
      report.addProperty("status", probe.status());
      report.addProperty("message", problem);
      log.println("gpu-check: " + problem);
      return 2;
    }
    report.addProperty("status", anyFailed ? "failed" : "ok");
    report.addProperty("message", anyFailed ? "some steps failed (see steps)" : "every implemented step passed; "
        + "the GPU training checks are not implemented yet");
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

  // ---------------------------------------------------------------------------- not yet there

  private void notImplemented() {
    String why = "the GPU training engine (issue 16) does not exist yet: the CUDA training kernels and the "
        + "engine that runs the benchmark GPT on them are the next step";
    step("gpt-step-vs-cpu", "not-implemented", System.nanoTime(),
        "one training step of the benchmark GPT on the GPU vs the CPU engine, same seed: loss and every gradient "
        + "within 1e-4 relative (fp32, TF32 off). " + why);
    step("loss-curve-vs-cpu", "not-implemented", System.nanoTime(),
        "a few hundred steps on the GPU, loss curve vs the CPU engine's on the same seed. " + why);
    JsonObject t = step("tokens-per-second-vs-pytorch", "not-implemented", System.nanoTime(),
        "tokens/s and MFU of GPT-2-small shape (d 768, 12 layers, 12 heads, context 1024, vocab 256) vs PyTorch "
        + "eager on this GPU. Java side: " + why + "; the PyTorch side is measured by "
        + "tools/gpu_torch_bench.py (pytorch_baseline below)");
    Path torch = out.resolve("torch-bench.json");
    if (Files.isRegularFile(torch)) {
      try {
        JsonElement e = JsonParser.parseString(Files.readString(torch, StandardCharsets.UTF_8));
        report.add("pytorch_baseline", e);
        t.addProperty("pytorch_baseline", "included (torch-bench.json)");
      } catch (IOException | RuntimeException ex) {
        t.addProperty("pytorch_baseline", "torch-bench.json unreadable: " + ex.getMessage());
      }
    }
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

package org.scalinglab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.scalinglab.data.Json;
import org.scalinglab.train.Blas;
import org.scalinglab.train.MatmulPeak;
import org.scalinglab.train.StepProfile;
import org.scalinglab.train.TrainingThroughput;
import org.scalinglab.train.TransformerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scalinglab bench train}: GPT training throughput (vocab 256, context 128, d_model 128,
 * 4 layers, 4 heads, batch 32, fp32) in scalinglab and, in the same invocation and alternating
 * with it, in PyTorch on CPU ({@code lib/src/bench/python/gpt_torch.py}, Debian's python3-torch),
 * with the same architecture, optimiser and thread count.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Time GPT training tokens/s against PyTorch on CPU.")
public final class BenchTrainCommand implements Callable<Integer> {
  @Option(names = "--threads", defaultValue = "2", description = "threads on both sides (default: ${DEFAULT-VALUE})")
  int threads;
  @Option(names = "--steps", defaultValue = "10", description = "timed steps per measurement (default: ${DEFAULT-VALUE})")
  int steps;
  @Option(names = "--warmup", defaultValue = "5", description = "untimed steps first (default: ${DEFAULT-VALUE})")
  int warmup;
  @Option(names = "--repeats", defaultValue = "5", description = "alternating measurements of each side; median and range are reported (default: ${DEFAULT-VALUE})")
  int repeats;
  @Option(names = "--no-torch", description = "skip the PyTorch side")
  boolean noTorch;
  @Option(names = "--python", description = "python with torch (default: $SCALINGLAB_PYTHON, else python3 on the PATH)")
  String python;
  @Option(names = "--json", description = "print JSON")
  boolean json;
  @Option(names = "--profile", description = "after the measurements, one more scalinglab run of --steps steps with the wall time of each phase of the step (matmul, layer norm, softmax, GELU, optimiser, ...)")
  boolean profile;

  static final TransformerConfig GPT = TransformerConfig.of(256, 128, 4, 128, 4);
  static final int BATCH = 32;

  @Override
  public Integer call() throws Exception {
    if (repeats < 1 || steps < 1 || warmup < 0) throw new IllegalArgumentException("--repeats and --steps must be ≥ 1");
    String blas = Blas.describe();
    if (!json) System.err.println("engine: CPU, " + blas);
    double peak = MatmulPeak.flopsPerSecond(threads);
    Path script = noTorch ? null : findScript();
    boolean torch = script != null && torchAvailable();
    List<Double> ours = new ArrayList<>(), theirs = new ArrayList<>(), ratios = new ArrayList<>(), loads = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      loads.add(loadAverage());
      if (r > 0) peak = MatmulPeak.remeasure(threads); // the best of one measurement per repeat
      double t = TrainingThroughput.measure(GPT, BATCH, threads, warmup, steps, 1L + r).tokensPerSecond();
      ours.add(t);
      if (torch) {
        double p = runTorch(script);
        theirs.add(p);
        ratios.add(t / p);
      }
      if (!json) {
        System.err.printf(Locale.ROOT, "repeat %d/%d (load %.2f): scalinglab %.0f tokens/s%s%n", r + 1, repeats, loads.get(r), t,
            torch ? String.format(Locale.ROOT, ", PyTorch %.0f tokens/s, ratio %.2f", theirs.get(r), ratios.get(r)) : "");
      }
    }
    Map<StepProfile.Phase, Double> phases = null;
    double profiledSeconds = 0;
    if (profile) {
      if (!json) System.err.printf(Locale.ROOT, "profiling %d steps…%n", steps);
      StepProfile.enable(true);
      try {
        TrainingThroughput.Result pr = TrainingThroughput.measure(GPT, BATCH, threads, 0, steps, 1L + repeats);
        phases = StepProfile.seconds();
        for (double s : pr.stepSeconds()) profiledSeconds += s;
      } finally {
        StepProfile.enable(false);
      }
    }
    double tps = median(ours), ttps = torch ? median(theirs) : Double.NaN, ratio = torch ? median(ratios) : Double.NaN;
    double mfu = tps * GPT.trainingFlopsPerToken() / peak;
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("tokens_per_s", tps);
      o.put("torch_tokens_per_s", torch ? ttps : null);
      o.put("ratio", torch ? ratio : null);
      o.put("mfu", mfu);
      o.put("torch_mfu", torch ? ttps * GPT.trainingFlopsPerToken() / peak : null);
      o.put("peak_gflops", peak / 1e9);
      o.put("tokens_per_s_best", max(ours));
      o.put("torch_tokens_per_s_best", torch ? max(theirs) : null);
      o.put("threads", threads);
      o.put("flops_per_token", GPT.trainingFlopsPerToken());
      o.put("tokens_per_s_runs", ours);
      o.put("torch_tokens_per_s_runs", theirs);
      o.put("ratio_runs", ratios);
      o.put("load_runs", loads);
      o.put("blas", blas);
      if (phases != null) {
        Map<String, Object> prof = new LinkedHashMap<>();
        prof.put("steps", steps);
        prof.put("seconds", profiledSeconds);
        Map<String, Object> fr = new LinkedHashMap<>();
        for (Map.Entry<StepProfile.Phase, Double> e : phases.entrySet()) fr.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue() / profiledSeconds);
        prof.put("fraction_of_step", fr);
        o.put("profile", prof);
      }
      System.out.println(Json.toJson(o));
    } else {
      System.out.printf(Locale.ROOT, "GPT vocab 256, context 128, d_model 128, 4 layers, 4 heads, batch 32, fp32, %d threads%n", threads);
      System.out.printf(Locale.ROOT, "matmul peak (measured, sgemm n=1024, best of %d): %.1f GFLOP/s; %.3g training FLOPs/token%n", repeats, peak / 1e9, GPT.trainingFlopsPerToken());
      System.out.printf(Locale.ROOT, "scalinglab: %.0f tokens/s (median of %d; range %s; runs %s), MFU %.3f%n", tps, repeats, range(ours), fmt(ours), mfu);
      if (torch) {
        System.out.printf(Locale.ROOT, "PyTorch:    %.0f tokens/s (median of %d; range %s; runs %s), MFU %.3f%n", ttps, repeats, range(theirs), fmt(theirs),
            ttps * GPT.trainingFlopsPerToken() / peak);
        System.out.printf(Locale.ROOT, "ratio scalinglab/PyTorch: %.2f (median; range %.2f–%.2f)%n", ratio,
            ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
            ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        System.out.printf(Locale.ROOT, "best run of each side: scalinglab %.0f, PyTorch %.0f tokens/s, ratio %.2f%n", max(ours), max(theirs),
            max(ours) / max(theirs));
      } else {
        System.out.println("PyTorch: not measured (" + (noTorch ? "--no-torch" : script == null
            ? "lib/src/bench/python/gpt_torch.py not found" : "python3-torch not installed: apt-get install -y python3-torch") + ")");
      }
    }
    if (!json) {
      System.out.printf(Locale.ROOT, "load (1-minute average) at each repeat: %s%n",
          loads.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
    }
    if (phases != null && !json) {
      System.out.printf(Locale.ROOT, "%nprofile of %d steps (%.2f s per step; wall time of each phase on the driving thread, waits for the other threads included):%n",
          steps, profiledSeconds / steps);
      double sum = 0;
      for (Map.Entry<StepProfile.Phase, Double> e : phases.entrySet()) {
        sum += e.getValue();
        System.out.printf(Locale.ROOT, "  %-36s %8.1f ms/step %6.1f%%%n", e.getKey().label(), 1e3 * e.getValue() / steps, 100 * e.getValue() / profiledSeconds);
      }
      System.out.printf(Locale.ROOT, "  %-36s %8.1f ms/step %6.1f%%%n", "(not in a phase)", 1e3 * (profiledSeconds - sum) / steps, 100 * (profiledSeconds - sum) / profiledSeconds);
    }
    return 0;
  }

  /** The system's 1-minute load average (negative where the platform has none). */
  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static double max(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  private static String range(List<Double> v) {
    return String.format(Locale.ROOT, "%.0f–%.0f", v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
        v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
  }

  private static String fmt(List<Double> v) {
    return v.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList().toString();
  }

  private static double median(List<Double> v) {
    return new Median().evaluate(v.stream().mapToDouble(Double::doubleValue).toArray()); // mean of the middle two for even counts
  }

  private boolean torchAvailable() {
    if (chosenPython == null) chosenPython = PythonBaseline.choosePython(python, "torch");
    return PythonBaseline.canImport(chosenPython, "torch");
  }

  private PythonBaseline baseline() {
    if (chosenPython == null) chosenPython = PythonBaseline.choosePython(python, "torch");
    return new PythonBaseline(chosenPython, Duration.ofMinutes(10));
  }

  private String chosenPython;

  private double runTorch(Path script) throws InterruptedException {
    PythonBaseline.Result r;
    try {
      r = baseline().run(script, List.of("--threads", String.valueOf(threads), "--steps", String.valueOf(steps),
          "--warmup", String.valueOf(warmup)), Map.of("OMP_NUM_THREADS", String.valueOf(threads)));
    } catch (PythonBaseline.Unavailable ex) {
      throw new IllegalStateException("PyTorch baseline: " + ex.getMessage());
    }
    if (!r.ok() || !r.json().has("tokens_per_s")) {
      throw new IllegalStateException("PyTorch baseline failed (exit " + r.exitCode() + "): " + r.lastErrorLine());
    }
    return r.json().get("tokens_per_s").getAsDouble();
  }

  /** The baseline script, found from the working directory and the jar's location upwards. */
  static Path findScript() {
    return ProjectFile.find("lib/src/bench/python/gpt_torch.py");
  }
}

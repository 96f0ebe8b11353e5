package org.scalinglab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.scalinglab.data.Json;
import org.scalinglab.data.Runs;
import org.scalinglab.data.RunsFile;
import org.scalinglab.fit.Approach3Fit;
import org.scalinglab.fit.Approach3Result;
import org.scalinglab.fit.Bootstrap;
import org.scalinglab.fit.FitProgress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scalinglab bench fit}: times the full 4,500-start Approach-3 fit (and a bootstrap) on the
 * digitized Chinchilla runs, runs the same fit with scipy ({@code lib/src/bench/python/approach3_scipy.py}:
 * same objective, same δ, same starts, {@code minimize(method="L-BFGS-B")} with the analytic gradient)
 * in the same run, and prints both times, their ratio and both optima.
 *
 * <p>Java is timed after one warm-up fit (reported too, as the cold time) so the ratio compares
 * steady states; scipy's time is measured inside Python around the optimisation loop (interpreter
 * start and imports excluded). The Java fit uses every core; scipy uses one.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Time the 4,500-start Approach-3 fit and a bootstrap against scipy's L-BFGS-B.")
public final class BenchFitCommand implements Callable<Integer> {
  static final String SCRIPT = "lib/src/bench/python/approach3_scipy.py";
  static final String DATA = "data/chinchilla_epoch_digitized.csv";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", paramLabel = "FILE", description = "Runs to fit (default: " + DATA + ").")
  Path data;

  @Option(names = "--repeat", defaultValue = "3", paramLabel = "K", description = "Timed Java fits after the warm-up (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--bootstrap", defaultValue = "1000", paramLabel = "K", description = "Resamples of the timed bootstrap (0: skip; default ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--huber-delta", defaultValue = "1e-3", paramLabel = "δ", description = "Huber δ (default: ${DEFAULT-VALUE}).")
  double huberDelta;

  @Option(names = "--python", paramLabel = "EXE", description = "Python with scipy (default: $SCALINGLAB_PYTHON, else python3 on the PATH).")
  String python;

  @Option(names = "--scipy-script", paramLabel = "FILE", description = "The scipy baseline (default: " + SCRIPT + ", found from here or the jar).")
  Path script;

  @Option(names = "--no-scipy", description = "Time Java only.")
  boolean noScipy;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(names = "--no-process", description = "Skip timing the whole process of ./scalinglab fit.")
  boolean noProcess;

  /** Wall time of the scipy baseline as a whole process (interpreter start and imports included). */
  private double scipyProcessSeconds = Double.NaN;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (repeat < 1) throw new IllegalArgumentException("--repeat must be ≥ 1, got " + repeat);
    if (bootstrap < 0 || bootstrap == 1) throw new IllegalArgumentException("--bootstrap must be 0 or ≥ 2, got " + bootstrap);
    CliValues.positive("--huber-delta", huberDelta);
    Path csv = data != null ? data : ProjectFile.require(DATA, "--data");
    Runs runs = RunsFile.read(csv);
    PrintWriter out = spec.commandLine().getOut();
    java.io.PrintStream progress = json ? null : System.err;
    int cores = Runtime.getRuntime().availableProcessors();

    Approach3Fit fit = Approach3Fit.builder().huberDelta(huberDelta).build();
    status(progress, "Java: warm-up fit (4,500 starts)…");
    long t0 = System.nanoTime();
    Approach3Result result = fit.fit(runs);
    double cold = seconds(t0);
    double[] warm = new double[repeat];
    double[] warmCpu = new double[repeat];
    for (int k = 0; k < repeat; k++) {
      status(progress, String.format(Locale.ROOT, "Java: timed fit %d/%d…", k + 1, repeat));
      long c = processCpuNanos();
      long t = System.nanoTime();
      result = fit.fit(runs);
      warm[k] = seconds(t);
      warmCpu[k] = (processCpuNanos() - c) / 1e9;
    }
    double javaCpu = median(warmCpu);
    double javaMedian = median(warm);
    status(progress, "Java: one-thread fit…");
    long t1 = System.nanoTime();
    fit.toBuilder().threads(1).build().fit(runs);
    double oneThread = seconds(t1);
    double bootSeconds = Double.NaN;
    if (bootstrap > 0) {
      long t2 = System.nanoTime();
      Bootstrap.builder().resamples(bootstrap).seed(1)
          .progress(progress == null ? FitProgress.none() : FitProgress.bar(progress, "Java: bootstrap")).build().run(fit, result);
      bootSeconds = seconds(t2);
    }

    double[] process = noProcess ? null : timeWholeProcess(csv, progress);

    Map<String, String> scipy = null;
    String scipyProblem = null;
    if (noScipy) {
      scipyProblem = "skipped (--no-scipy)";
    } else {
      status(progress, "scipy: the same 4,500-start fit with L-BFGS-B (takes a while)…");
      try {
        scipy = runScipy(csv);
      } catch (ScipyUnavailable ex) {
        scipyProblem = ex.getMessage();
      }
    }
    if (progress != null) progress.print("\r" + " ".repeat(78) + "\r");

    double scipySeconds = scipy == null ? Double.NaN : Double.parseDouble(scipy.get("seconds"));
    double scipyCpu = scipy == null || !scipy.containsKey("cpuSeconds") ? Double.NaN : Double.parseDouble(scipy.get("cpuSeconds"));
    double scipyObjective = scipy == null ? Double.NaN : Double.parseDouble(scipy.get("objective"));
    double relDiff = Math.abs(result.objective() - scipyObjective) / Math.abs(scipyObjective);
    boolean same = relDiff <= 1e-6;
    double ratio = scipySeconds / javaMedian;
    if (json) {
      Json.Obj j = Json.object().put("data", runs.source()).put("runs", (long) runs.size()).put("starts", (long) result.starts())
          .put("huberDelta", huberDelta).put("cores", (long) cores)
          .put("javaColdSeconds", cold).put("javaSeconds", javaMedian).put("javaMinSeconds", Arrays.stream(warm).min().orElseThrow())
          .put("javaOneThreadSeconds", oneThread).put("javaCpuSeconds", javaCpu).put("javaObjective", result.objective()).put("javaConverged", result.converged())
          .put("javaStartsNearBest", (long) result.startsNearBest())
          .put("E", result.E()).put("A", result.A()).put("B", result.B()).put("alpha", result.alpha()).put("beta", result.beta());
      if (bootstrap > 0) j.put("bootstrapResamples", (long) bootstrap).put("bootstrapSeconds", bootSeconds);
      if (process != null) {
        j.put("processSeconds", median(process)).put("processMinSeconds", Arrays.stream(process).min().orElseThrow())
            .put("processMaxSeconds", Arrays.stream(process).max().orElseThrow()).put("processRuns", (long) process.length);
      }
      if (scipy != null) {
        j.put("scipySeconds", scipySeconds).put("scipyObjective", scipyObjective).put("scipyVersion", scipy.get("scipy"))
            .put("scipyStartsNearBest", (long) Double.parseDouble(scipy.get("startsNearBest")))
            .put("ratio", ratio).put("ratioOneThread", scipySeconds / oneThread)
            .put("scipyCpuSeconds", scipyCpu).put("ratioCpu", scipyCpu / javaCpu)
            .put("objectiveRelativeDifference", relDiff).put("sameOptimum", same)
            .put("scipyProcessSeconds", scipyProcessSeconds);
        if (process != null) j.put("ratioProcess", scipyProcessSeconds / median(process));
      } else {
        j.put("scipy", scipyProblem);
      }
      out.println(j);
      out.flush();
      return 0;
    }
    out.printf(Locale.ROOT, "Approach-3 fit of %s (%d runs), Huber δ = %s, %,d starts (Hoffmann et al. grid)%n",
        runs.source(), runs.size(), huberDelta, result.starts());
    out.printf(Locale.ROOT, "  Java  (%d cores):  %7.3f s median of %d (min %.3f s; cold first fit %.3f s; one thread %.3f s; CPU %.3f s)%n",
        cores, javaMedian, repeat, Arrays.stream(warm).min().orElseThrow(), cold, oneThread, javaCpu);
    if (process != null) {
      out.printf(Locale.ROOT, "  Java, whole process (./scalinglab fit --data … --json, JVM start included): %.3f s median of %d (%.3f–%.3f s)%n",
          median(process), process.length, Arrays.stream(process).min().orElseThrow(), Arrays.stream(process).max().orElseThrow());
    }
    if (scipy != null) {
      out.printf(Locale.ROOT, "  scipy %s (1 core): %7.3f s (CPU %.3f s; L-BFGS-B, analytic gradient, numpy %s)%n", scipy.get("scipy"),
          scipySeconds, scipyCpu, scipy.get("numpy"));
      out.printf(Locale.ROOT, "  ratio scipy / Java: %.1f× wall clock (all cores), %.1f× wall clock (Java on one thread), %.1f× CPU time%n",
          ratio, scipySeconds / oneThread, scipyCpu / javaCpu);
      if (process != null) {
        out.printf(Locale.ROOT, "  whole process on both sides: scipy %.3f s (python3 start and imports included) / Java %.3f s = %.1f×%n",
            scipyProcessSeconds, median(process), scipyProcessSeconds / median(process));
      }
      out.printf(Locale.ROOT, "  (on a shared machine the wall-clock ratios move with the load; CPU time does not)%n");
    } else {
      out.printf(Locale.ROOT, "  scipy: %s%n", scipyProblem);
    }
    out.printf(Locale.ROOT, "%n  optimum   %14s %10s %10s %8s %8s %8s%n", "objective", "E", "A", "B", "alpha", "beta");
    out.printf(Locale.ROOT, "  Java      %14.10g %10.4f %10.2f %8.1f %8.4f %8.4f  (%s, %d starts within 1e-6 of best)%n",
        result.objective(), result.E(), result.A(), result.B(), result.alpha(), result.beta(),
        result.converged() ? "converged" : "NOT converged", result.startsNearBest());
    if (scipy != null) {
      out.printf(Locale.ROOT, "  scipy     %14.10g %10.4f %10.2f %8.1f %8.4f %8.4f  (%s starts within 1e-6 of best)%n",
          scipyObjective, d(scipy, "E"), d(scipy, "A"), d(scipy, "B"), d(scipy, "alpha"), d(scipy, "beta"),
          scipy.get("startsNearBest"));
      out.printf(Locale.ROOT, "  same optimum: %s (objectives differ by %.2g relative; limit 1e-6)%n", same ? "yes" : "NO", relDiff);
    }
    if (bootstrap > 0) {
      out.printf(Locale.ROOT, "%n  Java bootstrap: %,d resamples (warm-started refits) in %.3f s%n", bootstrap, bootSeconds);
    }
    out.flush();
    return 0;
  }

  /**
   * Wall time of {@code ./scalinglab fit --data CSV --huber-delta δ --json} as a child process, the way
   * a user runs it (JVM start, class loading and the CLI's class-data-sharing archive included): one
   * untimed run first (it may build that archive), then {@code repeat} timed runs. Null, with a note on
   * the progress stream, when the launcher is not found (e.g. the jar was copied elsewhere).
   */
  private double[] timeWholeProcess(Path csv, java.io.PrintStream progress) throws IOException, InterruptedException {
    Path launcher = ProjectFile.find("scalinglab");
    if (launcher == null || !Files.isExecutable(launcher)) {
      if (progress != null) progress.println("\rwhole-process timing skipped: ./scalinglab not found from here or the jar");
      return null;
    }
    List<String> cmd = List.of(launcher.toString(), "fit", "--data", csv.toAbsolutePath().toString(),
        "--huber-delta", Double.toString(huberDelta), "--json");
    double[] t = new double[repeat];
    for (int k = -1; k < repeat; k++) {
      status(progress, String.format(Locale.ROOT, "Java: whole process %d/%d…", k + 2, repeat + 1));
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      int rc = p.waitFor();
      if (rc != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed with exit code " + rc);
      if (k >= 0) t[k] = seconds(t0);
    }
    return t;
  }

  /** Raised when python3 or scipy cannot be used; the message says why. */
  static final class ScipyUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    ScipyUnavailable(String message) {
      super(message);
    }
  }

  /**
   * The environment of the scipy child: numpy's BLAS on one thread. The baseline is one L-BFGS-B run
   * after another on 240-element arrays, so BLAS threads only add hand-offs; and the launcher's
   * OMP_NUM_THREADS=2 with OMP_WAIT_POLICY=PASSIVE (meant for the trainer's OpenBLAS) made numpy
   * 2.4's OpenMP-built OpenBLAS 6–7× slower on it (100 starts: 4.2 s against 0.64 s with one thread,
   * measured 2026-12-05, scipy 1.17.1), which had made scipy look ~40× slower than it is.
   */
  static final Map<String, String> ONE_THREAD_NUMPY = Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "1",
      "MKL_NUM_THREADS", "1");

  private Map<String, String> runScipy(Path csv) throws ScipyUnavailable, InterruptedException {
    Path py = script != null ? script : ProjectFile.find(SCRIPT);
    if (py == null || !Files.isRegularFile(py)) {
      throw new ScipyUnavailable("not run: cannot find the baseline script " + (script != null ? script : SCRIPT)
          + " (run from the project folder or pass --scipy-script)");
    }
    String exe = PythonBaseline.choosePython(python, "scipy");
    PythonBaseline.Result r;
    try {
      long t0 = System.nanoTime();
      r = new PythonBaseline(exe, Duration.ofMinutes(30))
          .run(py, List.of(csv.toString(), "--delta", Double.toString(huberDelta)), ONE_THREAD_NUMPY);
      scipyProcessSeconds = seconds(t0);
    } catch (PythonBaseline.Unavailable ex) {
      throw new ScipyUnavailable("not run: " + ex.getMessage() + "; install Debian's python3-scipy or pass --python");
    }
    if (r.exitCode() != 0) {
      String last = r.lastErrorLine();
      if (last.contains("No module named")) {
        throw new ScipyUnavailable("not run: " + exe + " has no scipy/numpy (" + last + "); apt-get install python3-scipy");
      }
      throw new ScipyUnavailable("the scipy baseline failed (exit " + r.exitCode() + "): " + last);
    }
    Map<String, String> fields = parseFlatJson(r.stdout());
    if (!fields.containsKey("objective") || !fields.containsKey("seconds")) {
      throw new ScipyUnavailable("the scipy baseline printed no result: " + PythonBaseline.lastLine(r.stdout()));
    }
    return fields;
  }

  /** Fields of the one JSON object the script prints on its last line, as text (Gson parses it). */
  static Map<String, String> parseFlatJson(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    com.google.gson.JsonObject o = PythonBaseline.lastJsonObject(text);
    if (o == null) return out;
    for (Map.Entry<String, com.google.gson.JsonElement> e : o.entrySet()) {
      if (e.getValue().isJsonPrimitive()) out.put(e.getKey(), e.getValue().getAsString());
    }
    return out;
  }

  private static void status(java.io.PrintStream progress, String what) {
    if (progress == null) return;
    progress.print("\r" + String.format(Locale.ROOT, "%-78s", what));
    progress.flush();
  }

  /** CPU time of this whole JVM (all threads), in nanoseconds; NaN-safe 0 when the platform cannot tell. */
  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) return Math.max(0, sun.getProcessCpuTime());
    return 0;
  }

  private static double d(Map<String, String> m, String k) {
    return Double.parseDouble(m.get(k));
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double median(double[] v) {
    return new Median().evaluate(v); // the mean of the middle two for even counts
  }


}

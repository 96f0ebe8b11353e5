package org.scalinglab.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scalinglab.hardware.CacheSizes;
import org.scalinglab.hardware.MatmulBenchmark;
import org.scalinglab.hardware.MatmulTiming;
import org.scalinglab.hardware.MatmulVariant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scalinglab bench matmul}: the fp32 matrix-multiply ladder of notebook 11 — naive i-j-k,
 * i-k-j, cache-blocked tiles, tiles on all cores, OpenBLAS as the trainer calls it — GFLOP/s (best
 * of runs) for each variant and n, with the machine's measured peak (the best OpenBLAS figure) as the
 * baseline each rung is compared with.
 */
@Command(name = "matmul", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Time fp32 matrix multiply from a naive loop to tiles to OpenBLAS (GFLOP/s per variant and n).")
public final class BenchMatmulCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--sizes", defaultValue = "64,128,256,512,1024,2048", split = ",", paramLabel = "N,…",
      description = "matrix sizes n (default: ${DEFAULT-VALUE})")
  int[] sizes;

  @Option(names = "--variants", split = ",", paramLabel = "V,…",
      description = "naive, loop-order, tiled, tiled-parallel, openblas (default: all)")
  List<String> variants;

  @Option(names = "--tile", defaultValue = "64", paramLabel = "T", description = "tile size T (default: ${DEFAULT-VALUE})")
  int tile;

  @Option(names = "--threads", paramLabel = "K", description = "threads for the parallel variants (default: all processors)")
  Integer threads;

  @Option(names = "--repeats", defaultValue = "3", paramLabel = "K", description = "timed runs per variant and n, best kept (default: ${DEFAULT-VALUE})")
  int repeats;

  @Option(names = "--max-seconds", defaultValue = "5", paramLabel = "S",
      description = "time budget per variant and n; a size predicted to need more for one run is skipped (default: ${DEFAULT-VALUE})")
  double maxSeconds;

  @Option(names = "--json", description = "print one JSON object: machine, results (one record per variant and n, with gflops), capped")
  boolean json;

  @Override
  public Integer call() {
    if (sizes == null || sizes.length == 0) throw new IllegalArgumentException("--sizes needs at least one n");
    for (int n : sizes) {
      if (n < 1 || n > 8192) throw new IllegalArgumentException("--sizes: n must be in 1…8192, got " + n);
    }
    if (tile < 1 || tile > 4096) throw new IllegalArgumentException("--tile must be in 1…4096, got " + tile);
    if (repeats < 1) throw new IllegalArgumentException("--repeats must be ≥ 1, got " + repeats);
    if (!(maxSeconds > 0) || Double.isInfinite(maxSeconds)) throw new IllegalArgumentException("--max-seconds must be a positive number, got " + maxSeconds);
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (t < 1 || t > 1024) throw new IllegalArgumentException("--threads must be in 1…1024, got " + t);
    List<MatmulVariant> chosen = new ArrayList<>();
    if (variants == null || variants.isEmpty()) chosen.addAll(Arrays.asList(MatmulVariant.values()));
    else for (String v : variants) chosen.add(MatmulVariant.of(v));

    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    List<MatmulTiming> timings;
    try (MatmulBenchmark bench = MatmulBenchmark.builder().threads(t).tile(tile).repeats(repeats).maxSeconds(maxSeconds).build()) {
      timings = bench.run(chosen, sizes, json ? null : what -> {
        System.err.print(String.format(Locale.ROOT, "\r%-60s", "timing " + what + "…"));
        System.err.flush();
      });
    }
    if (!json) System.err.print("\r" + " ".repeat(60) + "\r");
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    double peak = timings.stream().filter(x -> x.measured() && x.variant() == MatmulVariant.OPENBLAS)
        .mapToDouble(MatmulTiming::gflops).max().orElse(Double.NaN);
    CacheSizes caches = CacheSizes.ofThisMachine();
    PrintWriter out = spec.commandLine().getOut();
    int cores = Runtime.getRuntime().availableProcessors();

    if (json) {
      JsonObject machine = new JsonObject();
      machine.addProperty("cores", cores);
      machine.addProperty("threads", t);
      machine.addProperty("tile", tile);
      machine.addProperty("repeats", repeats);
      machine.addProperty("maxSeconds", maxSeconds);
      if (loadBefore >= 0) machine.addProperty("loadBefore", loadBefore);
      if (loadAfter >= 0) machine.addProperty("loadAfter", loadAfter);
      if (Double.isFinite(peak)) machine.addProperty("peakGflops", peak);
      machine.addProperty("l1Bytes", caches.l1Bytes());
      machine.addProperty("l2Bytes", caches.l2Bytes());
      machine.addProperty("l3Bytes", caches.l3Bytes());
      JsonArray results = new JsonArray(), capped = new JsonArray();
      for (MatmulTiming x : timings) {
        JsonObject r = new JsonObject();
        r.addProperty("variant", x.variant().key());
        r.addProperty("n", x.n());
        r.addProperty("tile", x.tile());
        r.addProperty("threads", x.threads());
        if (x.measured()) {
          r.addProperty("gflops", x.gflops());
          r.addProperty("seconds", x.bestSeconds());
          r.addProperty("runs", x.runs());
          if (Double.isFinite(peak)) r.addProperty("fractionOfPeak", x.gflops() / peak);
          results.add(r);
        } else {
          r.addProperty("reason", x.skipped());
          capped.add(r);
        }
      }
      JsonObject root = new JsonObject();
      root.add("machine", machine);
      root.add("results", results);
      root.add("capped", capped);
      Gson gson = new GsonBuilder().create(); // no NaN literals: non-finite values are never added
      out.println(gson.toJson(root));
      out.flush();
      return 0;
    }

    out.printf(Locale.ROOT, "Matrix multiply C = A·B, fp32, n×n; best of up to %d runs, ≤ %.0f s per variant and n; %d threads for the parallel rungs, tile %d%n",
        repeats, maxSeconds, t, tile);
    out.printf(Locale.ROOT, "machine: %d cores, caches L1d %s, L2 %s, L3 %s; load average %.2f before, %.2f after%n",
        cores, kib(caches.l1Bytes()), kib(caches.l2Bytes()), kib(caches.l3Bytes()), loadBefore, loadAfter);
    out.printf(Locale.ROOT, "%n%-15s %6s %5s %8s %10s %11s %5s %9s%n", "variant", "n", "tile", "threads", "GFLOP/s", "best s", "runs", "of peak");
    Map<MatmulVariant, String> capNotes = new EnumMap<>(MatmulVariant.class);
    for (MatmulTiming x : timings) {
      if (x.measured()) {
        out.printf(Locale.ROOT, "%-15s %6d %5s %8d %10.2f %11.5f %5d %9s%n", x.variant().key(), x.n(), x.tile() > 0 ? Integer.toString(x.tile()) : "-",
            x.threads(), x.gflops(), x.bestSeconds(), x.runs(), Double.isFinite(peak) ? String.format(Locale.ROOT, "%.1f%%", 100 * x.gflops() / peak) : "-");
      } else {
        capNotes.merge(x.variant(), "n=" + x.n() + " (" + x.skipped() + ")", (a, b) -> a + "; n=" + b.substring(2));
      }
    }
    if (Double.isFinite(peak)) out.printf(Locale.ROOT, "%nmeasured peak (best OpenBLAS sgemm above): %.1f GFLOP/s on %d threads%n", peak, t);
    for (Map.Entry<MatmulVariant, String> e : capNotes.entrySet()) out.printf(Locale.ROOT, "not run, %s: %s%n", e.getKey().key(), e.getValue());
    out.println("(on a shared machine figures move with the load; ratios between rungs at one n are the robust part)");
    out.flush();
    return 0;
  }

  private static String kib(long bytes) {
    if (bytes <= 0) return "?";
    return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
  }
}

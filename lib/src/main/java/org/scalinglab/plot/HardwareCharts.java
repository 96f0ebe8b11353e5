package org.scalinglab.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.scalinglab.hardware.MatmulTiming;
import org.scalinglab.hardware.MatmulVariant;
import org.scalinglab.hardware.MemoryTraffic;
import org.scalinglab.hardware.Roofline;
import org.scalinglab.hardware.Workload;

/** Figures of notebook 11 (GPUs and FLOPs): the matmul ladder, the tile sweep and the roofline. */
public final class HardwareCharts {
  private HardwareCharts() {}

  /**
   * The roofline of a machine (log–log, FLOPs per byte against GFLOP/s): the memory roof
   * I·bandwidth up to the ridge, the compute roof after it, and each workload at its intensity and
   * attainable speed.
   */
  public static XYChart roofline(Roofline machine, List<Workload> workloads) {
    XYChart chart = Charts.logLog("Roofline: " + machine.name() + String.format(java.util.Locale.ROOT, " (ridge %.3g FLOP/byte)", machine.ridge()),
        "arithmetic intensity (FLOPs per byte)", "attainable GFLOP/s");
    double lo = Math.min(machine.ridge() / 100, 0.05), hi = machine.ridge() * 100;
    for (Workload w : workloads) {
      lo = Math.min(lo, w.intensity() / 2);
      hi = Math.max(hi, w.intensity() * 2);
    }
    double[] x = Charts.logSpace(lo, hi, 200);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = machine.attainable(x[i]) / 1e9;
    Charts.line(chart, "roof", x, y);
    for (Workload w : workloads) {
      Charts.points(chart, w.name(), new double[] {w.intensity()}, new double[] {machine.attainable(w.intensity()) / 1e9});
    }
    return Charts.tidyLegend(chart);
  }

  /** GFLOP/s against n for each variant (measured sizes only), with the measured peak as a line. */
  public static XYChart matmulLadder(List<MatmulTiming> timings, double peakFlopsPerSecond) {
    XYChart chart = Charts.logLog("Matrix multiply, fp32: GFLOP/s by n", "n (n×n · n×n)", "GFLOP/s (best of runs)");
    Map<MatmulVariant, List<MatmulTiming>> by = new LinkedHashMap<>();
    double nMin = Double.POSITIVE_INFINITY, nMax = 0;
    for (MatmulTiming t : timings) {
      if (!t.measured()) continue;
      by.computeIfAbsent(t.variant(), k -> new ArrayList<>()).add(t);
      nMin = Math.min(nMin, t.n());
      nMax = Math.max(nMax, t.n());
    }
    for (Map.Entry<MatmulVariant, List<MatmulTiming>> e : by.entrySet()) {
      double[] n = e.getValue().stream().mapToDouble(MatmulTiming::n).toArray();
      double[] g = e.getValue().stream().mapToDouble(MatmulTiming::gflops).toArray();
      Charts.points(chart, e.getKey().key(), n, g).setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
    }
    if (peakFlopsPerSecond > 0 && nMax > nMin) {
      Charts.line(chart, "measured peak", new double[] {nMin, nMax}, new double[] {peakFlopsPerSecond / 1e9, peakFlopsPerSecond / 1e9});
    }
    return Charts.tidyLegend(chart);
  }

  /**
   * The tile sweep: measured speed-up of the tiled product over the naive one against the tile size,
   * next to the traffic reduction n/⌈n/T⌉ the counting predicts.
   */
  public static XYChart tileSweep(List<MatmulTiming> sweep) {
    MatmulTiming naive = sweep.stream().filter(t -> t.variant() == MatmulVariant.NAIVE).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the tile sweep needs the naive timing"));
    List<MatmulTiming> tiled = sweep.stream().filter(t -> t.variant() == MatmulVariant.TILED).toList();
    double[] tile = tiled.stream().mapToDouble(MatmulTiming::tile).toArray();
    double[] speedup = tiled.stream().mapToDouble(t -> naive.bestSeconds() / t.bestSeconds()).toArray();
    double[] traffic = tiled.stream().mapToDouble(t -> MemoryTraffic.reductionFactor(t.n(), t.tile())).toArray();
    XYChart chart = Charts.logLog("Tiled over naive, n = " + naive.n(), "tile size T", "factor");
    Charts.points(chart, "measured speed-up", tile, speedup).setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
    Charts.line(chart, "fewer slow-memory reads (n/⌈n/T⌉)", tile, traffic);
    return chart;
  }
}

package org.scalinglab.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where a training step's wall time goes, phase by phase (matrix products, layer norm, attention,
 * GELU, softmax and cross-entropy, optimiser, ...), for {@code scalinglab bench train --profile}.
 * Off by default; when off, {@link #start()} and {@link #stop} cost a field read. Phases are timed
 * on the thread that drives the step (the worker pool's chunk 0), around each parallel region,
 * so they add up to the step's wall time including threads waiting for each other.
 * (async-profiler is not available here and JFR samples CPU, not wall time per phase; this is the
 * cheap, exact alternative.)
 */
public final class StepProfile {
  /** The phases of a step. */
  public enum Phase {
    EMBEDDING("embedding (+ its backward)"),
    LAYER_NORM("layer norm"),
    LINEAR("linear layers: sgemm + bias"),
    ATTENTION_MATMUL("attention: sgemm (QKᵀ, PV)"),
    ATTENTION_SOFTMAX("attention: causal softmax"),
    GELU("GELU"),
    RESIDUAL("residual adds"),
    HEAD_MATMUL("tied head: sgemm"),
    SOFTMAX_XENT("head: softmax + cross-entropy"),
    LSTM_CELL("LSTM gates and cell"),
    ZERO_GRADS("zero gradients"),
    OPTIMISER("AdamW (+ gradient norm)");

    private final String label;

    Phase(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private static volatile boolean enabled;
  private static final AtomicLongArray NANOS = new AtomicLongArray(Phase.values().length);

  private StepProfile() {}

  /** Turns timing on (and clears it) or off. */
  public static void enable(boolean on) {
    reset();
    enabled = on;
  }

  public static void reset() {
    for (int i = 0; i < NANOS.length(); i++) NANOS.set(i, 0);
  }

  /** A start time, or 0 when profiling is off. */
  static long start() {
    return enabled ? System.nanoTime() : 0L;
  }

  /** Adds the time since {@code t0} (from {@link #start()}) to a phase. */
  static void stop(Phase p, long t0) {
    if (enabled && t0 != 0L) NANOS.addAndGet(p.ordinal(), System.nanoTime() - t0);
  }

  /** Adds {@code nanos} to a phase (for work timed inside a parallel region, on chunk 0). */
  static void add(Phase p, long nanos) {
    if (enabled) NANOS.addAndGet(p.ordinal(), nanos);
  }

  static boolean enabled() {
    return enabled;
  }

  /** Seconds per phase since the last reset, in phase order (phases never timed are left out). */
  public static Map<Phase, Double> seconds() {
    Map<Phase, Double> m = new LinkedHashMap<>();
    for (Phase p : Phase.values()) {
      long n = NANOS.get(p.ordinal());
      if (n > 0) m.put(p, n * 1e-9);
    }
    return m;
  }
}

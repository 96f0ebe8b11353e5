package org.scalinglab.hardware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.scalinglab.train.Blas;
import org.scalinglab.train.NativeFloats;
import org.scalinglab.train.WorkerPool;

/**
 * Times the {@link MatmulVariant} ladder: each variant at each size, best of up to {@code repeats}
 * runs within a time budget, sizes ascending (so the smaller sizes warm up the JIT for the larger).
 *
 * <p><b>Time cap</b>: before a size is run, its time is predicted from the previous size's best time
 * × (n/n_prev)³; a size predicted to take longer than {@code maxSeconds} for one run is skipped (the
 * naive loop at n = 2048 would take minutes), and the timing says so.
 *
 * <p>Same seed → same matrices. Runs can be interrupted (the kernels check the thread's flag).
 * Close the benchmark to stop its threads.
 */
public final class MatmulBenchmark implements AutoCloseable {
  private final int threads;
  private final int tile;
  private final int repeats;
  private final double maxSeconds;
  private final ExecutorService pool;
  private final WorkerPool blasPool;

  private MatmulBenchmark(Builder b) {
    this.threads = b.threads;
    this.tile = b.tile;
    this.repeats = b.repeats;
    this.maxSeconds = b.maxSeconds;
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "scalinglab-matmul-worker");
      t.setDaemon(true);
      return t;
    }) : null;
    this.blasPool = new WorkerPool(threads);
  }

  public static Builder builder() {
    return new Builder();
  }

  public int threads() {
    return threads;
  }

  public int tile() {
    return tile;
  }

  /** The ladder: every variant at every size (ascending), with the time cap. */
  public List<MatmulTiming> run(List<MatmulVariant> variants, int[] sizes, Consumer<String> progress) {
    int[] ns = sizes.clone();
    Arrays.sort(ns);
    List<MatmulTiming> out = new ArrayList<>();
    for (MatmulVariant v : variants) {
      MatmulTiming prev = null;
      for (int n : ns) {
        if (prev != null && prev.measured()) {
          double predicted = prev.bestSeconds() * Math.pow((double) n / prev.n(), 3);
          if (predicted > maxSeconds) {
            out.add(new MatmulTiming(v, n, tileOf(v), threadsOf(v), Double.NaN, 0,
                String.format(java.util.Locale.ROOT, "capped: one run predicted ≈%.0f s (> %.0f s budget) from n=%d", predicted, maxSeconds, prev.n())));
            prev = out.get(out.size() - 1);
            continue;
          }
        } else if (prev != null) {
          out.add(new MatmulTiming(v, n, tileOf(v), threadsOf(v), Double.NaN, 0, "capped: a smaller size was already capped"));
          continue;
        }
        if (progress != null) progress.accept(v.key() + " n=" + n);
        if (prev == null) warmUp(v);
        prev = time(v, n);
        out.add(prev);
      }
    }
    return out;
  }

  /** Times one variant at one size: best of up to {@code repeats} runs, stopping early once {@code maxSeconds} are spent. */
  public MatmulTiming time(MatmulVariant v, int n) {
    return time(v, n, tile);
  }

  /** As {@link #time(MatmulVariant, int)} with an explicit tile size (for the tiled variants). */
  public MatmulTiming time(MatmulVariant v, int n, int tileSize) {
    Matrices m = Matrices.random(n, 42);
    Runnable product = product(v, m, tileSize);
    double best = Double.POSITIVE_INFINITY, spent = 0;
    int runs = 0;
    // one untimed warm-up when cheap (JIT, page faults)
    long w = System.nanoTime();
    product.run();
    double first = (System.nanoTime() - w) * 1e-9;
    spent += first;
    if (first > 0.05 * maxSeconds) { // too costly to throw away: count it
      best = first;
      runs = 1;
    }
    while (runs < repeats && (runs == 0 || spent < maxSeconds)) {
      if (Thread.currentThread().isInterrupted()) throw new Matmul.MatmulInterruptedException();
      long t0 = System.nanoTime();
      product.run();
      double dt = (System.nanoTime() - t0) * 1e-9;
      spent += dt;
      best = Math.min(best, dt);
      runs++;
    }
    return new MatmulTiming(v, n, v == MatmulVariant.TILED || v == MatmulVariant.TILED_PARALLEL ? tileSize : 0,
        threadsOf(v), best, runs, null);
  }

  /**
   * The ladder at one size measured back to back: {@code rounds} rounds, each running every variant
   * once in order, best time per variant. Interleaving means a burst of load from other processes
   * hits every variant alike, so the ratios between neighbours are robust on a shared machine.
   */
  public List<MatmulTiming> interleaved(List<MatmulVariant> variants, int n, int rounds) {
    return rounds(variants, n, rounds).best();
  }

  /** As {@link #interleaved}, keeping every round's time (for per-round ratios, {@link LadderRounds#medianSpeedup}). */
  public LadderRounds rounds(List<MatmulVariant> variants, int n, int rounds) {
    if (rounds < 1) throw new IllegalArgumentException("rounds must be ≥ 1, got " + rounds);
    Matrices m = Matrices.random(n, 42);
    List<Runnable> products = new ArrayList<>();
    for (MatmulVariant v : variants) products.add(product(v, m, tile));
    for (MatmulVariant v : variants) warmUp(v);
    for (Runnable p : products) p.run(); // warm-up at this size (page faults, caches)
    double[][] seconds = new double[variants.size()][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < products.size(); i++) {
        if (Thread.currentThread().isInterrupted()) throw new Matmul.MatmulInterruptedException();
        long t0 = System.nanoTime();
        products.get(i).run();
        seconds[i][r] = (System.nanoTime() - t0) * 1e-9;
      }
    }
    return new LadderRounds(n, tile, threads, variants, seconds);
  }

  /** The tiled product (one thread) at one size for each tile size, interleaved as in {@link #interleaved}. */
  public List<MatmulTiming> tileSweep(int n, int[] tiles, int rounds) {
    if (rounds < 1) throw new IllegalArgumentException("rounds must be ≥ 1, got " + rounds);
    Matrices m = Matrices.random(n, 42);
    List<Runnable> products = new ArrayList<>();
    products.add(product(MatmulVariant.NAIVE, m, tile));
    for (int t : tiles) products.add(product(MatmulVariant.TILED, m, t));
    warmUp(MatmulVariant.NAIVE);
    warmUp(MatmulVariant.TILED);
    for (Runnable p : products) p.run();
    double[] best = new double[products.size()];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < products.size(); i++) {
        if (Thread.currentThread().isInterrupted()) throw new Matmul.MatmulInterruptedException();
        long t0 = System.nanoTime();
        products.get(i).run();
        best[i] = Math.min(best[i], (System.nanoTime() - t0) * 1e-9);
      }
    }
    List<MatmulTiming> out = new ArrayList<>();
    out.add(new MatmulTiming(MatmulVariant.NAIVE, n, 0, 1, best[0], rounds, null));
    for (int i = 0; i < tiles.length; i++) out.add(new MatmulTiming(MatmulVariant.TILED, n, tiles[i], 1, best[i + 1], rounds, null));
    return out;
  }

  /**
   * Runs the variant a dozen times on a 96×96 product so the JIT has compiled its loops before any
   * timing (on a loaded machine the compiler thread itself waits for a core).
   */
  public void warmUp(MatmulVariant v) {
    Matrices m = Matrices.random(96, 7);
    Runnable p = product(v, m, Math.min(tile, 96));
    for (int i = 0; i < 12; i++) p.run();
  }

  /** C = A·B by the given variant on fresh random matrices, for correctness checks. */
  public float[] multiply(MatmulVariant v, float[] a, float[] b, int n) {
    Matrices m = new Matrices(n, a.clone(), b.clone(), new float[n * n]);
    product(v, m, tile).run();
    return v == MatmulVariant.OPENBLAS ? m.nc.toArray() : m.c;
  }

  private Runnable product(MatmulVariant v, Matrices m, int tileSize) {
    int n = m.n;
    return switch (v) {
      case NAIVE -> () -> Matmul.naive(m.a, m.b, m.c, n);
      case LOOP_ORDER -> () -> Matmul.loopOrdered(m.a, m.b, m.c, n);
      case TILED -> () -> Matmul.tiled(m.a, m.b, m.c, n, tileSize);
      case TILED_PARALLEL -> () -> {
        if (pool == null) Matmul.tiled(m.a, m.b, m.c, n, tileSize);
        else Matmul.tiledParallel(m.a, m.b, m.c, n, tileSize, pool, threads);
      };
      case OPENBLAS -> {
        m.toNative();
        yield () -> Blas.gemmRows(blasPool, false, n, n, n, 1f, m.na, 0, n, m.nb, 0, n, 0f, m.nc, 0, n);
      }
    };
  }

  private int tileOf(MatmulVariant v) {
    return v == MatmulVariant.TILED || v == MatmulVariant.TILED_PARALLEL ? tile : 0;
  }

  private int threadsOf(MatmulVariant v) {
    return v.parallel() ? threads : 1;
  }

  @Override
  public void close() {
    if (pool != null) pool.shutdownNow();
    blasPool.close();
  }

  /** The operands of one product, in Java arrays and (for BLAS) native memory. */
  static final class Matrices {
    final int n;
    final float[] a, b, c;
    NativeFloats na, nb, nc;

    Matrices(int n, float[] a, float[] b, float[] c) {
      this.n = n;
      this.a = a;
      this.b = b;
      this.c = c;
    }

    /** Entries uniform in [-1, 1), from the seed. */
    static Matrices random(int n, long seed) {
      SplittableRandom rng = new SplittableRandom(seed);
      float[] a = new float[n * n], b = new float[n * n];
      for (int i = 0; i < a.length; i++) a[i] = (float) (2 * rng.nextDouble() - 1);
      for (int i = 0; i < b.length; i++) b[i] = (float) (2 * rng.nextDouble() - 1);
      return new Matrices(n, a, b, new float[n * n]);
    }

    void toNative() {
      if (na != null) return;
      Blas.init();
      na = NativeFloats.zeros(n * n);
      nb = NativeFloats.zeros(n * n);
      nc = NativeFloats.zeros(n * n);
      na.copyFrom(a);
      nb.copyFrom(b);
    }
  }

  /** Settings: threads (default: all processors), tile (64), repeats (3), time budget per variant and size (5 s). */
  public static final class Builder {
    private int threads = Runtime.getRuntime().availableProcessors();
    private int tile = 64;
    private int repeats = 3;
    private double maxSeconds = 5;

    public Builder threads(int threads) {
      if (threads < 1) throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
      this.threads = threads;
      return this;
    }

    public Builder tile(int tile) {
      Matmul.checkTile(tile);
      this.tile = tile;
      return this;
    }

    public Builder repeats(int repeats) {
      if (repeats < 1) throw new IllegalArgumentException("repeats must be ≥ 1, got " + repeats);
      this.repeats = repeats;
      return this;
    }

    /** Budget for one variant at one size: runs stop when it is spent; a size predicted to exceed it in one run is skipped. */
    public Builder maxSeconds(double maxSeconds) {
      if (!(maxSeconds > 0) || Double.isInfinite(maxSeconds)) throw new IllegalArgumentException("time budget must be a positive number of seconds, got " + maxSeconds);
      this.maxSeconds = maxSeconds;
      return this;
    }

    public MatmulBenchmark build() {
      return new MatmulBenchmark(this);
    }
  }
}

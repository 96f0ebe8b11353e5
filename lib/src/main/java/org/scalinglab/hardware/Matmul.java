package org.scalinglab.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Square single-precision matrix products {@code C = A·B} (n×n, row-major {@code float[]}), written
 * the ways lecture L4 walks through them. Each method overwrites C.
 *
 * <p>Hand-written on purpose: these loops are the subject being taught (the same product as BLAS's
 * {@code sgemm}, which {@link MatmulVariant#OPENBLAS} calls, in its simplest readable forms).
 *
 * <ul>
 *   <li>{@link #naive}: {@code C[i][j] = Σ_k A[i][k]·B[k][j]}, loops i-j-k — the textbook definition.
 *       The inner loop walks down a column of B: stride n, a new cache line every step.
 *   <li>{@link #loopOrdered}: the same sums, loops i-k-j — the inner loop walks along rows of B and C
 *       (stride 1), so every cache line fetched is used 16 times and the JIT vectorises the loop.
 *       Same arithmetic, same element reads; only the order changes.
 *   <li>{@link #tiled}: cache blocking. C is cut into T×T tiles; for each tile, the matching T×T
 *       tiles of A and B are copied into small local arrays (the CPU's stand-in for a GPU block's
 *       {@code __shared__} memory, kept in L1/L2 cache) and multiplied there. Each element of A and B
 *       is read from the big arrays ⌈n/T⌉ times instead of n times ({@link MemoryTraffic}).
 *       This is, loop for loop, {@code matmul_tiled.cu}: tile ↔ {@code __shared__} tile, one output
 *       tile ↔ one thread block, the copy loops ↔ the cooperative loads, the end of the copy ↔
 *       {@code __syncthreads()}.
 *   <li>{@link #tiledParallel}: the same tiles shared out over threads (cores ↔ SMs: each core
 *       takes the next whole output tile, as each SM takes the next whole thread block).
 * </ul>
 */
public final class Matmul {
  private Matmul() {}

  /** i-j-k: one dot product per output element, B read down its columns. */
  public static void naive(float[] a, float[] b, float[] c, int n) {
    check(a, b, c, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        float sum = 0f;
        for (int k = 0; k < n; k++) sum += a[i * n + k] * b[k * n + j];
        c[i * n + j] = sum;
      }
      if ((i & 15) == 0 && Thread.currentThread().isInterrupted()) throw new MatmulInterruptedException();
    }
  }

  /** i-k-j: the loop order fixed for the cache; each A[i][k] scales a whole row of B into a row of C. */
  public static void loopOrdered(float[] a, float[] b, float[] c, int n) {
    check(a, b, c, n);
    java.util.Arrays.fill(c, 0, n * n, 0f);
    for (int i = 0; i < n; i++) {
      int ci = i * n;
      for (int k = 0; k < n; k++) {
        float aik = a[ci + k];
        int bk = k * n;
        for (int j = 0; j < n; j++) c[ci + j] += aik * b[bk + j];
      }
      if ((i & 15) == 0 && Thread.currentThread().isInterrupted()) throw new MatmulInterruptedException();
    }
  }

  /** Cache-blocked product with T×T tiles staged in local arrays (one thread). */
  public static void tiled(float[] a, float[] b, float[] c, int n, int tile) {
    check(a, b, c, n);
    checkTile(tile);
    int tilesPerSide = (n + tile - 1) / tile;
    tileRows(a, b, c, n, tile, 0, tilesPerSide);
  }

  /**
   * The tiled product on {@code threads} threads of {@code pool} (the calling thread is one of them):
   * each thread takes the next output tile from a shared counter until none is left, the way a GPU's
   * SMs take the next thread block as they free up. A thread that the operating system pauses simply
   * takes fewer tiles, so the product does not wait for the slowest of fixed shares. Each tile is
   * computed by one thread with the same arithmetic as {@link #tiled}, so the result is the same, bit
   * for bit, whichever thread took it.
   */
  public static void tiledParallel(float[] a, float[] b, float[] c, int n, int tile, ExecutorService pool, int threads) {
    check(a, b, c, n);
    checkTile(tile);
    if (threads < 1) throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
    int perSide = (n + tile - 1) / tile;
    int count = perSide * perSide;
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      float[] as = new float[tile * tile], bs = new float[tile * tile], cs = new float[tile * tile];
      for (int t; (t = next.getAndIncrement()) < count; ) {
        outputTile(a, b, c, n, tile, t / perSide, t % perSide, as, bs, cs);
        if (Thread.currentThread().isInterrupted()) throw new MatmulInterruptedException();
      }
    };
    int t = Math.min(threads, count);
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 1; w < t; w++) futures.add(pool.submit(worker));
    try {
      worker.run();
      for (Future<?> f : futures) f.get();
    } catch (InterruptedException ex) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new MatmulInterruptedException();
    } catch (ExecutionException ex) {
      Throwable cause = ex.getCause();
      if (cause instanceof RuntimeException r) throw r;
      throw new IllegalStateException(cause);
    } catch (RuntimeException ex) {
      futures.forEach(f -> f.cancel(true));
      throw ex;
    }
  }

  /** Output-tile rows [rowLo, rowHi) of the tiled product, one tile after another. */
  private static void tileRows(float[] a, float[] b, float[] c, int n, int tile, int rowLo, int rowHi) {
    float[] as = new float[tile * tile], bs = new float[tile * tile], cs = new float[tile * tile];
    int perSide = (n + tile - 1) / tile;
    for (int ti = rowLo; ti < rowHi; ti++) {
      for (int tj = 0; tj < perSide; tj++) outputTile(a, b, c, n, tile, ti, tj, as, bs, cs);
      if (Thread.currentThread().isInterrupted()) throw new MatmulInterruptedException();
    }
  }

  /**
   * One output tile (tile row ti, tile column tj) of the tiled product. The three local arrays are
   * the "shared memory": {@code as} and {@code bs} hold the current tiles of A and B, {@code cs}
   * accumulates the output tile, written to C once at the end (as the CUDA kernel keeps its sum in a
   * register).
   */
  private static void outputTile(float[] a, float[] b, float[] c, int n, int tile, int ti, int tj, float[] as, float[] bs, float[] cs) {
    int i0 = ti * tile, ih = Math.min(tile, n - i0);
    int j0 = tj * tile, jw = Math.min(tile, n - j0);
    java.util.Arrays.fill(cs, 0f);
    for (int k0 = 0; k0 < n; k0 += tile) {
      int kw = Math.min(tile, n - k0);
      // stage the tiles: the only reads of A and B (cf. the loads before __syncthreads())
      for (int i = 0; i < ih; i++) System.arraycopy(a, (i0 + i) * n + k0, as, i * tile, kw);
      for (int k = 0; k < kw; k++) System.arraycopy(b, (k0 + k) * n + j0, bs, k * tile, jw);
      // multiply the tiles out of fast memory: i-k-j inside the tile, k unrolled by 4 so each
      // pass over a row of the C tile does four multiply-adds per load and store of C
      for (int i = 0; i < ih; i++) {
        int ci = i * tile;
        int k = 0;
        for (; k + 3 < kw; k += 4) {
          float a0 = as[ci + k], a1 = as[ci + k + 1], a2 = as[ci + k + 2], a3 = as[ci + k + 3];
          int b0 = k * tile, b1 = b0 + tile, b2 = b1 + tile, b3 = b2 + tile;
          for (int j = 0; j < jw; j++) {
            cs[ci + j] += a0 * bs[b0 + j] + a1 * bs[b1 + j] + a2 * bs[b2 + j] + a3 * bs[b3 + j];
          }
        }
        for (; k < kw; k++) {
          float aik = as[ci + k];
          int bk = k * tile;
          for (int j = 0; j < jw; j++) cs[ci + j] += aik * bs[bk + j];
        }
      }
    }
    for (int i = 0; i < ih; i++) System.arraycopy(cs, i * tile, c, (i0 + i) * n + j0, jw);
  }

  static void check(float[] a, float[] b, float[] c, int n) {
    if (n < 1) throw new IllegalArgumentException("matrix size n must be ≥ 1, got " + n);
    long nn = (long) n * n;
    if (a.length < nn || b.length < nn || c.length < nn) {
      throw new IllegalArgumentException("an n×n product needs arrays of " + nn + " floats (n = " + n + "), got "
          + a.length + ", " + b.length + ", " + c.length);
    }
  }

  static void checkTile(int tile) {
    if (tile < 1 || tile > 4096) throw new IllegalArgumentException("tile size must be in 1…4096, got " + tile);
  }

  /** Thrown when the thread running a product is interrupted (the product is abandoned). */
  public static final class MatmulInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MatmulInterruptedException() {
      super("matrix product interrupted");
    }
  }
}

package org.scalinglab.hardware;

/**
 * Reads and writes of matrix elements from slow memory (main memory on a CPU, global memory on a
 * GPU) by an n×n·n×n product, counted exactly from the loop structure of {@link Matmul} and of the
 * CUDA kernels {@code matmul_naive.cu} / {@code matmul_tiled.cu} (lecture L4: "if all was done in
 * global memory: O(n³)"; with tiles in shared memory, fewer by the tile factor).
 *
 * <ul>
 *   <li>Naive (either loop order): each of the n² outputs reads a row of A and a column of B, n
 *       elements each: <b>2n³ reads</b>.
 *   <li>Tiled with T×T tiles: the ⌈n/T⌉² output tiles each stage ⌈n/T⌉ tiles of A and of B; summed
 *       over a band of output tiles every element of A (and of B) is staged once per tile of the
 *       other band, <b>2n²·⌈n/T⌉ reads</b> = 2n³/T when T divides n.
 *   <li>Both write each element of C once: <b>n² writes</b>.
 * </ul>
 * The loop order does not change these element counts; it changes how many <em>cache lines</em>
 * they touch ({@link #naiveCacheLines}).
 */
public final class MemoryTraffic {
  private MemoryTraffic() {}

  /** Elements of A and B read from slow memory by the naive product: 2n³. */
  public static double naiveReads(int n) {
    positive("n", n);
    return 2.0 * n * n * n;
  }

  /** Elements of A and B read from slow memory by the T-tiled product: 2n²·⌈n/T⌉. */
  public static double tiledReads(int n, int tile) {
    positive("n", n);
    positive("tile", tile);
    return 2.0 * n * n * ceilDiv(n, tile);
  }

  /** Elements of C written: n² (both kernels). */
  public static double writes(int n) {
    positive("n", n);
    return (double) n * n;
  }

  /** Naive reads ÷ tiled reads = n/⌈n/T⌉ (= T when T divides n): the traffic saved by tiling. */
  public static double reductionFactor(int n, int tile) {
    return naiveReads(n) / tiledReads(n, tile);
  }

  /**
   * The minimum: every element of A and B read once, C written once, 3n² elements — what a tile of
   * the whole matrix would need (lecture L4's "copy B and C in full into the block memory").
   */
  public static double minimumTraffic(int n) {
    positive("n", n);
    return 3.0 * n * n;
  }

  /**
   * Cache lines (of {@code lineFloats} floats) the naive i-j-k product touches when nothing stays
   * cached between uses: A's row is read along (n³/lineFloats lines), B's column is read down, one
   * new line per element (n³ lines). The i-k-j order reads both along rows: 2n³/lineFloats.
   */
  public static double naiveCacheLines(int n, int lineFloats, boolean loopOrdered) {
    positive("n", n);
    positive("line size", lineFloats);
    double n3 = (double) n * n * n;
    return loopOrdered ? 2 * n3 / lineFloats : n3 / lineFloats + n3;
  }

  /** Bytes of the three T×T fp32 tiles (A, B, C) the CPU kernel keeps close: 12·T². */
  public static long tileWorkingSetBytes(int tile) {
    positive("tile", tile);
    return 3L * tile * tile * Float.BYTES;
  }

  /** Bytes of the two T×T fp32 {@code __shared__} tiles of the CUDA kernel: 8·T². */
  public static long sharedMemoryBytes(int tile) {
    positive("tile", tile);
    return 2L * tile * tile * Float.BYTES;
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  private static void positive(String what, int v) {
    if (v < 1) throw new IllegalArgumentException(what + " must be ≥ 1, got " + v);
  }
}

package org.scalinglab.hardware;

/**
 * How many blocks of how many threads a kernel of the GPU engine is launched with, as written in the
 * header comment of each {@code .cu} file under {@code org/scalinglab/cuda/}. Every rule takes the
 * sizes its kernels' comment names ({@link GpuKernel#sizes()} says which for each kernel).
 */
public enum LaunchRule {
  /** One thread per element of {@code x} elements: block {@value #BLOCK}, grid ⌈x/{@value #BLOCK}⌉. */
  ELEMENTS,
  /**
   * One 32-thread warp per row of {@code x} rows: block {@value #BLOCK} = {@value #ROWS_PER_BLOCK} warps,
   * grid ⌈x/{@value #ROWS_PER_BLOCK}⌉.
   */
  WARP_PER_ROW,
  /**
   * One thread per (column, y-index): {@code x} columns along grid x, {@code y} (chunks of rows, or
   * tokens) along grid y: block {@value #BLOCK}, grid (⌈x/{@value #BLOCK}⌉, y).
   */
  COLUMNS_BY_Y,
  /**
   * A fixed number of blocks {@code x} (the same on every call, so a reduction is deterministic):
   * block {@value #BLOCK}, grid x.
   */
  FIXED_BLOCKS,
  /** One block of {@value #BLOCK} threads. */
  SINGLE_BLOCK,
  /**
   * One thread per element of an {@code y × x} (M × N) matrix product, in square tiles: block
   * ({@value CudaKernels#TILE}, {@value CudaKernels#TILE}), grid (⌈x/TILE⌉, ⌈y/TILE⌉).
   */
  TILES;

  /** Threads per block of every rule but {@link #TILES}. */
  public static final int BLOCK = 256;
  /** Threads per warp. */
  public static final int WARP = 32;
  /** Rows per block of {@link #WARP_PER_ROW}. */
  public static final int ROWS_PER_BLOCK = BLOCK / WARP;

  /** The launch for sizes {@code x} and {@code y} (y unused by the one-size rules: pass 1). */
  public KernelLaunch launch(long x, long y) {
    if (x < 1 || y < 1) throw new IllegalArgumentException(this + " launch needs sizes ≥ 1, got " + x + " and " + y);
    return switch (this) {
      case ELEMENTS -> new KernelLaunch(ceilDiv(x, BLOCK), 1, BLOCK, 1);
      case WARP_PER_ROW -> new KernelLaunch(ceilDiv(x, ROWS_PER_BLOCK), 1, BLOCK, 1);
      case COLUMNS_BY_Y -> new KernelLaunch(ceilDiv(x, BLOCK), y, BLOCK, 1);
      case FIXED_BLOCKS -> new KernelLaunch(x, 1, BLOCK, 1);
      case SINGLE_BLOCK -> new KernelLaunch(1, 1, BLOCK, 1);
      case TILES -> new KernelLaunch(ceilDiv(x, CudaKernels.TILE), ceilDiv(y, CudaKernels.TILE), CudaKernels.TILE, CudaKernels.TILE);
    };
  }

  /** The launch for one size {@code x} (rules without a y). */
  public KernelLaunch launch(long x) {
    return launch(x, 1);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}

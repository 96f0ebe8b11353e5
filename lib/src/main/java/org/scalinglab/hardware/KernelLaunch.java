package org.scalinglab.hardware;

/**
 * The launch geometry of one CUDA kernel call: grid and block sizes in x and y (z is always 1 for
 * the project's kernels) and no dynamic shared memory (the kernels' shared arrays are static).
 *
 * @param gridX blocks along x
 * @param gridY blocks along y
 * @param blockX threads per block along x
 * @param blockY threads per block along y
 */
public record KernelLaunch(long gridX, long gridY, int blockX, int blockY) {
  /** CUDA's limit on gridDim.x. */
  public static final long MAX_GRID_X = Integer.MAX_VALUE;
  /** CUDA's limit on gridDim.y. */
  public static final long MAX_GRID_Y = 65_535;

  public KernelLaunch {
    if (gridX < 1 || gridY < 1 || blockX < 1 || blockY < 1) {
      throw new IllegalArgumentException("empty launch: grid " + gridX + "×" + gridY + ", block " + blockX + "×" + blockY);
    }
    if (gridX > MAX_GRID_X || gridY > MAX_GRID_Y) {
      throw new IllegalArgumentException("grid " + gridX + "×" + gridY + " exceeds CUDA's limits (" + MAX_GRID_X + "×" + MAX_GRID_Y + ")");
    }
    if ((long) blockX * blockY > 1024) {
      throw new IllegalArgumentException("block " + blockX + "×" + blockY + " has more than 1024 threads");
    }
  }

  /** Threads in one block. */
  public int threadsPerBlock() {
    return blockX * blockY;
  }
}

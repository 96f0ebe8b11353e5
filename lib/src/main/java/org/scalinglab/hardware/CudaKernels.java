package org.scalinglab.hardware;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The CUDA C sources of the matrix-multiply kernels, kept as resources under
 * {@code org/scalinglab/cuda/} so the notebook can show them and the GPU trainer can compile the
 * same files with NVRTC. Both are row-major fp32, {@code C[M×N] = A[M×K]·B[K×N]}.
 *
 * <ul>
 *   <li>{@link #NAIVE} ({@code matmul_naive.cu}, kernel {@code matmul_naive}): one thread per
 *       element of C, reading its row of A and column of B from global memory — {@link Matmul#naive}.
 *   <li>{@link #TILED} ({@code matmul_tiled.cu}, kernel {@code matmul_tiled}, tile
 *       {@link #TILE}×{@link #TILE}): a block of TILE×TILE threads computes a tile of C, staging tiles
 *       of A and B in {@code __shared__} memory between {@code __syncthreads()} barriers —
 *       {@link Matmul#tiled}.
 * </ul>
 * Launch: {@code grid = (⌈N/TILE⌉, ⌈M/TILE⌉)}, {@code block = (TILE, TILE)} for both.
 *
 * <p>The same folder holds the kernels of the GPU training engine (embedding, LayerNorm, attention
 * softmax and head permutes, GELU, residual, cross-entropy, gradient norm, AdamW); {@link GpuKernel}
 * lists every kernel with its file, launch rule and parameters, and {@link #source} reads any of them.
 */
public final class CudaKernels {
  /** Tile edge of {@code matmul_tiled.cu} (its {@code #define TILE}). */
  public static final int TILE = 16;
  public static final String NAIVE = "matmul_naive.cu";
  public static final String TILED = "matmul_tiled.cu";

  private CudaKernels() {}

  /** The source text of one of the kernel files ({@link #NAIVE}, {@link #TILED}, {@link GpuKernel#files()}). */
  public static String source(String file) {
    String path = "/org/scalinglab/cuda/" + file;
    try (InputStream in = CudaKernels.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalArgumentException("no CUDA kernel resource " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read " + path, ex);
    }
  }

  /** The kernel source without its leading comment block, for showing next to the Java. */
  public static String code(String file) {
    String s = source(file);
    int end = s.indexOf("*/");
    return s.startsWith("/*") && end > 0 ? s.substring(end + 2).stripLeading() : s;
  }
}

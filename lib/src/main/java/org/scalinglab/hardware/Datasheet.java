package org.scalinglab.hardware;

import org.scalinglab.compute.Accelerator;

/**
 * An accelerator's datasheet figures for the roofline: dense BF16 tensor-core peak (as
 * {@link Accelerator}), memory bandwidth and memory size, with the source.
 *
 * @param accelerator name and peak FLOP/s
 * @param memoryBytesPerSecond HBM bandwidth
 * @param memoryBytes HBM capacity
 * @param source where the figures come from
 */
public record Datasheet(Accelerator accelerator, double memoryBytesPerSecond, double memoryBytes, String source) {
  /** NVIDIA A100 SXM 80GB: 312 TFLOP/s BF16 dense, 2,039 GB/s HBM2e, 80 GB (NVIDIA A100 Tensor Core GPU datasheet, 2021). */
  public static final Datasheet A100 = new Datasheet(Accelerator.A100, 2039e9, 80e9, "NVIDIA A100 Tensor Core GPU datasheet (SXM 80GB)");
  /** NVIDIA H100 SXM: 989 TFLOP/s BF16 dense, 3.35 TB/s HBM3, 80 GB (NVIDIA H100 Tensor Core GPU datasheet). */
  public static final Datasheet H100 = new Datasheet(Accelerator.H100, 3.35e12, 80e9, "NVIDIA H100 Tensor Core GPU datasheet (SXM)");
  /** NVIDIA H200 SXM: 989 TFLOP/s BF16 dense, 4.8 TB/s HBM3e, 141 GB (NVIDIA H200 Tensor Core GPU datasheet). */
  public static final Datasheet H200 = new Datasheet(Accelerator.H200, 4.8e12, 141e9, "NVIDIA H200 Tensor Core GPU datasheet (SXM)");

  public Datasheet {
    if (accelerator == null) throw new IllegalArgumentException("a datasheet needs an accelerator");
    if (!(memoryBytesPerSecond > 0)) throw new IllegalArgumentException("bandwidth must be positive, got " + memoryBytesPerSecond);
    if (!(memoryBytes > 0)) throw new IllegalArgumentException("memory must be positive, got " + memoryBytes);
  }
}

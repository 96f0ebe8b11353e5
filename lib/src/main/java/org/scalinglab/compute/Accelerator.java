package org.scalinglab.compute;

import org.scalinglab.util.Checks;
import org.scalinglab.units.TrainingCompute;

/**
 * An accelerator's peak throughput, for turning FLOPs into device-hours at a given model FLOPs
 * utilisation (MFU = achieved model FLOP/s ÷ peak; Chowdhery et al. 2022, PaLM, Section 4.1 and
 * Appendix B). Peaks are the vendors' dense (no sparsity) tensor-core figures.
 *
 * @param name a short name
 * @param peakFlopsPerSecond peak FLOP/s of one device
 */
public record Accelerator(String name, double peakFlopsPerSecond) {

  /** NVIDIA V100 SXM2: 125 TFLOP/s FP16 tensor core (NVIDIA V100 datasheet). */
  public static final Accelerator V100 = new Accelerator("V100 (FP16)", 125e12);
  /** NVIDIA A100: 312 TFLOP/s BF16/FP16 tensor core, dense (NVIDIA A100 datasheet). */
  public static final Accelerator A100 = new Accelerator("A100 (BF16)", 312e12);
  /** NVIDIA H100 SXM: 989 TFLOP/s BF16 tensor core, dense (NVIDIA H100 datasheet). */
  public static final Accelerator H100 = new Accelerator("H100 SXM (BF16)", 989e12);
  /**
   * NVIDIA H200 SXM: 989 TFLOP/s BF16 tensor core, dense (NVIDIA H200 datasheet lists 1,979 TFLOP/s
   * with 2:4 sparsity; the same compute as the H100 SXM with more and faster memory).
   */
  public static final Accelerator H200 = new Accelerator("H200 SXM (BF16)", 989e12);

  public Accelerator {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("accelerator name must not be blank");
    Checks.positive("peak FLOP/s", peakFlopsPerSecond);
  }

  /** Device-hours to run the FLOPs at the given MFU (0 &lt; MFU ≤ 1): FLOPs / (peak·MFU) / 3600. */
  public double hours(double flops, double mfu) {
    Checks.positive("FLOPs", flops);
    if (!(mfu > 0 && mfu <= 1)) throw new IllegalArgumentException("MFU must be in (0, 1], got " + mfu);
    return flops / (peakFlopsPerSecond * mfu) / 3600.0;
  }

  /** Wall-clock days on the given number of devices. */
  public double days(double flops, double mfu, int devices) {
    if (devices <= 0) throw new IllegalArgumentException("devices must be a positive integer, got " + devices);
    return hours(flops, mfu) / devices / 24.0;
  }

  /** MFU achieved when the FLOPs took the given device-hours. */
  public double mfu(double flops, double deviceHours) {
    Checks.positive("FLOPs", flops);
    Checks.positive("device-hours", deviceHours);
    return flops / (deviceHours * 3600.0 * peakFlopsPerSecond);
  }
}

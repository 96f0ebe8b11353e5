package org.scalinglab.hardware;

import org.scalinglab.compute.Accelerator;
import org.scalinglab.units.PfDays;

/**
 * A training run's compute turned into GPU-hours and money: GPU-hours = FLOPs / (peak · MFU) / 3600
 * ({@link Accelerator#hours}), cost = GPU-hours × price per GPU-hour. The price is an assumption
 * the caller states (cloud prices vary by provider, commitment and year); the peak is the datasheet's.
 *
 * @param accelerator the device
 * @param flops training FLOPs
 * @param mfu model FLOPs utilisation assumed
 * @param dollarsPerGpuHour price assumed
 */
public record RunCost(Accelerator accelerator, double flops, double mfu, double dollarsPerGpuHour) {
  public RunCost {
    if (accelerator == null) throw new IllegalArgumentException("a run cost needs an accelerator");
    if (!(flops > 0) || Double.isInfinite(flops)) throw new IllegalArgumentException("FLOPs must be positive, got " + flops);
    if (!(mfu > 0 && mfu <= 1)) throw new IllegalArgumentException("MFU must be in (0, 1], got " + mfu);
    if (!(dollarsPerGpuHour >= 0) || Double.isInfinite(dollarsPerGpuHour)) throw new IllegalArgumentException("price per GPU-hour must be ≥ 0, got " + dollarsPerGpuHour);
  }

  public double gpuHours() {
    return accelerator.hours(flops, mfu);
  }

  public double dollars() {
    return gpuHours() * dollarsPerGpuHour;
  }

  /** Wall-clock days on {@code gpus} devices. */
  public double days(int gpus) {
    return accelerator.days(flops, mfu, gpus);
  }

  /** The run's compute in petaflop/s-days. */
  public double pfDays() {
    return PfDays.fromFlops(flops);
  }
}

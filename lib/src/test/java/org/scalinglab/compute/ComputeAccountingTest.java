package org.scalinglab.compute;

import org.scalinglab.units.TrainingCompute;

import org.scalinglab.units.PfDays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalinglab.law.ChinchillaLaw;
import org.scalinglab.law.ComputeAllocation;
import org.scalinglab.law.ScalingLaw;

class ComputeAccountingTest {

  @Test
  void sixND() {
    assertEquals(6 * 70e9 * 1.4e12, TrainingCompute.flops(70e9, 1.4e12), 1e9);
    assertEquals(TrainingCompute.flops(1e9, 2e10), TrainingCompute.flops(1e9, 1e6, 2e4), 1);
    assertEquals(1.4e12, TrainingCompute.tokens(TrainingCompute.flops(70e9, 1.4e12), 70e9), 1);
    assertEquals(70e9, TrainingCompute.params(TrainingCompute.flops(70e9, 1.4e12), 1.4e12), 1);
    assertThrows(IllegalArgumentException.class, () -> TrainingCompute.flops(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> TrainingCompute.flops(1, Double.NaN));
  }

  @Test
  void pfDays() {
    assertEquals(8.64e19, PfDays.toFlops(1), 1);
    assertEquals(3634.26, PfDays.fromFlops(3.14e23), 0.01);
  }

  @Test
  void gpuHours() {
    // 3.14e23 FLOPs on A100s (312 TFLOP/s) at 50% MFU
    double h = Accelerator.A100.hours(3.14e23, 0.5);
    assertEquals(3.14e23 / (312e12 * 0.5) / 3600, h, 1e-6);
    assertEquals(h / 1024 / 24, Accelerator.A100.days(3.14e23, 0.5, 1024), 1e-9);
    assertEquals(0.5, Accelerator.A100.mfu(3.14e23, h), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Accelerator.A100.hours(1e20, 0));
    assertThrows(IllegalArgumentException.class, () -> Accelerator.A100.hours(1e20, 1.5));
  }

  @Test
  void numericOptimumWorksForAnyLaw() {
    // a user's own law: L = 2 + 100/N^0.3 + 300/D^0.3 (α = β → N* = √(C/6 · A/B)... closed form below)
    ScalingLaw own = (n, d) -> 2 + 100 / Math.pow(n, 0.3) + 300 / Math.pow(d, 0.3);
    ChinchillaLaw same = new ChinchillaLaw(2, 100, 300, 0.3, 0.3);
    double c = 1e21;
    assertEquals(same.optimalParams(c), ComputeOptimum.of(own, c).params(), 1e-5 * same.optimalParams(c));
    ComputeAllocation numeric = ComputeOptimum.allocation(own);
    assertEquals(same.optimalTokens(c), numeric.optimalTokens(c), 1e-5 * same.optimalTokens(c));
  }

  @Test
  void lawWithoutInteriorOptimumIsReported() {
    ScalingLaw onlyParams = (n, d) -> 1 / n; // more parameters always better, data irrelevant
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ComputeOptimum.of(onlyParams, 1e20));
    assertTrue(e.getMessage().contains("no interior optimum"));
    assertThrows(IllegalArgumentException.class, () -> ComputeOptimum.of(ChinchillaLaw.HOFFMANN_2022, -5));
  }
}

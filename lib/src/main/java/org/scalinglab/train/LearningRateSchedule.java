package org.scalinglab.train;

/**
 * Linear warm-up to the peak learning rate, then cosine decay to {@code minRatio}·peak at the
 * run's last step. The cosine's length is the run's own step count: Hoffmann et al. 2022
 * (Section 3 and Figure A1) show that a schedule longer than the run — as in Kaplan et al. 2020's
 * fixed schedule — overstates the loss of shorter runs and biases the fitted allocation.
 *
 * @param peak peak learning rate
 * @param warmupSteps steps of linear warm-up (at least 1)
 * @param totalSteps the run's total number of steps
 * @param minRatio final learning rate as a fraction of the peak (0.1: a 10× decay, as in Chinchilla)
 */
public record LearningRateSchedule(double peak, long warmupSteps, long totalSteps, double minRatio) {
  public LearningRateSchedule {
    if (!(peak > 0)) throw new IllegalArgumentException("learning rate must be positive, got " + peak);
    if (totalSteps < 1) throw new IllegalArgumentException("a run needs at least one step, got " + totalSteps);
    if (warmupSteps < 1) warmupSteps = 1;
  }

  /** Warm-up over the given fraction of the run (at least one step). */
  public static LearningRateSchedule of(double peak, long totalSteps, double warmupFraction, double minRatio) {
    return new LearningRateSchedule(peak, Math.max(1, Math.round(warmupFraction * totalSteps)), totalSteps, minRatio);
  }

  /** Learning rate for update number {@code step} (0-based). */
  public double at(long step) {
    if (step < warmupSteps) return peak * (step + 1) / warmupSteps;
    long decaySteps = Math.max(1, totalSteps - warmupSteps);
    double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
    double min = peak * minRatio;
    return min + 0.5 * (peak - min) * (1 + Math.cos(Math.PI * progress));
  }
}

package org.scalinglab.law;

import java.util.Locale;

/**
 * A stand-in for what a learning-rate schedule that is not matched to the run length does to the
 * loss: every run follows one cosine schedule over {@code scheduleTokens} tokens (Kaplan et al.
 * 2020 used one schedule length for all runs, Section 2) and is read off after D tokens, where its
 * learning rate has not yet decayed. Hoffmann et al. 2022 (Section 2 and Figure A1) found that such
 * intermediate losses overestimate the loss of a run whose cosine cycle matches its length.
 *
 * <p>The model (ours, for teaching; not fitted to any measurement): the reducible part of the
 * matched law is raised in proportion to the learning rate still left at D,
 * L(N, D) = E + (A/N^α + B/D^β)·(1 + κ·r(D)) with r(D) = (1 + cos(π·D/S))/2 for D &lt; S and 0 after,
 * the fraction of the cosine schedule's peak learning rate not yet annealed away. κ = 0 is the
 * matched law.
 *
 * @param matched the law of runs whose schedule matches their length
 * @param scheduleTokens S, the one schedule length (tokens)
 * @param penalty κ ≥ 0, the relative excess of the reducible loss at the peak learning rate
 */
public record FixedScheduleLaw(ChinchillaLaw matched, double scheduleTokens, double penalty) implements ScalingLaw {
  public FixedScheduleLaw {
    if (matched == null) throw new IllegalArgumentException("matched law must not be null");
    if (!(scheduleTokens > 0) || Double.isInfinite(scheduleTokens)) {
      throw new IllegalArgumentException("schedule length must be a positive finite number of tokens, got " + scheduleTokens);
    }
    if (!(penalty >= 0) || Double.isInfinite(penalty)) {
      throw new IllegalArgumentException("penalty must be a finite number ≥ 0, got " + penalty);
    }
  }

  /** r(D): the fraction of the peak learning rate a cosine schedule over S tokens still has at D. */
  public double learningRateLeft(double d) {
    return d >= scheduleTokens ? 0 : (1 + Math.cos(Math.PI * d / scheduleTokens)) / 2;
  }

  @Override
  public double loss(double n, double d) {
    double reducible = matched.loss(n, d) - matched.e();
    return matched.e() + reducible * (1 + penalty * learningRateLeft(d));
  }

  @Override
  public String name() {
    return String.format(Locale.ROOT, "%s, one cosine schedule over %.3g tokens (κ = %.3g)", matched.name(), scheduleTokens, penalty);
  }

  @Override
  public java.util.Optional<FitRange> range() {
    return java.util.Optional.empty();
  }
}

package org.scalinglab.law;

/**
 * A law predicting the loss of a model with {@code n} parameters trained on {@code d} tokens.
 * Published laws (Kaplan, Chinchilla) and fitted ones are the same type, so a user's own fitted law
 * works wherever a published one does (optimum under a budget, predictions, charts).
 */
public interface ScalingLaw {
  /** Predicted loss (nats per token) for {@code n} parameters and {@code d} training tokens. */
  double loss(double n, double d);

  /** A short human-readable name, e.g. "Chinchilla (Hoffmann et al. 2022, Approach 3)". */
  default String name() {
    return getClass().getSimpleName();
  }

  /**
   * The range of N, D and C the law was fitted on, when known: the published laws carry their
   * papers' ({@link PublishedLaws#rangeOf}); a fitted law's result carries its runs' range.
   */
  default java.util.Optional<FitRange> range() {
    return PublishedLaws.rangeOf(this);
  }
}

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
}

package org.scalinglab.data;

import org.scalinglab.util.Checks;

/**
 * One training run: N parameters trained on D tokens with C FLOPs of compute, reaching a final
 * loss. When a source gives only two of N, D and C, the third follows from C = 6ND
 * (Kaplan et al. 2020, Section 2.1; Hoffmann et al. 2022, Section 3).
 *
 * @param params N, parameters (non-embedding or total, as the source counts them)
 * @param tokens D, training tokens
 * @param compute C, training FLOPs
 * @param loss final loss (nats per token)
 */
public record Run(double params, double tokens, double compute, double loss) {
  public Run {
    Checks.positive("params", params);
    Checks.positive("tokens", tokens);
    Checks.positive("compute", compute);
    if (!Double.isFinite(loss)) throw new IllegalArgumentException("loss must be finite, got " + loss);
  }

  /** A run from N, D and the loss, with C = 6ND. */
  public static Run of(double params, double tokens, double loss) {
    return new Run(params, tokens, 6 * params * tokens, loss);
  }

  /** A run from N, C and the loss, with D = C / (6N). */
  public static Run fromCompute(double params, double compute, double loss) {
    return new Run(params, compute / (6 * params), compute, loss);
  }

}

package org.scalinglab.law;

import java.util.Optional;
import org.scalinglab.units.PfDays;

/**
 * One row of Table 1 ("Summary of scaling laws") of Henighan et al. (2020), "Scaling laws for
 * autoregressive generative modeling", arXiv:2010.14701: the model-size law L(N), the compute law
 * L(C) and the compute-optimal model size N_opt(C) of one domain. Units as the table's caption
 * gives them: loss in <b>nats per token</b>, N in non-embedding parameters, C in PF-days.
 * {@link HenighanLaws#TABLE_1} holds the rows; where a row's constants were read is said there.
 *
 * @param domain the row's label in Table 1, e.g. "Image 8x8", "Video VQ 16x16x16"
 * @param tokensPerSample tokens of one sample (3R² for an R×R pixel image, 256 or 1024 VQ codes for
 *     a 64×64 image, 16 frames × 256 codes for a video; Section 2.1); 0 where the table's domain has
 *     no fixed sample (language, mathematics, the multimodal rows)
 * @param lossVsParams L(N) = L∞ + (N₀/N)^α_N (Eq. 1.1); L∞ = 0 where the table gives a pure power law
 * @param lossVsCompute L(C) = L∞ + (C₀/C)^α_C, C in PF-days; empty where the table gives none
 * @param optimalParams N_opt(C) = (C/C_n)^β as a {@link PowerLaw} with exponent −β; empty where none
 * @param note what the table or the paper's text says about the row (its caveats), or ""
 */
public record HenighanLaw(String domain, int tokensPerSample, OffsetPowerLaw lossVsParams,
    Optional<OffsetPowerLaw> lossVsCompute, Optional<PowerLaw> optimalParams, String note) {

  public HenighanLaw {
    if (domain == null || domain.isBlank()) throw new IllegalArgumentException("domain must be named");
    if (tokensPerSample < 0) throw new IllegalArgumentException("tokens per sample must be ≥ 0, got " + tokensPerSample);
    if (lossVsParams == null || lossVsCompute == null || optimalParams == null || note == null) {
      throw new IllegalArgumentException("row " + domain + ": laws and note must be given (use Optional.empty())");
    }
  }

  /** L(C); IllegalStateException naming the row where Table 1 gives no compute law. */
  public OffsetPowerLaw compute() {
    return lossVsCompute.orElseThrow(() -> new IllegalStateException("Table 1 gives no L(C) for " + domain));
  }

  /** N_opt(C); IllegalStateException naming the row where Table 1 gives none. */
  public PowerLaw optimal() {
    return optimalParams.orElseThrow(() -> new IllegalStateException("Table 1 gives no N_opt(C) for " + domain));
  }

  /** L∞ of the compute law (nats/token). */
  public double irreducible() {
    return compute().e();
  }

  /** C₀ of the compute law (PF-days): the compute at which the reducible loss is 1 nat/token. */
  public double computeScale() {
    return HenighanLaws.scaleOf(compute());
  }

  /** α_C, the exponent of the compute law. */
  public double computeExponent() {
    return compute().alpha();
  }

  /** The reducible loss (C₀/C)^α_C at C PF-days (nats/token): the KL-divergence estimate of Eq. 1.2. */
  public double reducible(double pfDays) {
    return compute().reducible().value(pfDays);
  }

  /** β of N_opt(C) ∝ C^β. */
  public double optimalExponent() {
    return -optimal().alpha();
  }

  /** The compute-optimal non-embedding parameter count at C PF-days. */
  public double optimalParams(double pfDays) {
    return optimal().value(pfDays);
  }

  /**
   * Tokens processed per parameter at the compute optimum: E/N with C ≡ 6·N·E (Section 2.3, C in
   * FLOPs), so E/N = C / (6·N_opt(C)²). It falls as C^(1−2β).
   */
  public double tokensPerParameter(double pfDays) {
    double n = optimalParams(pfDays);
    return PfDays.toFlops(pfDays) / (6 * n * n);
  }

  private int samples() {
    if (tokensPerSample == 0) throw new IllegalStateException(domain + " has no fixed number of tokens per sample");
    return tokensPerSample;
  }

  /** L∞ per sample (nats per image or video): L∞ × tokens per sample; Table 3 lists it for images. */
  public double irreduciblePerSample() {
    return irreducible() * samples();
  }

  /**
   * The compute (PF-days) at which the reducible loss per sample is 1 nat: tokens·(C₀/C)^α = 1 gives
   * C = C₀·tokens^(1/α). These are the denominators of Table 3 for images.
   */
  public double computeForOneNatPerSample() {
    return computeScale() * Math.pow(samples(), 1 / computeExponent());
  }
}

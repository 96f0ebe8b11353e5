package org.scalinglab.law;

import org.scalinglab.util.Checks;

import java.util.List;

/**
 * Scaling laws beyond language: Henighan et al. (2020), "Scaling laws for autoregressive generative
 * modeling", arXiv:2010.14701. They fit the same form in every domain they study (images at several
 * resolutions, video, multimodal image↔text, mathematics), their Eq. 1.1:
 * <pre>  L(x) = L∞ + (x₀/x)^α_x,   x = N (parameters), D (data) or C (compute, PF-days)</pre>
 * which is an {@link OffsetPowerLaw} with E = L∞, a = x₀^α, exponent α ({@link #law}). L∞ is read
 * as the data's entropy under the model family and the reducible term as a KL divergence, with the
 * paper's own caution that its largest models had not fully converged.
 *
 * <p>What this class holds, and how sure it is:
 * <ul>
 *   <li>{@link #IMAGE_8X8_IRREDUCIBLE}: 601.54, the irreducible term of the 8×8-image law as lecture 3
 *       shows it (slide "Scaling laws on other tasks", which reproduces the paper's figure). Taken
 *       from the lecture. Its unit is not printed in the lecture text; per image it is
 *       601.54/192 ≈ 3.13 nats per token for the 8·8·3 = 192 colour-channel tokens of an image,
 *       the scale the paper reports for 8×8 images — we read it as nats per image.</li>
 *   <li>The form (Eq. 1.1) and that the compute-optimal model size grows as a power of C with an
 *       exponent that is "nearly universal" across domains (abstract).</li>
 * </ul>
 * <b>Not included, because they could not be verified here:</b> the constants (L∞, C₀, α) of the
 * paper's Table 1 for 16×16, 32×32 and 64×64 images, VQ-encoded images, video, image→text,
 * text→image and mathematics; the exponent of N_opt(C); and the ratio of optimal tokens per
 * parameter of pixel models to that of language. The search tools available when this was written
 * returned the paper's abstract but not its tables, and inventing constants would teach wrong
 * numbers. {@link #UNVERIFIED} lists them; add them here, with the table row they come from, once
 * checked against the paper.
 */
public final class HenighanLaws {
  private HenighanLaws() {}

  /** The irreducible loss L∞ of the 8×8-image compute law, as lecture 3 shows it (nats per image). */
  public static final double IMAGE_8X8_IRREDUCIBLE = 601.54;

  /** The paper's quantities that this library does not carry (see the class comment). */
  public static final List<String> UNVERIFIED = List.of(
      "Table 1 L(C) constants for images 16x16, 32x32, 64x64 and VQ-encoded images",
      "Table 1 L(C) constants for video, image-to-text, text-to-image and mathematics",
      "the exponent of N_opt(C)",
      "optimal tokens per parameter of pixel-level image models relative to language");

  /**
   * Eq. 1.1 as a value of the library's law type: L(x) = L∞ + (x₀/x)^α = OffsetPowerLaw(L∞, x₀^α, α).
   *
   * @param irreducible L∞
   * @param scale x₀ (&gt; 0), in the units of x (PF-days for compute laws)
   * @param alpha α (&gt; 0)
   */
  public static OffsetPowerLaw law(double irreducible, double scale, double alpha) {
    Checks.positive("scale x0", scale);
    Checks.positive("exponent alpha", alpha);
    return new OffsetPowerLaw(irreducible, Math.pow(scale, alpha), alpha);
  }

  /** x₀ of an Eq. 1.1 law back from its {@link OffsetPowerLaw}: a^(1/α). */
  public static double scaleOf(OffsetPowerLaw law) {
    return Math.pow(law.a(), 1 / law.alpha());
  }

  /** Tokens of an r×r RGB image modelled pixel by pixel, one token per colour channel: 3r². */
  public static int tokensPerImage(int resolution) {
    if (resolution < 1) throw new IllegalArgumentException("resolution must be at least 1, got " + resolution);
    return 3 * resolution * resolution;
  }

  /** {@link #IMAGE_8X8_IRREDUCIBLE} per token: 601.54 / 192 ≈ 3.133 nats. */
  public static double image8x8IrreduciblePerToken() {
    return IMAGE_8X8_IRREDUCIBLE / tokensPerImage(8);
  }
}

package org.scalinglab.law;

import java.util.List;
import java.util.Optional;
import org.scalinglab.util.Checks;
import org.scalinglab.util.TableFormats;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Scaling laws beyond language: Henighan et al. (2020), "Scaling laws for autoregressive generative
 * modeling", arXiv:2010.14701. They fit the same form in every domain they study (images at several
 * resolutions, video, multimodal image↔text, mathematics), their Eq. 1.1:
 * <pre>  L(x) = L∞ + (x₀/x)^α_x,   x = N (parameters), D (data) or C (compute, PF-days)</pre>
 * which is an {@link OffsetPowerLaw} with E = L∞, a = x₀^α, exponent α ({@link #law}). L∞ is read
 * as the data's entropy under the model family and the reducible term as a KL divergence (Eq. 1.2),
 * with the paper's own caution that its largest models had not fully converged (Section 2.2).
 *
 * <p><b>Where the constants come from.</b> {@link #TABLE_1} and {@link #TABLE_3} are the paper's
 * Table 1 (p. 7, "Summary of scaling laws"; loss in nats/token, C in PF-days) and Table 3 (p. 12,
 * "Per-image loss trends"), read from a Markdown transcription of the arXiv PDF (v2) found in the
 * public GitHub index of this project's search tools (find_string "Math (Extrapolate)"; file id
 * 63453444161 — the tool does not expose its repository or path). That is one source, so the library
 * checks it against itself and against others (HenighanLawsTest, notebook 10): Table 1's L∞ × tokens
 * per image reproduces Table 3's per-image entropies (602, 2026, 6806, 1047, 3246 nats) within 0.3%;
 * Table 1's C₀·tokens^(1/α) reproduces four of Table 3's five denominators within 3%; the 8×8 L∞
 * × 192 = 601 matches lecture 3's 601.54; Table 1's language N_opt(C) = (C/3.3e−13)^0.73 is Kaplan
 * et al.'s 1.3e9·C^0.73 ({@link KaplanAllocation#KAPLAN_2020}); its language L(C) = (C/3.47e8)^−0.048
 * is GPT-3's 2.57·C^−0.048; β ≈ 0.7 ("nearly universal", abstract, Section 1.1) agrees with two
 * independent reading notes (jqhoogland/rationalia-starter Notes/@henighan2020.md: "β ∼ 0.7 across
 * modalities"; a literature note LIT-040 in the same index: "N_opt(C) ∝ C^0.7").
 *
 * <p>{@link #IMAGE_8X8_IRREDUCIBLE}, 601.54, is the 8×8-image L∞ in nats per image as lecture 3's
 * slide shows it (the paper's Figure 1); Table 1 gives 3.13 nats/token, and 3.13 × 192 = 601.
 *
 * <p>{@link #UNVERIFIED} lists what this class does not carry, and why.
 */
public final class HenighanLaws {
  private HenighanLaws() {}

  /** The irreducible loss L∞ of the 8×8-image compute law, as lecture 3 shows it (nats per image). */
  public static final double IMAGE_8X8_IRREDUCIBLE = 601.54;

  private static Optional<OffsetPowerLaw> lc(double irreducible, double c0, double alpha) {
    return Optional.of(law(irreducible, c0, alpha));
  }

  /** N_opt(C) = (C/C_n)^β. */
  private static Optional<PowerLaw> nOpt(double cn, double beta) {
    return Optional.of(PowerLaw.ofCritical(cn, -beta));
  }

  /** Table 1, row "Image 8x8": L(N) = 3.12 + (N/8.0e1)^−0.24, L(C) = 3.13 + (C/1.8e−8)^−0.19, N_opt = (C/5.3e−14)^0.64. */
  public static final HenighanLaw IMAGE_8X8 = new HenighanLaw("Image 8x8", 192,
      law(3.12, 8.0e1, 0.24), lc(3.13, 1.8e-8, 0.19), nOpt(5.3e-14, 0.64), "pixel level, 3·8·8 tokens per image");

  /** Table 1, row "Image 16x16": 2.64 + (N/2.8e2)^−0.22; 2.64 + (C/1.6e−8)^−0.16; (C/4.8e−12)^0.75. */
  public static final HenighanLaw IMAGE_16X16 = new HenighanLaw("Image 16x16", 768,
      law(2.64, 2.8e2, 0.22), lc(2.64, 1.6e-8, 0.16), nOpt(4.8e-12, 0.75), "pixel level, 3·16·16 tokens per image");

  /** Table 1, row "Image 32x32": 2.20 + (N/6.3e1)^−0.13; 2.21 + (C/3.6e−9)^−0.1; (C/1.6e−13)^0.65. */
  public static final HenighanLaw IMAGE_32X32 = new HenighanLaw("Image 32x32", 3072,
      law(2.20, 6.3e1, 0.13), lc(2.21, 3.6e-9, 0.1), nOpt(1.6e-13, 0.65),
      "pixel level, 3·32·32 tokens; the smallest models are off-trend (Section 2.2)");

  /** Table 1, row "Image VQ 16x16" (64×64 images, 16×16 VQ codes): 3.99 + (N/2.7e4)^−0.13; 4.09 + (C/6.1e−7)^−0.11; (C/6.2e−14)^0.64. */
  public static final HenighanLaw IMAGE_VQ_16X16 = new HenighanLaw("Image VQ 16x16", 256,
      law(3.99, 2.7e4, 0.13), lc(4.09, 6.1e-7, 0.11), nOpt(6.2e-14, 0.64), "64x64 images as 16x16 VQ codes (codebook 4096)");

  /** Table 1, row "Image VQ 32x32" (64×64 images, 32×32 VQ codes): 3.07 + (N/1.9e4)^−0.14; 3.17 + (C/2.6e−6)^−0.12; (C/9.4e−13)^0.7. */
  public static final HenighanLaw IMAGE_VQ_32X32 = new HenighanLaw("Image VQ 32x32", 1024,
      law(3.07, 1.9e4, 0.14), lc(3.17, 2.6e-6, 0.12), nOpt(9.4e-13, 0.7), "64x64 images as 32x32 VQ codes (codebook 1024)");

  /** Table 1, row "Text-to-Im (Image)": 2.0 + (N/5.1e3)^−0.16; L(C) 1.93 + (C/1.5e−6)^−0.15 of the combined text/image loss; (C/9.4e−13)^0.7. */
  public static final HenighanLaw TEXT_TO_IMAGE = new HenighanLaw("Text-to-Im", 0,
      law(2.0, 5.1e3, 0.16), lc(1.93, 1.5e-6, 0.15), nOpt(9.4e-13, 0.7),
      "L(N) is the image loss; L(C) is the combined text/image loss (Table 1's note); 32x32 images + 128-token captions");

  /** Table 1, row "Im-to-Text (Image)": 2.0 + (N/5.5e3)^−0.15; L(C) 1.97 + (C/1.5e−6)^−0.16 (combined loss); [(C/3.3e−12)^0.72] (bracketed in the table). */
  public static final HenighanLaw IMAGE_TO_TEXT = new HenighanLaw("Im-to-Text", 0,
      law(2.0, 5.5e3, 0.15), lc(1.97, 1.5e-6, 0.16), nOpt(3.3e-12, 0.72),
      "L(N) is the image loss; L(C) is the combined text/image loss; Table 1 prints this N_opt in brackets");

  /** Table 1, row "Video VQ 16x16x16": 1.01 + (N/3.7e4)^−0.24; 0.95 + (C/2.2e−5)^−0.14; (C/1.13e−12)^0.71. */
  public static final HenighanLaw VIDEO = new HenighanLaw("Video VQ 16x16x16", 16 * 256,
      law(1.01, 3.7e4, 0.24), lc(0.95, 2.2e-5, 0.14), nOpt(1.13e-12, 0.71),
      "16 frames of 64x64 pixels as 16x16 VQ codes; very small models are off-trend (Fig. 3, 5)");

  /** Table 1, row "Math (Extrapolate)": 0.28 + (N/1.1e4)^−0.16; 0.14 + (C/1.4e−5)^−0.17; (C/2.3e−12)^0.69. */
  public static final HenighanLaw MATH = new HenighanLaw("Math (Extrapolate)", 0,
      law(0.28, 1.1e4, 0.16), lc(0.14, 1.4e-5, 0.17), nOpt(2.3e-12, 0.69),
      "the compute law may be affected by weight decay (Table 1 caption); answers are deterministic, so the true entropy is 0 (Section 5)");

  /**
   * Table 1, row "Language", taken by the paper from GPT-3 (Brown et al. 2020; L(N), L(C)) and Kaplan
   * et al. 2020 (N_opt): pure power laws (N/1.47e14)^−0.070, (C/3.47e8)^−0.048, (C/3.3e−13)^0.73.
   */
  public static final HenighanLaw LANGUAGE = new HenighanLaw("Language", 0,
      law(0, 1.47e14, 0.070), lc(0, 3.47e8, 0.048), nOpt(3.3e-13, 0.73),
      "no L∞: 'we cannot yet obtain a meaningful estimate for the entropy of natural language' (Table 1 caption)");

  /** Table 1, rows "Text-to-Im (Text)" and "Im-to-Text (Text)": the text loss alone, L(N) only: (N/5.6e8)^−0.037 and (N/7.0e8)^−0.039. */
  public static final HenighanLaw TEXT_TO_IMAGE_TEXT = new HenighanLaw("Text-to-Im (Text)", 0,
      law(0, 5.6e8, 0.037), Optional.empty(), Optional.empty(), "text loss of the text-to-image models; L(N) only");
  public static final HenighanLaw IMAGE_TO_TEXT_TEXT = new HenighanLaw("Im-to-Text (Text)", 0,
      law(0, 7.0e8, 0.039), Optional.empty(), Optional.empty(), "text loss of the image-to-text models; L(N) only");

  /** Every row of Table 1, in the table's order. */
  public static final List<HenighanLaw> TABLE_1 = List.of(LANGUAGE, IMAGE_8X8, IMAGE_16X16, IMAGE_32X32,
      IMAGE_VQ_16X16, IMAGE_VQ_32X32, TEXT_TO_IMAGE_TEXT, TEXT_TO_IMAGE, IMAGE_TO_TEXT_TEXT, IMAGE_TO_TEXT, VIDEO, MATH);

  /** The rows with a compute law and an irreducible term: every domain the paper itself trained. */
  public static final List<HenighanLaw> GENERATIVE_DOMAINS = List.of(IMAGE_8X8, IMAGE_16X16, IMAGE_32X32,
      IMAGE_VQ_16X16, IMAGE_VQ_32X32, TEXT_TO_IMAGE, IMAGE_TO_TEXT, VIDEO, MATH);

  /** The pixel-level image rows (Table 1 has 8×8, 16×16, 32×32; 64×64 images appear only VQ-encoded). */
  public static final List<HenighanLaw> PIXEL_IMAGES = List.of(IMAGE_8X8, IMAGE_16X16, IMAGE_32X32);

  /**
   * Table 3 of the paper, per image: 8×8 (C/1.9e3)^−0.19 + 602; 16×16 (C/1.7e10)^−0.16 + 2026;
   * 32×32 (C/2.7e26)^−0.1 + 6806; 64×64 16×16-VQ (C/4.7e15)^−0.11 + 1047; 64×64 32×32-VQ
   * (C/3.1e19)^−0.12 + 3246 (nats per image, C in PF-days). Note: the 8×8 denominator is 10× below
   * what Table 1 implies (1.8e−8·192^(1/0.19) ≈ 1.9e4); the other four agree (see HenighanLawsTest).
   */
  public static final List<HenighanPerImageTrend> TABLE_3 = List.of(
      new HenighanPerImageTrend("Image 8x8", 1.9e3, 0.19, 602),
      new HenighanPerImageTrend("Image 16x16", 1.7e10, 0.16, 2026),
      new HenighanPerImageTrend("Image 32x32", 2.7e26, 0.1, 6806),
      new HenighanPerImageTrend("Image VQ 16x16", 4.7e15, 0.11, 1047),
      new HenighanPerImageTrend("Image VQ 32x32", 3.1e19, 0.12, 3246));

  /**
   * Section 6: "N_opt(C) ≈ (2.8 × 10^8)·C^0.74 for 16×16 images (see figure 16)", and the
   * irreducible losses from the compute trends, L(C = ∞) ≈ 602 nats/image (8×8) and ≈ 2023 (16×16).
   */
  public static final PowerLaw IMAGE_16X16_NOPT_FIGURE_16 = new PowerLaw(2.8e8, -0.74);
  public static final double IMAGE_8X8_IRREDUCIBLE_SECTION_6 = 602;
  public static final double IMAGE_16X16_IRREDUCIBLE_SECTION_6 = 2023;

  /**
   * Table 5 (hyperparameters of the math, image and video models): the smallest model has about
   * 1.23 × 10^4 non-embedding parameters (d_model 32, 4 layers). Section 2.2 speculates that such
   * models fall below the trends for video and large images because their contexts (4096 and 3072
   * tokens) are comparable to their parameter count.
   */
  public static final double SMALLEST_MODEL_PARAMS = 1.23e4;

  /** The Table 1 row with this label; IllegalArgumentException listing the labels otherwise. */
  public static HenighanLaw row(String domain) {
    return TABLE_1.stream().filter(r -> r.domain().equalsIgnoreCase(domain == null ? "" : domain.trim())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no Table 1 row '" + domain + "'; rows: "
            + String.join(", ", TABLE_1.stream().map(HenighanLaw::domain).toList())));
  }

  /** What this library does not carry, and why (see the class comment for what it does). */
  public static final List<String> UNVERIFIED = List.of(
      "a pixel-level 64x64 image law: Table 1 has none (64x64 images appear only VQ-encoded)",
      "the statement that compute-optimal pixel models use 10-20x the tokens per parameter of language:"
          + " not found in the paper's text; only derived here from Table 1's N_opt(C) rows, and it depends on C",
      "constants for the separate regimes of the video and math curves: the paper describes them"
          + " (small models off-trend, math weight decay) but fits only one law per domain",
      "Table 3's 8x8 denominator 1.9e3: Table 1 implies 1.9e4; which one is the misprint is not settled here",
      "a second independent transcription of Tables 1 and 3 (only one was found; they are cross-checked instead)");

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

  /** The Table 3 row matching a Table 1 row; IllegalArgumentException when Table 3 has none. */
  public static HenighanPerImageTrend perImage(HenighanLaw row) {
    return TABLE_3.stream().filter(t -> t.table1Domain().equals(row.domain())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Table 3 has no per-image trend for " + row.domain()));
  }

  /**
   * Compute-optimal tokens per parameter of a domain over that of language at the same compute C
   * (PF-days), from the two rows' N_opt(C): (N_lang/N_row)², since E/N = C/(6N²).
   */
  public static double tokensPerParameterVsLanguage(HenighanLaw row, double pfDays) {
    return row.tokensPerParameter(pfDays) / LANGUAGE.tokensPerParameter(pfDays);
  }

  /** The compute C (PF-days) at which a row's tokens-per-parameter ratio to language equals the target. */
  public static double computeWhereTokensPerParameterRatio(HenighanLaw row, double ratio) {
    Checks.positive("ratio", ratio);
    // ratio(C) = (N_lang(C)/N_row(C))² = (a_l/a_r)²·C^(2(β_l − β_r)) with a = N_opt(1): solve for C.
    double r1 = tokensPerParameterVsLanguage(row, 1);
    double slope = 2 * (LANGUAGE.optimalExponent() - row.optimalExponent());
    if (slope == 0) throw new IllegalArgumentException(row.domain() + " has language's N_opt exponent: the ratio is the same at every C");
    return Math.pow(ratio / r1, 1 / slope);
  }

  /**
   * The compute laws of the given rows as a table (one row each): L∞, C₀ (PF-days), α_C, the loss at
   * 1 PF-day, L∞ of the model-size law, β of N_opt(C) and N_opt at 1 PF-day; rows need a compute law.
   */
  public static Table table(List<HenighanLaw> rows) {
    StringColumn domain = StringColumn.create("domain");
    DoubleColumn lInf = DoubleColumn.create("L_inf (C law)"), c0 = DoubleColumn.create("C0 (PF-days)"),
        alpha = DoubleColumn.create("alpha_C"), at1 = DoubleColumn.create("L(1 PF-day)"),
        lInfN = DoubleColumn.create("L_inf (N law)"), beta = DoubleColumn.create("beta (N_opt)"),
        n1 = DoubleColumn.create("N_opt(1 PF-day)");
    for (HenighanLaw r : rows) {
      domain.append(r.domain());
      lInf.append(r.irreducible());
      c0.append(r.computeScale());
      alpha.append(r.computeExponent());
      at1.append(r.compute().value(1));
      lInfN.append(r.lossVsParams().e());
      beta.append(r.optimalExponent());
      n1.append(r.optimalParams(1));
    }
    return TableFormats.significant(Table.create("Henighan et al. 2020, Table 1 (loss in nats/token, C in PF-days)",
        domain, lInf, c0, alpha, at1, lInfN, beta, n1));
  }
}

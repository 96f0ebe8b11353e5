package org.scalinglab.fit;

import org.scalinglab.law.ChinchillaLaw;

/**
 * Published Approach-3 fits of the Chinchilla law, to compare a refit with.
 * {@link ChinchillaLaw#HOFFMANN_2022} holds the constants as printed in the paper's body.
 */
public final class PublishedFits {
  private PublishedFits() {}

  /**
   * The unrounded constants in the TeX source of Hoffmann et al. 2022, as reported by Besiroglu et
   * al. 2024 (arXiv:2404.10102): E = 1.6934, A = 406.4, B = 410.7, α = 0.3392, β = 0.2849.
   */
  public static final ChinchillaLaw HOFFMANN_2022_TEX = new ChinchillaLaw(1.6934, 406.4, 410.7, 0.3392, 0.2849);

  /**
   * The refit of Besiroglu et al. 2024 ("Chinchilla Scaling: A replication attempt",
   * arXiv:2404.10102) on the digitized Figure-4 runs without the 5 highest-loss ones (240
   * runs), Huber δ = 10⁻³ summed over runs: E = 1.8172, A = 482.01, B = 2085.43, α = 0.3478,
   * β = 0.3658 (standard errors 0.03, 124.58, 1293.23, 0.02, 0.02).
   */
  public static final ChinchillaLaw BESIROGLU_2024 = new ChinchillaLaw(1.8172, 482.01, 2085.43, 0.3478, 0.3658);
}

package org.scalinglab.law;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The published laws by short name, for the command line and notebooks: "chinchilla", "kaplan". */
public final class PublishedLaws {
  /** Names accepted by {@link #byName}. */
  public static final List<String> NAMES = List.of("chinchilla", "kaplan");

  private PublishedLaws() {}

  /**
   * "chinchilla" → {@link ChinchillaLaw#HOFFMANN_2022}; "kaplan" → {@link KaplanLaw#KAPLAN_2020}
   * (case-insensitive). Anything else → IllegalArgumentException naming the accepted names.
   */
  /**
   * The range of the runs a published law was fitted on: {@link FitRange#HOFFMANN_2022} for
   * {@link ChinchillaLaw#HOFFMANN_2022}, {@link FitRange#KAPLAN_2020} for {@link KaplanLaw#KAPLAN_2020};
   * empty for any other law.
   */
  public static Optional<FitRange> rangeOf(ScalingLaw law) {
    if (ChinchillaLaw.HOFFMANN_2022.equals(law)) return Optional.of(FitRange.HOFFMANN_2022);
    if (KaplanLaw.KAPLAN_2020.equals(law)) return Optional.of(FitRange.KAPLAN_2020);
    return Optional.empty();
  }

  public static ScalingLaw byName(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    switch (key) {
      case "chinchilla":
      case "hoffmann":
        return ChinchillaLaw.HOFFMANN_2022;
      case "kaplan":
        return KaplanLaw.KAPLAN_2020;
      default:
        throw new IllegalArgumentException("unknown law '" + name + "'; known laws: " + String.join(", ", NAMES));
    }
  }
}

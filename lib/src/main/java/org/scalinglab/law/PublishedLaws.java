package org.scalinglab.law;

import java.util.List;
import java.util.Locale;

/** The published laws by short name, for the command line and notebooks: "chinchilla", "kaplan". */
public final class PublishedLaws {
  /** Names accepted by {@link #byName}. */
  public static final List<String> NAMES = List.of("chinchilla", "kaplan");

  private PublishedLaws() {}

  /**
   * "chinchilla" → {@link ChinchillaLaw#HOFFMANN_2022}; "kaplan" → {@link KaplanLaw#KAPLAN_2020}
   * (case-insensitive). Anything else → IllegalArgumentException naming the accepted names.
   */
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

package org.scalinglab.cli;

import java.io.PrintWriter;
import java.util.List;
import org.scalinglab.law.FitRange;
import picocli.CommandLine.Option;

/**
 * The {@code --extrapolation-factor F} option shared by the commands that predict (law, optimal,
 * fit), and the warnings it governs: "scalinglab: warning: C = 1 FLOPs is … below the range the law
 * was fitted on (…)", one line on standard error per quantity more than F× outside.
 */
final class ExtrapolationOption {
  @Option(names = "--extrapolation-factor", defaultValue = "100", paramLabel = "F",
      description = "Warn when a prediction lies more than F times outside the range the law was fitted on (default: ${DEFAULT-VALUE}).")
  double factor = FitRange.DEFAULT_FACTOR;

  /** Prints one warning line per quantity far outside the range and returns them (for --json). */
  List<String> warn(PrintWriter err, FitRange range, double n, double d, double c) {
    if (!(factor >= 1) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("--extrapolation-factor must be a finite number ≥ 1, got " + factor);
    }
    if (range == null) return List.of();
    List<String> w = range.warnings(n, d, c, factor);
    for (String line : w) err.println("scalinglab: warning: " + line);
    err.flush();
    return w;
  }
}

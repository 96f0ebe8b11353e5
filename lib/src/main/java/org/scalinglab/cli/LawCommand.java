package org.scalinglab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scalinglab.data.Json;
import org.scalinglab.law.PublishedLaws;
import org.scalinglab.law.ScalingLaw;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scalinglab law --law chinchilla --params 70e9 --tokens 1.4e12 [--json]}: the loss a
 * published law predicts for N parameters trained on D tokens.
 */
@Command(name = "law", mixinStandardHelpOptions = true,
    description = "Predicted loss of a published law for N parameters and D tokens.",
    footer = {"", "Laws: chinchilla (Hoffmann et al. 2022, Eq. 10: E + A/N^α + B/D^β),",
        "      kaplan (Kaplan et al. 2020, Eq. 1.5; N = non-embedding parameters).",
        "Example: scalinglab law --law chinchilla --params 70e9 --tokens 1.4e12"})
public final class LawCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--law", defaultValue = "chinchilla", paramLabel = "NAME",
      description = "chinchilla or kaplan (default: ${DEFAULT-VALUE}).")
  String law;

  @Option(names = {"--params", "-N"}, required = true, paramLabel = "N", description = "Parameters, e.g. 70e9.")
  double params;

  @Option(names = {"--tokens", "-D"}, required = true, paramLabel = "D", description = "Training tokens, e.g. 1.4e12.")
  double tokens;

  @CommandLine.Mixin ExtrapolationOption extrapolation;

  @Option(names = "--json", description = "Print one JSON object: law, N, D, loss.")
  boolean json;

  @Override
  public Integer call() {
    ScalingLaw l = PublishedLaws.byName(law);
    CliValues.positive("--params", params);
    CliValues.positive("--tokens", tokens);
    double loss = l.loss(params, tokens);
    PrintWriter out = spec.commandLine().getOut();
    List<String> warnings = extrapolation.warn(spec.commandLine().getErr(), l.range().orElse(null), params, tokens, 6 * params * tokens);
    if (json) {
      out.println(Json.object().put("law", law.toLowerCase(Locale.ROOT)).put("N", params).put("D", tokens).put("loss", loss)
          .put("warnings", warnings));
    } else {
      out.printf(Locale.ROOT, "%s%n", l.name());
      out.printf(Locale.ROOT, "  N = %.4g parameters, D = %.4g tokens (%.3g tokens/parameter)%n", params, tokens, tokens / params);
      out.printf(Locale.ROOT, "  predicted loss: %.4f nats/token%n", loss);
    }
    out.flush();
    return 0;
  }
}

package org.scalinglab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scalinglab.data.Json;
import org.scalinglab.compute.ComputeOptimum;
import org.scalinglab.units.PfDays;
import org.scalinglab.law.ChinchillaLaw;
import org.scalinglab.law.KaplanAllocation;
import org.scalinglab.law.KaplanLaw;
import org.scalinglab.law.PublishedLaws;
import org.scalinglab.law.ScalingLaw;
import org.scalinglab.law.TokensPerParamRule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scalinglab optimal --law chinchilla --compute 5.76e23 [--json]}: the compute-optimal model
 * size N*, tokens D*, tokens per parameter and predicted loss for a budget of C FLOPs (C = 6ND).
 *
 * <ul>
 *   <li>{@code chinchilla}: the closed form of Hoffmann et al. 2022 (Eq. 4) with the Eq. 10 constants;
 *       {@code --numeric} minimises the law numerically instead (same answer).</li>
 *   <li>{@code kaplan}: Kaplan et al. 2020's compute-efficient allocation N = 1.3×10^9·C^0.73 (C in
 *       PF-days, Figure 14), D = C/(6N); the loss is their Eq. 1.5 at (N, D). {@code --numeric}
 *       minimises Eq. 1.5 itself along C = 6ND instead, which gives N ∝ C^0.56.</li>
 * </ul>
 */
@Command(name = "optimal", mixinStandardHelpOptions = true,
    description = "Compute-optimal N*, D*, tokens/parameter and loss for a compute budget.",
    footer = {"", "Laws: chinchilla (Hoffmann et al. 2022: closed form, Eq. 4 with the Eq. 10 constants),",
        "      kaplan (Kaplan et al. 2020: N = 1.3e9 * C[PF-days]^0.73, Fig. 14; D = C/(6N); loss from Eq. 1.5).",
        "Example: scalinglab optimal --law chinchilla --compute 5.76e23   (Gopher's and Chinchilla's budget)"})
public final class OptimalCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--law", defaultValue = "chinchilla", paramLabel = "NAME",
      description = "chinchilla or kaplan (default: ${DEFAULT-VALUE}).")
  String law;

  @Option(names = {"--compute", "-C"}, required = true, paramLabel = "FLOPS", description = "Training budget in FLOPs, e.g. 5.76e23.")
  double compute;

  @Option(names = "--numeric", description = "Minimise the law's L(N, C/(6N)) numerically instead of the closed form / published allocation.")
  boolean numeric;

  @CommandLine.Mixin ExtrapolationOption extrapolation;

  @Option(names = "--json", description = "Print one JSON object: law, method, compute, N, D, tokens_per_param, loss.")
  boolean json;

  @Override
  public Integer call() {
    ScalingLaw l = PublishedLaws.byName(law);
    CliValues.positive("--compute", compute);
    double n;
    String method;
    if (numeric) {
      n = ComputeOptimum.of(l, compute).params();
      method = "numeric minimum of the law along C = 6ND (Brent)";
    } else if (l instanceof ChinchillaLaw c) {
      n = c.optimalParams(compute);
      method = "closed form, Hoffmann et al. 2022 Eq. 4";
    } else {
      n = KaplanAllocation.KAPLAN_2020.optimalParams(compute);
      method = "Kaplan et al. 2020 allocation N = 1.3e9 * C[PF-days]^0.73 (Fig. 14)";
    }
    double d = compute / (6 * n);
    double loss = l.loss(n, d);
    PrintWriter out = spec.commandLine().getOut();
    List<String> warnings = extrapolation.warn(spec.commandLine().getErr(), l.range().orElse(null), n, d, compute);
    if (json) {
      out.println(Json.object().put("law", law.toLowerCase(Locale.ROOT)).put("method", method).put("compute", compute)
          .put("N", n).put("D", d).put("tokens_per_param", d / n).put("loss", loss).put("warnings", warnings));
    } else {
      out.printf(Locale.ROOT, "%s — %s%n", l.name(), method);
      out.printf(Locale.ROOT, "  compute C        = %.4g FLOPs (%.4g PF-days)%n", compute, PfDays.fromFlops(compute));
      out.printf(Locale.ROOT, "  parameters N*    = %.4g%n", n);
      out.printf(Locale.ROOT, "  tokens D*        = %.4g%n", d);
      out.printf(Locale.ROOT, "  tokens/parameter = %.3g%n", d / n);
      out.printf(Locale.ROOT, "  predicted loss   = %.4f nats/token%n", loss);
      if (l instanceof ChinchillaLaw) {
        TokensPerParamRule rule = TokensPerParamRule.CHINCHILLA_20;
        out.printf(Locale.ROOT, "  (Hoffmann et al.'s Approach 1 rule of ~20 tokens/parameter, Table 3, gives N = %.4g, D = %.4g)%n",
            rule.optimalParams(compute), rule.optimalTokens(compute));
      }
      if (l instanceof KaplanLaw) {
        out.printf(Locale.ROOT, "  (Kaplan Eq. 1.3 frontier L(C_min) = %.4f; Kaplan losses are on WebText2 and not comparable with Chinchilla's)%n",
            KaplanLaw.lossOfMinCompute(compute));
      }
    }
    out.flush();
    return 0;
  }
}

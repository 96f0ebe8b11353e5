package org.scalinglab.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scalinglab.data.Json;
import org.scalinglab.sweep.ConsoleProgress;
import org.scalinglab.sweep.Ledger;
import org.scalinglab.sweep.LedgerRecord;
import org.scalinglab.sweep.Shard;
import org.scalinglab.sweep.SlurmScript;
import org.scalinglab.sweep.Sweep;
import org.scalinglab.sweep.SweepAnalysis;
import org.scalinglab.sweep.SweepPreset;
import org.scalinglab.sweep.SweepProgress;
import org.scalinglab.sweep.SweepResult;
import org.scalinglab.train.BackendReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scalinglab sweep}: runs or resumes an IsoFLOP sweep into a ledger, then fits it. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Run or resume an IsoFLOP sweep (safe to kill and rerun), then fit Approaches 2 and 3 and predict the held-out run.")
public final class SweepCommand implements Callable<Integer> {
  @Option(names = "--preset", defaultValue = "tiny", description = "tiny, laptop or gpu (default: ${DEFAULT-VALUE})")
  String preset;
  @Option(names = "--out", description = "ledger folder (default: build/runs/<preset>)")
  Path out;
  @Option(names = "--shard", description = "run only share K of N (K/N), e.g. 2/4")
  String shard;
  @Option(names = "--budgets", split = ",", description = "override the preset's compute budgets (FLOPs, comma-separated)")
  double[] budgets;
  @Option(names = "--slurm", description = "print a SLURM job-array script running the sweep as --shards shares, and exit")
  boolean slurm;
  @Option(names = "--shards", defaultValue = "4", description = "shares for --slurm (default: ${DEFAULT-VALUE})")
  int shards;
  @Option(names = "--build-dir", defaultValue = "build", description = "cache folder for data (default: ${DEFAULT-VALUE})")
  Path buildDir;
  @Option(names = "--json", description = "print the ledger and the fits as JSON")
  boolean json;

  @Override
  public Integer call() {
    SweepPreset p = SweepPreset.named(preset);
    if (budgets != null) p = p.withBudgets(budgets);
    p.plan(); // bad budgets fail here, before anything is written
    Path dir = out != null ? out : Path.of("build", "runs", p.name());
    if (slurm) {
      Path launcher = Path.of("scalinglab").toAbsolutePath();
      System.out.print(SlurmScript.forSweep(p.name(), dir.toAbsolutePath().toString(), shards,
          java.nio.file.Files.isExecutable(launcher) ? launcher.toString() : "./scalinglab",
          p.settings().threads() * Math.max(1, p.parallelRuns())));
      return 0;
    }
    Shard sh = shard == null ? Shard.ALL : Shard.parse(shard);
    String unsupported = BackendReport.unsupportedGpuMessage();
    if (unsupported != null) throw new IllegalArgumentException(unsupported);
    BackendReport backend = BackendReport.detect();
    if (!json) System.err.println(backend.line());
    ConsoleProgress bar = json ? null : new ConsoleProgress(System.err);
    SweepResult r = Sweep.run(p, dir, buildDir, sh, bar == null ? SweepProgress.NONE : bar);
    if (bar != null) bar.finish();
    SweepAnalysis a = null;
    String fitNote = null;
    boolean complete = r.records().size() == p.plan().size();
    if (complete) {
      try {
        a = SweepAnalysis.of(Ledger.read(dir), p.budgets());
      } catch (RuntimeException e) { // too few runs for a fit: the sweep itself succeeded
        fitNote = "no fit: " + e.getMessage();
      }
    }
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("preset", p.name());
      o.put("out", dir.toString());
      o.put("shard", sh.toString());
      o.put("planned_in_shard", r.planned());
      o.put("already_done", r.alreadyDone());
      o.put("trained", r.trained());
      o.put("complete", complete);
      if (fitNote != null) o.put("fit", fitNote);
      if (a != null) {
        o.put("E", a.approach3().E());
        o.put("alpha", a.approach3().alpha());
        o.put("beta", a.approach3().beta());
        o.put("a", a.approach3().paramsExponent());
        if (a.approach2() != null) o.put("approach2_a", a.approach2().paramsExponent());
        o.put("holdout_predicted", a.predictedHoldoutLoss());
        o.put("holdout_measured", a.holdout() == null ? Double.NaN : a.holdout().finalEvalLoss());
        o.put("holdout_relative_error", a.holdoutRelativeError());
      }
      o.put("runs", r.records());
      System.out.println(Json.toJson(o));
      return 0;
    }
    System.out.printf(Locale.ROOT, "sweep '%s' in %s, shard %s: %d runs in this share, %d already done, %d trained now%n",
        p.name(), dir, sh, r.planned(), r.alreadyDone(), r.trained());
    System.out.printf(Locale.ROOT, "%-28s %10s %12s %12s %9s %10s%n", "run", "N", "D", "C", "loss", "tokens/s");
    for (LedgerRecord rec : r.records()) {
      System.out.printf(Locale.ROOT, "%-28s %10d %12.4g %12.4g %9.4f %10.0f%n", rec.id(), rec.nonEmbeddingParams(),
          rec.tokens(), 6.0 * rec.nonEmbeddingParams() * rec.tokens(), rec.finalEvalLoss(), rec.tokensPerSecond());
    }
    if (a != null) {
      System.out.print(a.summary());
    } else if (fitNote != null) {
      System.out.println(fitNote);
    } else {
      System.out.printf(Locale.ROOT, "%d of %d runs complete (other shards still running?); fit when all are done.%n",
          r.records().size(), p.plan().size());
    }
    return 0;
  }
}

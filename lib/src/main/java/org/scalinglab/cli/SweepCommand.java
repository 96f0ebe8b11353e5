package org.scalinglab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
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
import org.scalinglab.sweep.SweepStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scalinglab sweep}: runs or resumes an IsoFLOP sweep into a ledger, then fits it. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Run or resume an IsoFLOP sweep (safe to kill and rerun), then fit Approaches 2 and 3 and predict the held-out run.")
public final class SweepCommand implements Callable<Integer> {
  @Option(names = "--preset", defaultValue = "tiny", description = "tiny, laptop or kjv (default: ${DEFAULT-VALUE})")
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
  @Option(names = "--partition", description = "with --slurm: the partition to submit to (default: the cluster's)")
  String partition;
  @Option(names = "--account", description = "with --slurm: the account to charge (default: yours)")
  String account;
  @Option(names = "--time", defaultValue = "04:00:00", description = "with --slurm: time limit per share (default: ${DEFAULT-VALUE})")
  String time;
  @Option(names = "--cpus-per-task", description = "with --slurm: cores per share (default: the preset's threads)")
  Integer cpusPerTask;
  @Option(names = "--mem", defaultValue = "4G", description = "with --slurm: memory per share (default: ${DEFAULT-VALUE})")
  String mem;
  @Option(names = "--status", paramLabel = "DIR", description = "show how many runs of the sweep in DIR are done, running (with their share) and left, from the ledger alone, and exit")
  Path status;
  @Option(names = "--build-dir", defaultValue = "build", description = "cache folder for data (default: ${DEFAULT-VALUE})")
  Path buildDir;
  @Option(names = "--json", description = "print the ledger and the fits as JSON")
  boolean json;

  /**
   * Prints the job-array script for the shares with runs left. Creates the ledger (its header) and
   * the folder for SLURM's output files now, because SLURM opens those files before the script runs.
   */
  private int printSlurmScript(SweepPreset p, Path dir) {
    Ledger ledger = Ledger.open(dir, p); // refuses a folder of another sweep before anything is submitted
    SortedSet<Integer> left = SlurmScript.sharesWithRunsLeft(p.plan(), ledger.completed().keySet(), shards);
    if (left.isEmpty()) {
      System.err.printf(Locale.ROOT, "scalinglab: all %d runs of sweep '%s' in %s are done: nothing to submit (fit: ./scalinglab fit --data %s)%n",
          p.plan().size(), p.name(), dir, dir);
      return 0;
    }
    int cpus = cpusPerTask != null ? cpusPerTask : p.settings().threads() * Math.max(1, p.parallelRuns());
    SlurmScript script = new SlurmScript(p.name(), budgets, dir.toString(), shards, left,
        projectDir().toString(), System.getProperty("java.home"),
        new SlurmScript.Resources(cpus, time, mem, partition, account));
    try {
      Files.createDirectories(Path.of(script.logDir()));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot create " + script.logDir() + " for SLURM's output files: " + e.getMessage());
    }
    System.out.print(script.render());
    System.err.printf(Locale.ROOT, "scalinglab: %d of %d shares have runs left; SLURM's output goes to %s%n"
        + "scalinglab: submit with: sbatch FILE   watch with: ./scalinglab sweep --status %s%n",
        left.size(), shards, script.logDir(), dir);
    return 0;
  }

  /** The checkout holding the launcher: the working directory when it has one, else where the jar lies. */
  private static Path projectDir() {
    Path cwd = Path.of("").toAbsolutePath();
    if (Files.isExecutable(cwd.resolve("scalinglab"))) return cwd;
    try {
      Path jar = Path.of(SweepCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path d = jar.getParent(); d != null; d = d.getParent()) {
        if (Files.isExecutable(d.resolve("scalinglab"))) return d;
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // fall through
    }
    return cwd;
  }

  private int printStatus(SweepStatus st) {
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("out", st.dir().toString());
      o.put("preset", st.preset());
      o.put("planned", st.planned());
      o.put("done", st.done());
      o.put("running", st.running());
      o.put("stalled", st.stalled());
      o.put("left", st.left());
      o.put("complete", st.complete());
      System.out.println(Json.toJson(o));
      return 0;
    }
    System.out.printf(Locale.ROOT, "sweep '%s' in %s: %d runs planned, %d done, %d running, %d left%s%n",
        st.preset(), st.dir(), st.planned(), st.done(), st.running().size(), st.left(),
        st.complete() ? " — complete" : "");
    for (SweepStatus.Active a : st.running()) {
      System.out.printf(Locale.ROOT, "  running  %-28s share %-6s on %s (pid %d), heartbeat %d s ago%n",
          a.id(), a.shard(), a.host(), a.pid(), a.secondsSinceHeartbeat());
    }
    for (SweepStatus.Active a : st.stalled()) {
      System.out.printf(Locale.ROOT, "  stalled  %-28s share %-6s on %s (pid %d), no heartbeat for %d s: its process stopped; resubmitting resumes it from its checkpoint%n",
          a.id(), a.shard(), a.host(), a.pid(), a.secondsSinceHeartbeat());
    }
    return 0;
  }

  @Override
  public Integer call() {
    if (status != null) return printStatus(SweepStatus.of(status));
    SweepPreset p = SweepPreset.named(preset);
    if (budgets != null) p = p.withBudgets(budgets);
    p.plan(); // bad budgets fail here, before anything is written
    Path dir = out != null ? out : Path.of("build", "runs", p.name());
    if (slurm) return printSlurmScript(p, dir.toAbsolutePath().normalize());
    Shard sh = shard == null ? Shard.ALL : Shard.parse(shard);
    // in a terminal the bar is redrawn in place; into a file (a SLURM task's log) it is whole lines, one per 30 s at most
    ConsoleProgress bar = json ? null : CliValues.stderrIsTerminal() ? new ConsoleProgress(System.err, 0.1) : ConsoleProgress.lines(System.err, 30);
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

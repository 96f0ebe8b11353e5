package org.scalinglab.cli;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scalinglab.data.Json;
import org.scalinglab.sweep.ConsoleProgress;
import org.scalinglab.train.CurvePoint;
import org.scalinglab.train.DataSpec;
import org.scalinglab.train.Blas;
import org.scalinglab.train.LanguageModel;
import org.scalinglab.train.Lstm;
import org.scalinglab.train.LstmConfig;
import org.scalinglab.train.MatmulPeak;
import org.scalinglab.train.TokenSource;
import org.scalinglab.train.TrainResult;
import org.scalinglab.train.TrainSettings;
import org.scalinglab.train.Trainer;
import org.scalinglab.train.Transformer;
import org.scalinglab.train.TransformerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scalinglab train}: trains one language model and reports its loss curve and throughput. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train one language model (transformer or LSTM).")
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--model", defaultValue = "transformer",
      description = "transformer or lstm; an LSTM without --hidden gets the width that matches the transformer the other options describe (default: ${DEFAULT-VALUE})")
  String model;
  @Option(names = "--hidden", description = "LSTM hidden units per layer (default: matched to the transformer's non-embedding size)")
  Integer hidden;
  @Option(names = "--layers", defaultValue = "2", description = "transformer blocks or LSTM layers (default: ${DEFAULT-VALUE})")
  int layers;
  @Option(names = "--d-model", defaultValue = "64", description = "width d (default: ${DEFAULT-VALUE})")
  int dModel;
  @Option(names = "--heads", description = "attention heads (default: d/16, at least 1)")
  Integer heads;
  @Option(names = "--d-ff", description = "MLP width (default: 4·d)")
  Integer dFf;
  @Option(names = "--context", defaultValue = "64", description = "tokens per sequence (default: ${DEFAULT-VALUE})")
  int context;
  @Option(names = "--batch", defaultValue = "16", description = "sequences per step (default: ${DEFAULT-VALUE})")
  int batch;
  @Option(names = "--tokens", defaultValue = "2e6", description = "training tokens (default: ${DEFAULT-VALUE})")
  double tokens;
  @Option(names = "--data", defaultValue = "markov", description = "markov, kjv, or a text file (default: ${DEFAULT-VALUE})")
  String data;
  @Option(names = "--lr", defaultValue = "3e-3", description = "peak learning rate (default: ${DEFAULT-VALUE})")
  double lr;
  @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
  long seed;
  @Option(names = "--threads", defaultValue = "2", description = "threads (default: ${DEFAULT-VALUE})")
  int threads;
  @Option(names = "--checkpoint", description = "checkpoint file: resumed when it exists, removed when the run completes")
  Path checkpoint;
  @Option(names = "--build-dir", defaultValue = "build", description = "cache folder for data (default: ${DEFAULT-VALUE})")
  Path buildDir;
  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Override
  public Integer call() {
    if (!(tokens > 0)) throw new IllegalArgumentException("--tokens must be positive, got " + tokens);
    if (!model.equals("transformer") && !model.equals("lstm")) {
      throw new IllegalArgumentException("--model must be transformer or lstm, got '" + model + "'");
    }
    if (hidden != null && !model.equals("lstm")) throw new IllegalArgumentException("--hidden is for --model lstm only");
    String blas = Blas.describe();
    TokenSource src = DataSpec.parse(data, buildDir);
    int h = heads != null ? heads : Math.max(1, dModel / 16);
    TransformerConfig tc = new TransformerConfig(src.vocab(), context, layers, dModel, h, dFf != null ? dFf : 4 * dModel);
    TrainSettings s = TrainSettings.defaults().withBatch(batch).withLearningRate(lr).withSeed(seed).withThreads(threads);
    LanguageModel m;
    if (model.equals("transformer")) {
      m = new Transformer(tc, batch, seed, threads);
    } else {
      LstmConfig lc = hidden != null ? new LstmConfig(src.vocab(), context, layers, hidden) : LstmConfig.matching(tc, layers);
      if (!json && hidden == null) {
        System.err.printf(Locale.ROOT, "LSTM %s: %,d non-embedding parameters, matched to transformer %s (%,d)%n",
            lc.name(), lc.nonEmbeddingParams(), tc.name(), tc.nonEmbeddingParams());
      }
      m = new Lstm(lc, batch, seed, threads);
    }
    // reported once the configuration is known to be valid, so that a bad one prints one line only
    if (!json) System.err.println("engine: CPU, " + blas + ", " + threads + " thread" + (threads == 1 ? "" : "s"));
    try (m) {
      long[] last = {0};
      Trainer.Progress p = json ? Trainer.Progress.NONE : (step, steps, loss) -> {
        long now = System.nanoTime();
        if (now - last[0] > 100_000_000L || step == steps) {
          last[0] = now;
          System.err.print(String.format(Locale.ROOT, "\r%s %d/%d steps  loss %.4f", ConsoleProgress.bar((double) step / steps, 30), step, steps, loss));
          System.err.flush();
        }
      };
      TrainResult r = Trainer.train(m, src, tokens, s, checkpoint, p, MatmulPeak.flopsPerSecond(threads));
      if (json) {
        JsonObject o = Json.tree(r).getAsJsonObject();
        o.addProperty("blas", blas);
        System.out.println(Json.toJson(o));
      } else {
        System.err.println();
        System.out.printf(Locale.ROOT, "%s on %s%n", r.model(), r.data());
        System.out.printf(Locale.ROOT, "parameters: %,d non-embedding + %,d embedding; %.4g training FLOPs/token%n",
            r.nonEmbeddingParams(), r.embeddingParams(), r.flopsPerToken());
        System.out.printf(Locale.ROOT, "%,d steps, %.4g tokens, %.4g FLOPs in %.1f s: %.0f tokens/s, MFU %.3f%n",
            r.steps(), r.tokens(), r.flops(), r.wallSeconds(), r.tokensPerSecond(), r.mfu());
        System.out.printf(Locale.ROOT, "%10s %12s %12s %10s %10s%n", "step", "tokens", "FLOPs", "train", "held-out");
        for (CurvePoint c : r.curve()) {
          System.out.printf(Locale.ROOT, "%10d %12.4g %12.4g %10.4f %10.4f%n", c.step(), c.tokens(), c.flops(), c.trainLoss(), c.evalLoss());
        }
      }
      return 0;
    }
  }
}

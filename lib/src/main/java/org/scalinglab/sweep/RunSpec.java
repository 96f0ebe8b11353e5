package org.scalinglab.sweep;

import java.util.Locale;
import org.scalinglab.train.LanguageModel;
import org.scalinglab.train.Lstm;
import org.scalinglab.train.LstmConfig;
import org.scalinglab.train.TrainSettings;
import org.scalinglab.train.Transformer;
import org.scalinglab.train.TransformerConfig;

/**
 * One planned run of a sweep: a model shape trained for the tokens its compute budget buys,
 * D = C / (6N) with N the non-embedding parameters (Kaplan et al. 2020, Section 2.1).
 *
 * @param index position in the sweep's fixed order (decides the shard)
 * @param id stable name, also the ledger file name
 * @param budget compute budget C (FLOPs, 6ND convention)
 * @param model the transformer's shape (null for an LSTM run)
 * @param tokens training tokens D
 * @param steps optimiser steps
 * @param holdout true for the larger run held out of the fits and predicted by them
 * @param lstm the LSTM's shape (null for a transformer run)
 * @param settings this run's own settings (null: the sweep's)
 */
public record RunSpec(int index, String id, double budget, TransformerConfig model, double tokens, long steps, boolean holdout,
    LstmConfig lstm, TrainSettings settings) {
  public RunSpec {
    if ((model == null) == (lstm == null)) throw new IllegalArgumentException("run " + id + " needs exactly one of a transformer and an LSTM shape");
  }

  /** A transformer run with the sweep's settings (IsoFLOP presets). */
  public RunSpec(int index, String id, double budget, TransformerConfig model, double tokens, long steps, boolean holdout) {
    this(index, id, budget, model, tokens, steps, holdout, null, null);
  }

  static String idFor(double budget, TransformerConfig m, boolean holdout) {
    return String.format(Locale.ROOT, "%sC%.2e-%s", holdout ? "holdout-" : "", budget, m.name()).replace("+", "");
  }

  public boolean isLstm() {
    return lstm != null;
  }

  /** The settings this run trains with. */
  public TrainSettings settingsOr(TrainSettings sweepDefaults) {
    return settings != null ? settings : sweepDefaults;
  }

  /** Non-embedding parameters N of the run's model. */
  public long nonEmbeddingParams() {
    return isLstm() ? lstm.nonEmbeddingParams() : model.nonEmbeddingParams();
  }

  /** Embedding parameters of the run's model. */
  public long embeddingParams() {
    return isLstm() ? lstm.embeddingParams() : model.embeddingParams();
  }

  /** A fresh model, initialised from the settings' initialisation seed. */
  LanguageModel newModel(TrainSettings s) {
    return isLstm() ? new Lstm(lstm, s.batch(), s.initSeed(), s.threads()) : new Transformer(model, s.batch(), s.initSeed(), s.threads());
  }
}

package org.scalinglab.sweep;

import java.util.Locale;
import org.scalinglab.train.TransformerConfig;

/**
 * One planned run of a sweep: a model shape trained for the tokens its compute budget buys,
 * D = C / (6N) with N the non-embedding parameters (Kaplan et al. 2020, Section 2.1).
 *
 * @param index position in the sweep's fixed order (decides the shard)
 * @param id stable name, also the ledger file name
 * @param budget compute budget C (FLOPs, 6ND convention)
 * @param model the model shape
 * @param tokens training tokens D
 * @param steps optimiser steps
 * @param holdout true for the larger run held out of the fits and predicted by them
 */
public record RunSpec(int index, String id, double budget, TransformerConfig model, double tokens, long steps, boolean holdout) {
  static String idFor(double budget, TransformerConfig m, boolean holdout) {
    return String.format(Locale.ROOT, "%sC%.2e-%s", holdout ? "holdout-" : "", budget, m.name()).replace("+", "");
  }
}

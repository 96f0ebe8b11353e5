package org.scalinglab.sweep;

/** Receives a sweep's progress (runs may train concurrently: calls can come from several threads). */
public interface SweepProgress {
  /** The share has {@code total} runs, {@code alreadyDone} of them found complete in the ledger. */
  default void sweepStarted(int alreadyDone, int total) {}

  /** A run of this process's share started (or resumed). */
  default void runStarted(RunSpec run) {}

  /** A step of a run finished. */
  default void step(RunSpec run, long step, long steps, double loss) {}

  /** A run finished and is in the ledger; {@code done} of {@code total} runs of this share are complete. */
  default void runFinished(RunSpec run, LedgerRecord record, int done, int total) {}

  SweepProgress NONE = new SweepProgress() {};
}

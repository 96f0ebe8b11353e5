package org.scalinglab.sweep;

import java.util.List;

/**
 * What one invocation of a sweep did.
 *
 * @param preset preset name
 * @param shard the share this process ran
 * @param planned runs in this share
 * @param alreadyDone runs of this share found complete in the ledger (skipped)
 * @param trained runs trained (or resumed) by this invocation
 * @param records every record now in the ledger (all shares), by sweep order
 */
public record SweepResult(String preset, Shard shard, int planned, int alreadyDone, int trained, List<LedgerRecord> records) {}

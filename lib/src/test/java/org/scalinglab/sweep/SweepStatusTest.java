package org.scalinglab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepStatusTest {
  @TempDir Path tmp;

  @Test
  void countsDoneRunningStalledAndLeftFromTheLedgerAlone() throws Exception {
    SweepPreset micro = SweepPreset.micro();
    List<RunSpec> plan = micro.plan();
    Path dir = tmp.resolve("ledger");
    Ledger ledger = Ledger.open(dir, micro);
    SweepStatus empty = SweepStatus.of(dir);
    assertEquals(plan.size(), empty.planned());
    assertEquals(0, empty.done());
    assertEquals(plan.size(), empty.left());

    // a run being trained by this (live) process: running, with its share
    ledger.markRunning(plan.get(0).id(), new Shard(1, 2));
    // a run whose marker's heartbeat is old: stalled, and counted as left
    ledger.markRunning(plan.get(1).id(), new Shard(2, 2));
    Files.setLastModifiedTime(ledger.runningMarker(plan.get(1).id()),
        FileTime.from(Instant.now().minusSeconds(SweepStatus.STALE_AFTER_SECONDS + 5)));
    SweepStatus st = SweepStatus.of(dir);
    assertEquals(1, st.running().size());
    assertEquals(plan.get(0).id(), st.running().get(0).id());
    assertEquals("1/2", st.running().get(0).shard());
    assertEquals(ProcessHandle.current().pid(), st.running().get(0).pid());
    assertEquals(1, st.stalled().size());
    assertEquals("2/2", st.stalled().get(0).shard());
    assertEquals(plan.size() - 1, st.left());

    ledger.clearRunning(plan.get(0).id());
    assertTrue(SweepStatus.of(dir).running().isEmpty());
  }

  @Test
  void aMarkerOfADeadProcessOnThisHostIsStalledAtOnce() throws Exception {
    SweepPreset micro = SweepPreset.micro();
    Path dir = tmp.resolve("dead");
    Ledger ledger = Ledger.open(dir, micro);
    String id = micro.plan().get(0).id();
    ledger.markRunning(id, Shard.ALL);
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    Path marker = ledger.runningMarker(id);
    Files.writeString(marker, Files.readString(marker).replaceAll("\"pid\": \\d+", "\"pid\": " + p.pid()));
    SweepStatus st = SweepStatus.of(dir);
    assertEquals(0, st.running().size());
    assertEquals(1, st.stalled().size());
  }
}

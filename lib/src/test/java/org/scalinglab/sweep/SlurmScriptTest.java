package org.scalinglab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SlurmScriptTest {
  static final SlurmScript.Resources RES = new SlurmScript.Resources(2, "01:30:00", "4G", null, null);

  @Test
  void arraySpecCompressesConsecutiveSharesIntoRanges() {
    assertEquals("1-4", SlurmScript.arraySpec(new TreeSet<>(List.of(1, 2, 3, 4))));
    assertEquals("2", SlurmScript.arraySpec(new TreeSet<>(List.of(2))));
    assertEquals("1,3-5,8", SlurmScript.arraySpec(new TreeSet<>(List.of(8, 1, 3, 4, 5))));
  }

  @Test
  void onlySharesWithRunsLeftAreResubmitted() {
    List<RunSpec> plan = SweepPreset.micro().plan();
    assertEquals(Set.of(1, 2), SlurmScript.sharesWithRunsLeft(plan, Set.of(), 2));
    Set<String> shareOneDone = new java.util.HashSet<>();
    for (RunSpec r : plan) if (new Shard(1, 2).owns(r.index())) shareOneDone.add(r.id());
    assertEquals(Set.of(2), SlurmScript.sharesWithRunsLeft(plan, shareOneDone, 2));
    Set<String> all = new java.util.HashSet<>();
    for (RunSpec r : plan) all.add(r.id());
    assertTrue(SlurmScript.sharesWithRunsLeft(plan, all, 2).isEmpty());
  }

  @Test
  void scriptHasTheLinesAClusterNeeds() {
    String s = new SlurmScript("tiny", null, "/data/runs/tiny", 8, new TreeSet<>(List.of(2, 3, 7)), "/home/u/scalinglab",
        "/usr/lib/jvm/java-17", new SlurmScript.Resources(4, "1-00:00:00", "8G", "gpu", "lab42")).render();
    assertTrue(s.startsWith("#!/bin/bash\n"), s);
    for (String line : List.of("#SBATCH --array=2-3,7", "#SBATCH --cpus-per-task=4", "#SBATCH --mem=8G",
        "#SBATCH --time=1-00:00:00", "#SBATCH --partition=gpu", "#SBATCH --account=lab42",
        "#SBATCH --output=/data/runs/tiny/slurm-logs/slurm-%A_%a.out", "PROJECT=/home/u/scalinglab",
        "  export JAVA_HOME=/usr/lib/jvm/java-17",
        "exec \"$PROJECT/scalinglab\" sweep --preset tiny --out /data/runs/tiny --shard \"${SLURM_ARRAY_TASK_ID}/8\"")) {
      assertTrue(s.contains(line + "\n"), "missing line: " + line + "\n" + s);
    }
    String plain = new SlurmScript("tiny", null, "/o", 2, new TreeSet<>(List.of(1, 2)), "/p", "/j", RES).render();
    assertFalse(plain.contains("--partition"), plain);
    assertFalse(plain.contains("--account"), plain);
  }

  @Test
  void overriddenBudgetsTravelWithTheScriptAndPathsAreQuoted() {
    String s = new SlurmScript("tiny", new double[] {5e9, 1e10}, "/my runs/x", 2, new TreeSet<>(List.of(1)), "/p q", "/j", RES).render();
    assertTrue(s.contains("--budgets 5.0E9,1.0E10 "), s);
    assertTrue(s.contains("--out '/my runs/x'"), s);
    assertTrue(s.contains("PROJECT='/p q'"), s);
  }

  @Test
  void badResourcesAndSharesAreRefusedWithTheValue() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new SlurmScript.Resources(0, "1:00:00", "1G", null, null))
        .getMessage().contains("got 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new SlurmScript.Resources(1, "soon", "1G", null, null))
        .getMessage().contains("'soon'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new SlurmScript.Resources(1, "10", "lots", null, null))
        .getMessage().contains("'lots'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new SlurmScript.Resources(1, "10", "1G", "a b", null))
        .getMessage().contains("'a b'"));
    assertThrows(IllegalArgumentException.class, () -> new SlurmScript("t", null, "/o", 2, new TreeSet<>(List.of(3)), "/p", "/j", RES));
    assertThrows(IllegalArgumentException.class, () -> new SlurmScript("t", null, "/o", 2, new TreeSet<>(), "/p", "/j", RES));
  }
}

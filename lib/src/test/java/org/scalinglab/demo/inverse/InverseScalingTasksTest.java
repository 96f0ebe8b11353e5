package org.scalinglab.demo.inverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.error.BadInputException;
import org.scalinglab.data.DataDir;

class InverseScalingTasksTest {
  @Test
  void theCommittedDataHoldsTheElevenTasksAndWeiCounts() {
    InverseScalingTasks t = InverseScalingTasks.load();
    assertEquals(11, t.taskCount());
    assertEquals(4, t.roundCount(1));
    assertEquals(7, t.roundCount(2));
    assertEquals(4, t.weiCount("inverse"));
    assertEquals(6, t.weiCount("U-shaped"));
    assertEquals(1, t.weiCount("positive"));
    int byCause = 0;
    for (String cause : InverseScalingTasks.CAUSES) byCause += t.tasksWithCause(cause).size();
    assertEquals(11, byCause);
    assertTrue(t.tasksWithCause("strong prior").contains("Memo Trap"));
  }

  @Test
  void badRowsNameFileLineAndColumn(@TempDir Path dir) throws IOException {
    Path tasks = dir.resolve("tasks.csv");
    Files.writeString(tasks, "task,dataset_subset,round,cause,cause_verified,note\nMemo Trap,memo-trap,3,strong prior,yes,x\n");
    var e = assertThrows(BadInputException.class, () -> InverseScalingTasks.load(tasks, DataDir.file(InverseScalingTasks.COUNTS_FILE)));
    assertTrue(e.getMessage().contains("line 2, column 'round'"), e.getMessage());
    Files.writeString(tasks, "task,round\nMemo Trap,2\n");
    e = assertThrows(BadInputException.class, () -> InverseScalingTasks.load(tasks, DataDir.file(InverseScalingTasks.COUNTS_FILE)));
    assertTrue(e.getMessage().contains("missing column 'dataset_subset'"), e.getMessage());
    Path counts = dir.resolve("counts.csv");
    Files.writeString(counts, "outcome,tasks,source\nsideways,2,x\n");
    e = assertThrows(BadInputException.class, () -> InverseScalingTasks.load(DataDir.file(InverseScalingTasks.TASKS_FILE), counts));
    assertTrue(e.getMessage().contains("column 'outcome'"), e.getMessage());
  }
}

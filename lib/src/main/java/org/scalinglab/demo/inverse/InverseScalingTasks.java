package org.scalinglab.demo.inverse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.scalinglab.error.BadInputException;
import org.scalinglab.data.DataDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The published findings, as committed data with citations (see {@code data/SOURCES.md}):
 * <ul>
 *   <li>{@code inverse_scaling_prize_tasks.csv} — the 11 winning tasks of the Inverse Scaling Prize
 *       (McKenzie et al. 2023, "Inverse Scaling: When Bigger Isn't Better", TMLR; arXiv:2306.09479),
 *       with the prize round and the paper's cause category (strong prior, unwanted imitation,
 *       distractor task, spurious few-shot). Column {@code cause_verified} says whether the category of
 *       that row was checked against a source here; the rest are marked unverified.</li>
 *   <li>{@code inverse_scaling_u_shaped_counts.csv} — Wei, Kim, Tay &amp; Le 2023 ("Inverse scaling
 *       can become U-shaped", arXiv:2211.02011, abstract): scaled to PaLM 540B, 4 of the 11 tasks
 *       remain inverse, 6 become U-shaped, 1 scales positively.</li>
 * </ul>
 */
public final class InverseScalingTasks {
  public static final String TASKS_FILE = "inverse_scaling_prize_tasks.csv";
  public static final String COUNTS_FILE = "inverse_scaling_u_shaped_counts.csv";
  /** McKenzie et al. 2023's four causes of inverse scaling. */
  public static final Set<String> CAUSES = Set.of("strong prior", "unwanted imitation", "distractor task", "spurious few-shot");
  /** Wei et al. 2023's three outcomes. */
  public static final List<String> OUTCOMES = List.of("inverse", "U-shaped", "positive");

  private final Table tasks, counts;

  private InverseScalingTasks(Table tasks, Table counts) {
    this.tasks = tasks;
    this.counts = counts;
  }

  /** Loads both files from the project's {@code data/} folder ({@link DataDir}). */
  public static InverseScalingTasks load() {
    return load(DataDir.file(TASKS_FILE), DataDir.file(COUNTS_FILE));
  }

  /**
   * Loads and validates both files: required columns, a round of 1 or 2, a known cause, a
   * {@code cause_verified} of yes/no, a known outcome with a non-negative count; otherwise a
   * {@link BadInputException} naming the file, the row and the column.
   */
  public static InverseScalingTasks load(Path tasksCsv, Path countsCsv) {
    Table t = read(tasksCsv, List.of("task", "dataset_subset", "round", "cause", "cause_verified", "note"));
    for (int i = 0; i < t.rowCount(); i++) {
      String round = t.stringColumn("round").get(i);
      if (!round.equals("1") && !round.equals("2")) throw bad(tasksCsv, i, "round", "expected 1 or 2, got '" + round + "'");
      String cause = t.stringColumn("cause").get(i);
      if (!CAUSES.contains(cause)) throw bad(tasksCsv, i, "cause", "unknown cause '" + cause + "' (expected one of " + CAUSES + ")");
      String v = t.stringColumn("cause_verified").get(i);
      if (!v.equals("yes") && !v.equals("no")) throw bad(tasksCsv, i, "cause_verified", "expected yes or no, got '" + v + "'");
    }
    Table c = read(countsCsv, List.of("outcome", "tasks", "source"));
    for (int i = 0; i < c.rowCount(); i++) {
      String o = c.stringColumn("outcome").get(i);
      if (!OUTCOMES.contains(o)) throw bad(countsCsv, i, "outcome", "unknown outcome '" + o + "' (expected one of " + OUTCOMES + ")");
      String n = c.stringColumn("tasks").get(i);
      if (!n.matches("\\d+")) throw bad(countsCsv, i, "tasks", "expected a count ≥ 0, got '" + n + "'");
    }
    return new InverseScalingTasks(t, c);
  }

  private static Table read(Path csv, List<String> required) {
    Table t;
    try {
      // every column as text: the validation above gives the errors, not Tablesaw's type guesses
      t = Table.read().usingOptions(CsvReadOptions.builder(csv.toFile()).columnTypes(h -> ColumnType.STRING).build());
    } catch (RuntimeException e) {
      throw new BadInputException(csv + ": cannot read CSV (" + e.getMessage() + ")", e);
    }
    for (String col : required) {
      if (!t.columnNames().contains(col)) throw new BadInputException(csv + ": missing column '" + col + "' (has " + t.columnNames() + ")");
    }
    for (String col : required) {
      for (int i = 0; i < t.rowCount(); i++) {
        if (t.stringColumn(col).get(i).isBlank()) throw bad(csv, i, col, "empty cell");
      }
    }
    return t;
  }

  private static BadInputException bad(Path csv, int row, String column, String what) {
    // row numbers as in a spreadsheet: the header is line 1
    return new BadInputException(csv + ": line " + (row + 2) + ", column '" + column + "': " + what);
  }

  /** The winning tasks, one row each. */
  public Table tasks() {
    return tasks.copy().setName("Inverse Scaling Prize winning tasks (McKenzie et al. 2023)");
  }

  /** Wei et al. 2023's outcome counts. */
  public Table outcomes() {
    return counts.copy().setName("The prize tasks scaled to PaLM 540B (Wei et al. 2023)");
  }

  public int taskCount() {
    return tasks.rowCount();
  }

  /** Tasks won in prize round 1 or 2. */
  public int roundCount(int round) {
    int n = 0;
    for (String r : tasks.stringColumn("round")) if (r.equals(Integer.toString(round))) n++;
    return n;
  }

  /** Tasks of one cause category. */
  public List<String> tasksWithCause(String cause) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < tasks.rowCount(); i++) {
      if (tasks.stringColumn("cause").get(i).equals(cause)) out.add(tasks.stringColumn("task").get(i));
    }
    return out;
  }

  /** Rows whose cause category was checked against a source. */
  public int verifiedCauses() {
    int n = 0;
    for (String v : tasks.stringColumn("cause_verified")) if (v.equals("yes")) n++;
    return n;
  }

  /** Wei et al. 2023's count for an outcome ({@link #OUTCOMES}). */
  public int weiCount(String outcome) {
    for (int i = 0; i < counts.rowCount(); i++) {
      if (counts.stringColumn("outcome").get(i).equals(outcome)) return Integer.parseInt(counts.stringColumn("tasks").get(i));
    }
    throw new IllegalArgumentException("no outcome '" + outcome + "' (expected one of " + OUTCOMES + ")");
  }
}

package org.scalinglab.data;

import org.scalinglab.error.BadInputException;

import java.util.List;

/**
 * A column that cannot be found, or that two columns could be: the message states the facts
 * ("runs.csv: no loss column (looked for …)"), a neutral remedy ("name the one to use") and the
 * file's columns. A front end that has a way to name a column (the CLI's {@code --loss-col}, a
 * notebook's builder call) rephrases the remedy with {@link #withRemedy}.
 */
public class ColumnException extends BadInputException {
  private static final long serialVersionUID = 1L;

  /** What went wrong with the column. */
  public enum Kind {
    /** No column has any of the names the quantity goes by. */
    MISSING,
    /** Two columns could both be the quantity. */
    AMBIGUOUS,
    /** The caller named a column the file does not have. */
    NO_SUCH_COLUMN
  }

  private final Kind kind;
  private final String fact;
  private final List<String> columns;
  private final transient ColumnGuesser.Role role;

  /**
   * @param kind what went wrong
   * @param fact what is wrong, with the file ("runs.csv: no loss column (looked for …)")
   * @param remedy what to do, neutrally ("name it")
   * @param columns the file's columns
   * @param role the quantity concerned; null for "tokens or compute"
   */
  public ColumnException(Kind kind, String fact, String remedy, List<String> columns, ColumnGuesser.Role role) {
    super(compose(fact, remedy, columns));
    this.kind = kind;
    this.fact = fact;
    this.columns = List.copyOf(columns);
    this.role = role;
  }

  public Kind kind() {
    return kind;
  }

  /** The quantity whose column is missing or ambiguous; null when it is "tokens or compute". */
  public ColumnGuesser.Role role() {
    return role;
  }

  /** The same message with another remedy ("name it with --loss-col"). */
  public String withRemedy(String remedy) {
    return compose(fact, remedy, columns);
  }

  private static String compose(String fact, String remedy, List<String> columns) {
    String r = remedy.isEmpty() ? remedy : Character.toUpperCase(remedy.charAt(0)) + remedy.substring(1);
    return fact + (fact.endsWith("?") ? " " : ". ") + r + ". Columns: " + String.join(", ", columns);
  }
}

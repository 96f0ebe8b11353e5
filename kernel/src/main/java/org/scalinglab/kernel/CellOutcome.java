package org.scalinglab.kernel;

/**
 * What a cell produced: the value of its final expression (when it ends with one) and/or an error.
 *
 * @param hasValue true when the cell ended with an expression whose value should be displayed
 * @param value that value (may be null: an expression that evaluated to null)
 * @param error the first error (evaluation stopped there), or null
 */
public record CellOutcome(boolean hasValue, Object value, ErrorReport error) {
  public static CellOutcome nothing() {
    return new CellOutcome(false, null, null);
  }

  public static CellOutcome value(Object value) {
    return new CellOutcome(true, value, null);
  }

  public static CellOutcome failed(ErrorReport error) {
    return new CellOutcome(false, null, error);
  }
}

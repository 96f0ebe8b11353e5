package org.scalinglab.oracle;

import org.scalinglab.error.BadInputException;

/** A query that would spend more FLOPs than the oracle's budget has left (nothing is charged). */
public final class BudgetExceededException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public BudgetExceededException(String message) {
    super(message);
  }
}

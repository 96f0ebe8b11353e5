package org.scalinglab.fit;

import org.scalinglab.data.BadInputException;

/** A fit that could not produce a trustworthy answer (did not converge, too few points, …). */
public class FitFailedException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public FitFailedException(String message) {
    super(message);
  }
}

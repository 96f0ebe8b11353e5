package org.scalinglab.error;


/** A fit that could not produce a trustworthy answer (did not converge, too few points, …). */
public class FitFailedException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public FitFailedException(String message) {
    super(message);
  }
}

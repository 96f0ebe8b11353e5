package org.scalinglab.check;

/** Thrown by {@link Check} when a notebook's number is not what it should be. */
public final class CheckFailedException extends AssertionError {
  private static final long serialVersionUID = 1L;

  public CheckFailedException(String message) {
    super(message);
  }
}

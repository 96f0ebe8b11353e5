package org.scalinglab.check;

/** Test stand-in for the library's notebook assertion error (same name; the kernel matches by name). */
public final class CheckFailedException extends AssertionError {
  private static final long serialVersionUID = 1L;

  public CheckFailedException(String message) {
    super(message);
  }
}

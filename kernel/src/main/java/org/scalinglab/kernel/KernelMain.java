package org.scalinglab.kernel;

public final class KernelMain {
  public static void main(String[] args) {
    System.err.println("kernel not yet implemented");
    System.exit(1);
  }
}

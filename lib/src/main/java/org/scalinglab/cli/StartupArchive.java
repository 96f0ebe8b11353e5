package org.scalinglab.cli;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The training run of the CLI's class-data-sharing archive: the launcher starts it once per build
 * and JDK with {@code -Xshare:off -XX:DumpLoadedClassList=LIST}; it runs the commands people start
 * most ({@code fit} on the given runs, {@code optimal}, {@code law}, a help page) with their output
 * discarded, and the JVM writes the name of every class they loaded to LIST. The launcher then dumps
 * those classes into a static archive ({@code -Xshare:dump -XX:SharedClassListFile=LIST
 * -XX:SharedArchiveFile=build/cli-….jsa}), which later CLI starts map instead of reading, parsing and
 * verifying the classes ({@code -XX:SharedArchiveFile}). Static rather than dynamic (the kernel's
 * {@code -XX:ArchiveClassesAtExit}): on JDK 17 only a static dump archives picocli's Java 5 classes.
 *
 * <p>Usage: {@code java -Xshare:off -XX:DumpLoadedClassList=LIST -cp … org.scalinglab.cli.StartupArchive RUNS.csv}.
 */
public final class StartupArchive {
  private StartupArchive() {}

  public static void main(String[] args) {
    PrintStream out = System.out, err = System.err;
    PrintStream none = new PrintStream(OutputStream.nullOutputStream());
    System.setOut(none);
    System.setErr(none);
    int failures = 0;
    try {
      if (args.length > 0) {
        failures += Main.run("fit", "--data", args[0], "--exclude-highest-loss", "5") == 0 ? 0 : 1;
        failures += Main.run("fit", "--data", args[0], "--json") == 0 ? 0 : 1;
      }
      failures += Main.run("optimal", "--law", "chinchilla", "--compute", "5.76e23") == 0 ? 0 : 1;
      failures += Main.run("law", "--law", "kaplan", "--params", "1e9", "--tokens", "1e10", "--json") == 0 ? 0 : 1;
      failures += Main.run("fit", "--help") == 0 ? 0 : 1;
      failures += Main.run("--help") == 0 ? 0 : 1;
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    System.exit(failures == 0 ? 0 : 1);
  }
}

package org.scalinglab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scalinglab.grade.GradeReport;
import org.scalinglab.grade.ReportFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scalinglab grade-report}: the second half of {@code ./scalinglab grade} (the launcher runs
 * the grading driver, then this): turns the driver's raw results into the chosen format, writes
 * it to {@code --out}, and prints the plain-text report. A missing or unreadable raw file still
 * gives a results file, with score 0 and the reason.
 */
@Command(name = "grade-report", mixinStandardHelpOptions = true, hidden = true,
    description = "Write a grading driver's raw results as Gradescope results.json, JSON or text.")
public final class GradeReportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--raw", required = true, paramLabel = "FILE", description = "The driver's raw results.")
  Path raw;

  @Option(names = "--submission", required = true, paramLabel = "NB", description = "The notebook graded.")
  String submission;

  @Option(names = "--format", defaultValue = "gradescope", paramLabel = "F", description = "gradescope, json or text (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--out", paramLabel = "FILE", description = "Where the results go (default: the text report on stdout only).")
  Path out;

  @Option(names = "--quiet", description = "Do not print the text report.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    ReportFormat f = ReportFormat.parse(format);
    GradeReport r = GradeReport.readRaw(raw, submission);
    if (out != null) {
      if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, f.render(r), StandardCharsets.UTF_8);
    }
    if (!quiet || out == null) spec.commandLine().getOut().print(out == null ? f.render(r) : ReportFormat.TEXT.render(r));
    spec.commandLine().getOut().flush();
    return 0;
  }
}

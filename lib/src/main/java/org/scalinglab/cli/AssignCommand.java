package org.scalinglab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.scalinglab.error.BadInputException;
import org.scalinglab.grade.Assigner;
import org.scalinglab.grade.QuestionSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scalinglab assign MASTER.ipynb OUTDIR}: writes OUTDIR/student/NAME.ipynb and
 * OUTDIR/autograder/NAME.ipynb (see {@link Assigner}); {@code --all DIR --out ROOT} does it for
 * every master in DIR, into ROOT/NAME/{student,autograder}/NAME.ipynb.
 */
@Command(name = "assign", mixinStandardHelpOptions = true,
    description = "Make the student and autograder versions of a homework master notebook.",
    footer = {"", "Examples:",
        "  scalinglab assign notebooks/homework/hw1-compute-accounting.ipynb build/hw1",
        "  scalinglab assign --all     (every master in notebooks/homework/ into build/homework/NAME/)"})
public final class AssignCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "MASTER", description = "The master notebook.")
  Path master;

  @Parameters(index = "1", arity = "0..1", paramLabel = "OUTDIR", description = "Where student/ and autograder/ go.")
  Path outDir;

  @Option(names = "--all", paramLabel = "DIR", description = "Every *.ipynb master in DIR (the launcher passes notebooks/homework).")
  Path allDir;

  @Option(names = "--out", paramLabel = "ROOT", description = "With --all: the root folder (the launcher passes build/homework).")
  Path outRoot;

  @Override
  public Integer call() throws IOException {
    var out = spec.commandLine().getOut();
    if (allDir != null) {
      if (master != null) throw new BadInputException("assign: give either --all or MASTER OUTDIR, not both");
      if (outRoot == null) throw new BadInputException("assign --all: --out ROOT is missing");
      List<Path> masters = new ArrayList<>();
      try (Stream<Path> s = Files.list(allDir)) {
        s.filter(p -> p.toString().endsWith(".ipynb")).sorted().forEach(masters::add);
      } catch (IOException e) {
        throw new BadInputException("assign --all: cannot list " + allDir + ": " + e.getMessage());
      }
      if (masters.isEmpty()) throw new BadInputException("assign --all: no *.ipynb in " + allDir);
      for (Path m : masters) assignOne(m, outRoot.resolve(stem(m)), out);
      return 0;
    }
    if (master == null || outDir == null) throw new BadInputException("assign: give MASTER.ipynb OUTDIR (or --all)");
    assignOne(master, outDir, out);
    return 0;
  }

  private static void assignOne(Path m, Path dir, java.io.PrintWriter out) throws IOException {
    String text;
    try {
      text = Files.readString(m, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new BadInputException("assign: master notebook not found: " + m);
    } catch (IOException e) {
      throw new BadInputException("assign: cannot read " + m + ": " + e.getMessage());
    }
    Assigner.Versions v = Assigner.assign(text, m.toString());
    String name = m.getFileName().toString();
    Path student = dir.resolve("student").resolve(name);
    Path grader = dir.resolve("autograder").resolve(name);
    Files.createDirectories(student.getParent());
    Files.createDirectories(grader.getParent());
    Files.writeString(student, v.studentJson(), StandardCharsets.UTF_8);
    Files.writeString(grader, v.autograderJson(), StandardCharsets.UTF_8);
    double points = v.questions().stream().mapToDouble(QuestionSpec::points).sum();
    int hidden = v.questions().stream().mapToInt(QuestionSpec::hiddenTests).sum();
    out.printf("%s: %d questions, %s points, %d hidden test cells -> %s, %s%n", name, v.questions().size(),
        points == Math.rint(points) ? Long.toString((long) points) : Double.toString(points), hidden, student, grader);
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    return n.substring(0, n.length() - ".ipynb".length());
  }
}

package org.scalinglab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layering of the library (README, "How it fits together"): every package may use only
 * the packages listed for it, so dependencies point one way and there are no cycles. Checked twice:
 * on the compiled classes with ArchUnit (every reference the JVM sees), and on the source text for
 * imports and fully qualified names (which also catches compile-time constants, inlined by javac and
 * so invisible in the class files). A package not listed here fails the test: give it a place.
 */
class ArchitectureTest {
  private static final Set<String> LEAF = Set.of();

  /** Marks a layer that may use the notebook-facing leaves check and notebook. */
  private static final String NOTEBOOK = "+notebook";

  /** Top-level package under org.scalinglab → the top-level packages it may use (besides itself). */
  static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
      // leaves: units (PF-days, C = 6ND), error types, small utilities; notebook assertions and display
      // (check, notebook) are leaves too, but the core (law … sweep) knows no notebook and uses neither
      Map.entry("units", Set.of("util")), // argument checks (util.Checks)
      Map.entry("error", LEAF),
      Map.entry("util", LEAF),
      Map.entry("check", LEAF),
      Map.entry("notebook", LEAF),
      // the maths
      Map.entry("law", leavesAnd()),
      Map.entry("compute", leavesAnd("law")),
      // reading and validating input stands apart from the maths
      Map.entry("data", leavesAnd()),
      // analyses over data and laws
      Map.entry("fit", leavesAnd("law", "compute", "data")),
      // the trainer and its sweeps; hardware (matmul, roofline) sits beside compute and may use train's BLAS
      Map.entry("train", leavesAnd("law", "compute", "data", "fit")),
      Map.entry("hardware", leavesAnd("law", "compute", "data", "fit", "train")),
      Map.entry("sweep", leavesAnd("law", "compute", "data", "fit", "train")),
      // demonstrations and course material built on all of the above
      Map.entry("demo", leavesAnd(NOTEBOOK, "law", "compute", "data", "fit", "train", "hardware", "sweep")),
      Map.entry("homework", leavesAnd(NOTEBOOK, "law", "compute", "data", "fit", "train", "hardware", "sweep", "demo")),
      Map.entry("oracle", leavesAnd(NOTEBOOK, "law", "compute", "data", "fit", "train", "hardware", "sweep", "demo")),
      // figures of everything below
      Map.entry("plot", leavesAnd(NOTEBOOK, "law", "compute", "data", "fit", "train", "hardware", "sweep", "demo", "homework", "oracle")),
      // the top: grading and the command line (which may offer grading as a command)
      Map.entry("grade", leavesAnd(NOTEBOOK, "law", "compute", "data", "fit", "train", "hardware", "sweep", "demo", "homework", "oracle", "plot")),
      Map.entry("cli", leavesAnd(NOTEBOOK, "law", "compute", "data", "fit", "train", "hardware", "sweep", "demo", "homework", "oracle", "plot", "grade")));

  private static Set<String> leavesAnd(String... more) {
    Set<String> s = new TreeSet<>(List.of("units", "error", "util"));
    for (String m : more) {
      if (m.equals(NOTEBOOK)) s.addAll(List.of("check", "notebook"));
      else s.add(m);
    }
    return s;
  }

  private static final String ROOT = "org.scalinglab.";
  private static final Path MAIN = Path.of("src/main/java/org/scalinglab");

  /** "org.scalinglab.fit.Approach3Fit$Builder" → "fit"; null outside the library. */
  static String layerOf(String className) {
    if (!className.startsWith(ROOT)) return null;
    String rest = className.substring(ROOT.length());
    int dot = rest.indexOf('.');
    return dot < 0 ? "" : rest.substring(0, dot);
  }

  /** The violations among (from-package, to-package) pairs, as "from → to (where)" lines. */
  static List<String> violations(List<String[]> edges) {
    List<String> out = new ArrayList<>();
    for (String[] e : edges) {
      String from = e[0], to = e[1];
      if (to == null || to.equals(from)) continue;
      Set<String> allowed = MAY_USE.get(from);
      if (allowed == null) {
        out.add("package org.scalinglab." + from + " has no place in the layering (" + e[2] + "): add it to ArchitectureTest.MAY_USE and the README");
      } else if (!allowed.contains(to)) {
        out.add(from + " → " + to + " (" + e[2] + ")");
      }
    }
    return out;
  }

  @Test
  void compiledClassesDependOnlyDownwards() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.scalinglab");
    assertTrue(classes.size() > 100, "imported only " + classes.size() + " classes");
    List<String[]> edges = new ArrayList<>();
    for (JavaClass c : classes) {
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        edges.add(new String[] {layerOf(c.getName()), layerOf(d.getTargetClass().getName()), d.getDescription()});
      }
    }
    List<String> bad = new ArrayList<>(new TreeSet<>(violations(edges)));
    assertEquals(List.of(), bad, "upward or sideways package dependencies");
  }

  private static final Pattern REFERENCE = Pattern.compile("\\borg\\.scalinglab\\.([a-z0-9_]+)\\b");

  @Test
  void sourcesImportAndNameOnlyDownwards() throws IOException {
    List<String[]> edges = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        String from = MAIN.relativize(f).getName(0).toString();
        if (f.getParent().equals(MAIN)) from = "";
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          if (line.startsWith("package ")) continue;
          Matcher m = REFERENCE.matcher(line);
          while (m.find()) edges.add(new String[] {from, m.group(1), MAIN.getParent().getParent().relativize(f) + ":" + (i + 1)});
        }
      }
    }
    assertTrue(edges.size() > 100, "found only " + edges.size() + " references");
    assertEquals(List.of(), violations(edges), "upward or sideways package references in the sources");
  }

  @Test
  void theCheckCatchesTheCyclesThisLayeringRemoved() {
    // each of these once existed (structure review §1.3); the layering must reject every one
    List<String[]> old = List.of(
        new String[] {"law", "compute", "KaplanAllocation → compute.PfDays"},
        new String[] {"data", "fit", "WordFrequencies.zipfFit → fit.PowerLawFit"},
        new String[] {"data", "law", "ModelsTable.againstAllocation → law.ComputeAllocation"},
        new String[] {"data", "compute", "ModelsTable.Model.compute → compute.TrainingCompute"},
        new String[] {"sweep", "notebook", "ConsoleProgress → notebook.Display.inNotebook()"},
        new String[] {"plot", "notebook", "ok: a figure may be shown"},
        new String[] {"fit", "data", "ok: fit reads data"},
        new String[] {"error", "data", "an error type that needs the reader"},
        new String[] {"train", "sweep", "the trainer knowing its sweeps"},
        new String[] {"compute", "hardware", "compute above hardware"});
    assertEquals(8, violations(old).size(), String.join("\n", violations(old)));
  }
}

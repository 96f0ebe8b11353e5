package org.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathEntriesTest {
  @TempDir
  Path dir;

  @Test
  void expandsFolderWildcardsToTheirJarsInNameOrder() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Files.createFile(lib.resolve("b.jar"));
    Files.createFile(lib.resolve("a.jar"));
    Files.createFile(lib.resolve("notes.txt"));
    Path main = Files.createFile(dir.resolve("main.jar"));
    ClassPathEntries cp = ClassPathEntries.parse(main + File.pathSeparator + lib + "/*");
    assertEquals(List.of(main, lib.resolve("a.jar"), lib.resolve("b.jar")), cp.paths());
    assertEquals(main + File.pathSeparator + lib.resolve("a.jar") + File.pathSeparator + lib.resolve("b.jar"),
        cp.asPathString());
  }

  @Test
  void skipsMissingEntriesAndDuplicatesAndReadsBothVariables() throws Exception {
    Path a = Files.createFile(dir.resolve("a.jar"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Map<String, String> env = Map.of(
        "SCALINGLAB_CLASSPATH", a + File.pathSeparator + dir.resolve("missing.jar") + File.pathSeparator,
        "JJAVA_CLASSPATH", classes + File.pathSeparator + a);
    assertEquals(List.of(a, classes), ClassPathEntries.fromEnvironment(env).paths());
    assertTrue(ClassPathEntries.fromEnvironment(Map.of()).isEmpty());
    assertTrue(ClassPathEntries.parse(dir.resolve("nothing") + "/*").isEmpty());
  }
}

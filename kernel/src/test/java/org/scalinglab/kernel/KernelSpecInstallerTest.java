package org.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecInstallerTest {
  @TempDir
  Path dir;

  @Test
  void writesAValidKernelJson() throws Exception {
    Path target = dir.resolve("kernels").resolve("scalinglab-java");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = KernelSpecInstaller.run(new String[] {
        "--dir", target.toString(), "--java", "/opt/jdk \"17\"/bin/java",
        "--kernel-classpath", "/k/kernel.jar:/k/lib/*", "--library-classpath", "/l/lib.jar:/l/lib/*",
        "--jvm-opt", "-Djava.awt.headless=true", "--jvm-opt", "-Dpath=C:\\temp",
        "--env", "OMP_NUM_THREADS=2", "--env", "X=a=b"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    JsonObject json = JsonParser.parseString(Files.readString(target.resolve("kernel.json"))).getAsJsonObject();
    assertEquals("Java (scalinglab)", json.get("display_name").getAsString());
    assertEquals("java", json.get("language").getAsString());
    assertEquals("message", json.get("interrupt_mode").getAsString());
    List<String> argv = json.getAsJsonArray("argv").asList().stream().map(e -> e.getAsString()).toList();
    assertEquals(List.of("/opt/jdk \"17\"/bin/java", "-Djava.awt.headless=true", "-Dpath=C:\\temp", "-cp",
        "/k/kernel.jar:/k/lib/*", "org.scalinglab.kernel.KernelMain", "{connection_file}"), argv);
    JsonObject env = json.getAsJsonObject("env");
    assertEquals("/l/lib.jar:/l/lib/*", env.get("SCALINGLAB_CLASSPATH").getAsString());
    assertEquals("2", env.get("OMP_NUM_THREADS").getAsString());
    assertEquals("a=b", env.get("X").getAsString());
    assertTrue(out.toString(StandardCharsets.UTF_8).strip().endsWith("kernel.json"));
  }

  @Test
  void badUsageIsOneLineAndExitTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(2, KernelSpecInstaller.run(new String[] {"--dir", dir.toString()}, o, e));
    assertEquals("scalinglab: error: --java is required", err.toString(StandardCharsets.UTF_8).strip());
    err.reset();
    assertEquals(2, KernelSpecInstaller.run(new String[] {"--env", "NOEQUALS"}, o, e));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("KEY=VALUE"));
  }
}

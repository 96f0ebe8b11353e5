package org.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class InterruptInstrumenterTest {
  /** Counts calls to CellInterrupt.check per method. */
  private static java.util.Map<String, Integer> checks(byte[] bytes) {
    java.util.Map<String, Integer> m = new java.util.TreeMap<>();
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
        m.put(name, 0);
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitMethodInsn(int op, String owner, String mname, String mdesc, boolean itf) {
            if (owner.equals(InterruptInstrumenter.OWNER) && mname.equals("check")) {
              m.merge(name, 1, Integer::sum);
            }
          }
        };
      }
    }, 0);
    return m;
  }

  static final class Sample {
    static int straight(int x) {
      return x > 0 ? x + 1 : x - 1; // a forward jump only
    }

    static long loop(int n) {
      long s = 0;
      for (int i = 0; i < n; i++) {
        s += i;
      }
      return s;
    }

    static long nested(int n) {
      long s = 0;
      for (int i = 0; i < n; i++) {
        int j = 0;
        while (j < i) {
          s += j++;
        }
      }
      return s;
    }
  }

  private static byte[] bytesOf(Class<?> c) throws IOException {
    try (InputStream in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  @Test
  void checksAtEveryMethodEntryAndLoopBackEdgeOnly() throws IOException {
    java.util.Map<String, Integer> m = checks(InterruptInstrumenter.instrument(bytesOf(Sample.class)));
    assertEquals(1, m.get("straight")); // entry
    assertEquals(2, m.get("loop")); // entry + one back-edge
    assertEquals(3, m.get("nested")); // entry + two back-edges
    assertEquals(1, m.get("<init>"));
  }

  @Test
  void unreadableBytesAreReturnedUnchanged() {
    byte[] junk = {1, 2, 3};
    assertArrayEquals(junk, InterruptInstrumenter.instrument(junk));
  }

  @Test
  void instrumentedCodeStillRunsAndVerifies() throws Exception {
    byte[] bytes = InterruptInstrumenter.instrument(bytesOf(Sample.class));
    SnippetClassLoader loader = new SnippetClassLoader(java.util.List.of());
    loader.declare(Sample.class.getName(), bytesOf(Sample.class));
    Class<?> c = loader.loadClass(Sample.class.getName());
    assertTrue(c.getClassLoader() == loader);
    java.lang.reflect.Method loop = c.getDeclaredMethod("loop", int.class);
    java.lang.reflect.Method nested = c.getDeclaredMethod("nested", int.class);
    loop.setAccessible(true);
    nested.setAccessible(true);
    assertEquals(Sample.loop(100), loop.invoke(null, 100));
    assertEquals(Sample.nested(50), nested.invoke(null, 50));
    assertTrue(bytes.length > bytesOf(Sample.class).length);
  }
}

package org.scalinglab.kernel;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.scalinglab.kernel.snippet.CellInterrupt;

/**
 * Rewrites the bytecode of the classes JShell compiles from cells so that they can be interrupted:
 * a call to {@link CellInterrupt#check()} at every method entry and before every backward jump
 * (the back-edge of each loop, including a backward {@code switch}). Method entries catch recursion
 * without loops; back-edges catch every loop. Forward jumps, straight-line code and library code are
 * left alone (library loops check {@code Thread.isInterrupted()} themselves).
 *
 * <p>ASM, because the JDK's own class-file API is final only from JDK 24 and the kernel runs on 17.
 * The inserted call takes and leaves nothing on the operand stack and adds no branch target, so
 * max-stack, locals and stack-map frames stay valid as they are.
 */
final class InterruptInstrumenter {
  static final String OWNER = CellInterrupt.class.getName().replace('.', '/');

  private InterruptInstrumenter() {}

  /**
   * The instrumented class, or {@code bytes} unchanged when ASM cannot read it (e.g. a class file
   * newer than this ASM knows): the cell then runs, only without the checks.
   */
  static byte[] instrument(byte[] bytes) {
    try {
      ClassReader reader = new ClassReader(bytes);
      ClassWriter writer = new ClassWriter(reader, 0);
      reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
          return new CheckInserter(super.visitMethod(access, name, descriptor, signature, exceptions));
        }
      }, 0);
      return writer.toByteArray();
    } catch (RuntimeException e) {
      return bytes;
    }
  }

  private static final class CheckInserter extends MethodVisitor {
    private final Set<Label> seen = new HashSet<>();

    CheckInserter(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    private void check() {
      super.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "check", "()V", false);
    }

    @Override
    public void visitCode() {
      super.visitCode();
      check();
    }

    @Override
    public void visitLabel(Label label) {
      super.visitLabel(label);
      seen.add(label);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      if (seen.contains(label)) {
        check();
      }
      super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      if (anySeen(dflt, labels)) {
        check();
      }
      super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      if (anySeen(dflt, labels)) {
        check();
      }
      super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    private boolean anySeen(Label dflt, Label[] labels) {
      if (seen.contains(dflt)) {
        return true;
      }
      for (Label l : labels) {
        if (seen.contains(l)) {
          return true;
        }
      }
      return false;
    }
  }
}

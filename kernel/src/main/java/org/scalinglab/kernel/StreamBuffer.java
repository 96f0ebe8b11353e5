package org.scalinglab.kernel;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Collects the bytes a cell writes to System.out or System.err until the publisher takes them as
 * text: only whole UTF-8 characters are taken, noise lines are dropped, and an unfinished line that
 * could still become noise is held back. Writers block briefly when far ahead of the publisher.
 */
public final class StreamBuffer extends OutputStream {
  private static final int SOFT_LIMIT = 4 << 20;
  private final NoiseFilter filter;
  private byte[] buf = new byte[8192];
  private int len;
  private volatile boolean draining = true;

  public StreamBuffer(NoiseFilter filter) {
    this.filter = filter;
  }

  @Override
  public synchronized void write(int b) {
    ensure(1);
    buf[len++] = (byte) b;
  }

  @Override
  public synchronized void write(byte[] b, int off, int n) {
    if (n <= 0) {
      return;
    }
    long waitedUntil = System.nanoTime() + 2_000_000_000L;
    while (len > SOFT_LIMIT && draining && System.nanoTime() < waitedUntil) {
      try {
        wait(20); // the publisher is behind: slow the writer down instead of growing without bound
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  @Override
  public void flush() {
    // the publisher sends on its own schedule; nothing to do here
  }

  /** Stops write back-pressure (the publisher is gone). */
  void stopDraining() {
    draining = false;
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  /** True when nothing is buffered. */
  public synchronized boolean isEmpty() {
    return len == 0;
  }

  /**
   * Takes the buffered text. With {@code all} false, an unfinished last line stays when it might be
   * noise, and a partial UTF-8 character always stays; with {@code all} true everything is taken.
   */
  public synchronized String take(boolean all) {
    if (len == 0) {
      return "";
    }
    int cut = all ? len : completeUtf8Prefix(buf, len);
    if (!all) {
      int lastNl = lastNewline(buf, cut);
      String partial = new String(buf, lastNl + 1, cut - lastNl - 1, StandardCharsets.UTF_8);
      if (filter.mayBecomeNoise(partial)) {
        cut = lastNl + 1;
      }
    }
    if (cut == 0) {
      return "";
    }
    String text = new String(buf, 0, cut, StandardCharsets.UTF_8);
    System.arraycopy(buf, cut, buf, 0, len - cut);
    len -= cut;
    if (buf.length > (1 << 20) && len < 8192) {
      buf = Arrays.copyOf(buf, 8192);
    }
    notifyAll();
    return filter.filter(text);
  }

  private static int lastNewline(byte[] b, int end) {
    for (int i = end - 1; i >= 0; i--) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Length of the longest prefix of {@code b[0..len)} that does not end inside a UTF-8 character. */
  public static int completeUtf8Prefix(byte[] b, int len) {
    // look back over at most 3 continuation bytes for the lead byte of the last character
    int i = len - 1;
    int cont = 0;
    while (i >= 0 && cont < 3 && (b[i] & 0xC0) == 0x80) {
      i--;
      cont++;
    }
    if (i < 0) {
      return len;
    }
    int lead = b[i] & 0xFF;
    int need;
    if (lead < 0x80) {
      need = 0;
    } else if ((lead & 0xE0) == 0xC0) {
      need = 1;
    } else if ((lead & 0xF0) == 0xE0) {
      need = 2;
    } else if ((lead & 0xF8) == 0xF0) {
      need = 3;
    } else {
      return len; // not valid UTF-8 anyway: let the decoder replace it
    }
    return cont >= need ? len : i;
  }
}

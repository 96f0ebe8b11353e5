package org.scalinglab.hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The data-cache sizes of this machine's first CPU, from Linux's sysfs
 * ({@code /sys/devices/system/cpu/cpu0/cache/index*}) or, where a virtual machine hides that, from
 * {@code getconf}. A size that cannot be found is 0.
 *
 * @param l1Bytes level-1 data cache of one core
 * @param l2Bytes level-2 cache
 * @param l3Bytes level-3 cache (as reported; virtual machines may report the host's)
 */
public record CacheSizes(long l1Bytes, long l2Bytes, long l3Bytes) {

  /** Reads this machine's cache sizes (zeros where unknown). */
  public static CacheSizes ofThisMachine() {
    long[] sys = fromSysfs();
    if (sys[0] > 0 && sys[1] > 0) return new CacheSizes(sys[0], sys[1], sys[2]);
    return new CacheSizes(getconf("LEVEL1_DCACHE_SIZE"), getconf("LEVEL2_CACHE_SIZE"), getconf("LEVEL3_CACHE_SIZE"));
  }

  private static long[] fromSysfs() {
    long[] out = new long[3];
    for (int i = 0; i < 8; i++) {
      Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache/index" + i);
      try {
        if (!Files.isDirectory(dir)) continue;
        int level = Integer.parseInt(Files.readString(dir.resolve("level")).strip());
        String type = Files.readString(dir.resolve("type")).strip();
        long size = parseSize(Files.readString(dir.resolve("size")).strip());
        if (level >= 1 && level <= 3 && !type.equals("Instruction")) out[level - 1] = size;
      } catch (IOException | RuntimeException ex) {
        // unreadable entry: leave that level unknown
      }
    }
    return out;
  }

  static long parseSize(String s) {
    String t = s.toUpperCase(java.util.Locale.ROOT);
    long mult = t.endsWith("K") ? 1024 : t.endsWith("M") ? 1024 * 1024 : 1;
    return Long.parseLong(mult == 1 ? t : t.substring(0, t.length() - 1)) * mult;
  }

  private static long getconf(String name) {
    try {
      Process p = new ProcessBuilder("getconf", name).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroy();
        return 0;
      }
      return out.matches("\\d+") ? Long.parseLong(out) : 0;
    } catch (IOException ex) {
      return 0;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}

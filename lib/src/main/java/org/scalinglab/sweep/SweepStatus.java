package org.scalinglab.sweep;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a sweep stands, read from its ledger folder alone — so it works for shares running on many
 * machines that share the folder: how many runs are done, which are being trained (by which share,
 * on which host), which were abandoned by a process that died, and how many are left.
 *
 * @param dir the ledger folder
 * @param preset the preset named in the ledger's header
 * @param planned runs in the sweep (from the header)
 * @param done completed runs (records in {@code runs/})
 * @param running runs with a fresh heartbeat
 * @param stalled runs whose process is known to have stopped (it ran on this host and is gone) or
 *     whose heartbeat is older than {@link #STALE_AFTER_SECONDS}: it died or was cancelled; the next
 *     submission resumes them from their checkpoints
 * @param checkpoints runs with a checkpoint (partly trained)
 */
public record SweepStatus(Path dir, String preset, int planned, int done, List<Active> running, List<Active> stalled,
    int checkpoints) {

  /** A heartbeat older than this marks a run as stalled (the heartbeat is renewed every 10 s while training). */
  public static final long STALE_AFTER_SECONDS = 120;

  /**
   * A run that has a running marker.
   *
   * @param id run id
   * @param shard the share ("K/N") training it
   * @param host the host of the process
   * @param pid the process id
   * @param secondsSinceHeartbeat age of the last heartbeat
   */
  public record Active(String id, String shard, String host, long pid, long secondsSinceHeartbeat) {}

  /** Runs neither done nor being trained. */
  public int left() {
    return Math.max(0, planned - done - running.size());
  }

  public boolean complete() {
    return done >= planned;
  }

  /** Reads the status of the ledger in {@code dir}. */
  public static SweepStatus of(Path dir) {
    Ledger ledger = Ledger.read(dir);
    JsonObject header = readJson(dir.resolve("sweep.json"));
    String preset = header.has("preset") ? header.get("preset").getAsString() : "?";
    int planned = header.has("runs") ? header.get("runs").getAsInt() : -1;
    Set<String> done = ledger.completed().keySet();
    List<Active> running = new ArrayList<>();
    List<Active> stalled = new ArrayList<>();
    Instant now = Instant.now();
    for (Path marker : list(dir.resolve("running"), "*.json")) {
      JsonObject m;
      long age;
      try {
        m = readJson(marker);
        age = Duration.between(Files.getLastModifiedTime(marker).toInstant(), now).toSeconds();
      } catch (RuntimeException | IOException e) {
        continue; // removed while we looked: the run just finished
      }
      String id = m.has("id") ? m.get("id").getAsString() : marker.getFileName().toString().replace(".json", "");
      if (done.contains(id)) continue;
      Active a = new Active(id, str(m, "shard"), str(m, "host"), m.has("pid") ? m.get("pid").getAsLong() : -1, Math.max(0, age));
      (age > STALE_AFTER_SECONDS || diedHere(a) ? stalled : running).add(a);
    }
    running.sort(Comparator.comparing(Active::id));
    stalled.sort(Comparator.comparing(Active::id));
    Set<String> ckpt = new TreeSet<>();
    for (Path c : list(dir.resolve("checkpoints"), "*.ckpt")) ckpt.add(c.getFileName().toString().replace(".ckpt", ""));
    ckpt.removeAll(done);
    if (planned < 0) planned = done.size() + running.size() + stalled.size();
    return new SweepStatus(dir, preset, planned, done.size(), List.copyOf(running), List.copyOf(stalled), ckpt.size());
  }

  /** True when the marker's process ran on this host and is gone (killed, cancelled, crashed). */
  private static boolean diedHere(Active a) {
    String here;
    try {
      here = java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return false;
    }
    return a.host().equals(here) && a.pid() > 0 && ProcessHandle.of(a.pid()).map(ph -> !ph.isAlive()).orElse(true);
  }

  private static String str(JsonObject o, String k) {
    return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsString() : "?";
  }

  private static List<Path> list(Path folder, String glob) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(folder)) return out;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, glob)) {
      for (Path p : ds) out.add(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    return out;
  }

  private static JsonObject readJson(Path p) {
    try {
      return org.scalinglab.data.Json.parseObject(Files.readString(p, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }
}

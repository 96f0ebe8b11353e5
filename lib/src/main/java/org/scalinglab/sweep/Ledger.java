package org.scalinglab.sweep;

import org.scalinglab.util.AtomicFiles;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scalinglab.error.BadInputException;
import org.scalinglab.data.Json;
import org.scalinglab.data.Run;
import org.scalinglab.data.Runs;

/**
 * A sweep's run ledger: a folder with {@code sweep.json} (format version, preset, fingerprint) and
 * {@code runs/<id>.json}, one file per completed run, each written atomically (temporary file,
 * then rename), so a process killed at any moment never loses or tears a completed record, and
 * several processes (shards) can write into one ledger without a coordinator. Checkpoints of
 * unfinished runs live in {@code checkpoints/}. A run being trained has a marker in
 * {@code running/<id>.json} (which share, host and process), whose modification time is a
 * heartbeat; it is removed when the run's record is written. Markers left by a killed process go
 * stale, so {@link SweepStatus} tells running runs from abandoned ones from the ledger alone.
 */
public final class Ledger {
  /** Format version written into every file; a ledger of another version is refused. */
  public static final int FORMAT = 1;

  private final Path dir;

  private Ledger(Path dir) {
    this.dir = dir;
  }

  /**
   * Opens (or creates) the ledger in {@code dir} for a preset. Refuses, with a one-line
   * {@link BadInputException} and without touching anything, a ledger of another format version or
   * another preset.
   */
  public static Ledger open(Path dir, SweepPlan preset) {
    Path header = dir.resolve("sweep.json");
    if (Files.exists(header)) {
      JsonObject h = readJson(header);
      int format = h.has("format") ? h.get("format").getAsInt() : -1;
      if (format != FORMAT) {
        throw new BadInputException(header + ": ledger format " + format + " was written by an incompatible scalinglab version (this one reads format " + FORMAT + "); use another ledger folder");
      }
      String fp = h.has("fingerprint") ? h.get("fingerprint").getAsString() : "";
      if (!fp.equals(preset.fingerprint())) {
        String other = h.has("preset") ? h.get("preset").getAsString() : "?";
        throw new BadInputException(header + ": this ledger belongs to a different sweep (preset '" + other + "' with other settings); use another ledger folder");
      }
    } else {
      JsonObject h = new JsonObject();
      h.addProperty("format", FORMAT);
      h.addProperty("preset", preset.name());
      h.addProperty("fingerprint", preset.fingerprint());
      h.addProperty("runs", preset.plan().size());
      com.google.gson.JsonArray b = new com.google.gson.JsonArray();
      for (double c : preset.budgets()) b.add(c);
      h.add("budgets", b);
      writeAtomically(header, Json.toPrettyJson(h));
    }
    Ledger l = new Ledger(dir);
    l.records(); // validates every record's format now
    return l;
  }

  /** Reads an existing ledger (any preset) for analysis; missing folder or header is an error. */
  public static Ledger read(Path dir) {
    Path header = dir.resolve("sweep.json");
    if (!Files.isRegularFile(header)) throw new BadInputException(dir + ": not a sweep ledger (no sweep.json)");
    JsonObject h = readJson(header);
    int format = h.has("format") ? h.get("format").getAsInt() : -1;
    if (format != FORMAT) {
      throw new BadInputException(header + ": ledger format " + format + " was written by an incompatible scalinglab version (this one reads format " + FORMAT + ")");
    }
    return new Ledger(dir);
  }

  public Path dir() {
    return dir;
  }

  public Path checkpointFor(String id) {
    return dir.resolve("checkpoints").resolve(id + ".ckpt");
  }

  /** Every completed run, by sweep order. */
  public List<LedgerRecord> records() {
    Path runs = dir.resolve("runs");
    List<LedgerRecord> out = new ArrayList<>();
    if (!Files.isDirectory(runs)) return out;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(runs, "*.json")) {
      for (Path p : ds) {
        LedgerRecord r;
        try {
          r = Json.fromJson(Files.readString(p, StandardCharsets.UTF_8), LedgerRecord.class);
        } catch (JsonParseException e) {
          throw new BadInputException(p + ": not a ledger record (" + e.getMessage() + ")");
        }
        if (r == null || r.format() != FORMAT) {
          throw new BadInputException(p + ": ledger record format " + (r == null ? "?" : r.format()) + " was written by an incompatible scalinglab version (this one reads format " + FORMAT + ")");
        }
        out.add(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(Comparator.comparingInt(LedgerRecord::index));
    return out;
  }

  /** Completed runs by id. */
  public Map<String, LedgerRecord> completed() {
    Map<String, LedgerRecord> m = new LinkedHashMap<>();
    for (LedgerRecord r : records()) m.put(r.id(), r);
    return m;
  }

  /** Writes one completed run (atomically). */
  public void record(LedgerRecord r) {
    writeAtomically(dir.resolve("runs").resolve(r.id() + ".json"), Json.toPrettyJson(r));
  }

  /** Marks a run as being trained by this process for {@code shard} (see {@link SweepStatus}). */
  public void markRunning(String id, Shard shard) {
    JsonObject m = new JsonObject();
    m.addProperty("id", id);
    m.addProperty("shard", shard.toString());
    m.addProperty("host", hostName());
    m.addProperty("pid", ProcessHandle.current().pid());
    m.addProperty("started", java.time.Instant.now().toString());
    writeAtomically(runningMarker(id), Json.toPrettyJson(m));
  }

  /** Renews a running run's heartbeat (the marker's modification time). */
  public void heartbeat(String id) {
    try {
      Files.setLastModifiedTime(runningMarker(id), java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
    } catch (IOException e) {
      // The marker is advisory: a missing one only makes --status report the run as not running.
    }
  }

  /** Removes a run's running marker (after its record is written, or when the run stops). */
  public void clearRunning(String id) {
    try {
      Files.deleteIfExists(runningMarker(id));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + runningMarker(id), e);
    }
  }

  Path runningMarker(String id) {
    return dir.resolve("running").resolve(id + ".json");
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The sweep's runs for the fitters (held-out run excluded). */
  public Runs runs() {
    List<Run> list = records().stream().filter(r -> !r.holdout()).map(LedgerRecord::toRun).toList();
    return Runs.of(list, dir.toString());
  }

  /** The held-out run, when it has completed. */
  public Optional<LedgerRecord> holdout() {
    return records().stream().filter(LedgerRecord::holdout).findFirst();
  }

  static void writeAtomically(Path file, String text) {
    try {
      AtomicFiles.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }


  private static JsonObject readJson(Path p) {
    try {
      return Json.parseObject(Files.readString(p, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new BadInputException(p + ": not a ledger header (" + e.getMessage() + ")");
    }
  }
}

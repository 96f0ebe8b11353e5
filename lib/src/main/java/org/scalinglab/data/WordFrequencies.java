package org.scalinglab.data;

import org.scalinglab.error.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A rank–frequency table of the words of a text: the data behind Zipf's law, which says the r-th
 * most frequent word occurs about C·r^(−s) times with s close to 1 (Zipf 1935/1949; a power law in
 * the rank, lecture 3). Words are lower-cased runs of letters, keeping an inner apostrophe
 * ("lord's"); ties are ranked alphabetically.
 *
 * <p>{@link #kingJamesBible()} loads the committed table {@code data/kjv_word_frequencies.csv}
 * (columns rank, word, count: every distinct word of the King James Bible; see data/SOURCES.md).
 */
public final class WordFrequencies {
  /** The committed King James Bible table. */
  public static final String KJV_FILE = "kjv_word_frequencies.csv";

  private static final Pattern WORD = Pattern.compile("[a-z]+(?:'[a-z]+)?");

  /** One row: the word at a rank and how often it occurs. */
  public record Entry(int rank, String word, long count) {}

  private final List<Entry> entries;
  private final long total;

  private WordFrequencies(List<Entry> entries) {
    this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
    long t = 0;
    for (Entry e : entries) t += e.count();
    this.total = t;
  }

  /** Counts the words of a text (lower-cased letter runs with an optional inner apostrophe). */
  public static WordFrequencies count(String text) {
    if (text == null) throw new IllegalArgumentException("text must not be null");
    Map<String, Long> counts = new HashMap<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) counts.merge(m.group(), 1L, Long::sum);
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort((p, q) -> p.getValue().equals(q.getValue())
        ? p.getKey().compareTo(q.getKey()) : Long.compare(q.getValue(), p.getValue()));
    List<Entry> out = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) out.add(new Entry(i + 1, sorted.get(i).getKey(), sorted.get(i).getValue()));
    return new WordFrequencies(out);
  }

  /** The King James Bible's word frequencies from {@code data/kjv_word_frequencies.csv}. */
  public static WordFrequencies kingJamesBible() {
    return load(DataDir.file(KJV_FILE));
  }

  /**
   * Loads a rank,word,count CSV (header required). Ranks must run 1, 2, 3, … and counts must be
   * positive and non-increasing; otherwise a BadInputException names the file, row and column.
   */
  public static WordFrequencies load(Path csv) {
    RecordTable cells = RecordTable.read(csv).require(List.of("rank", "word", "count"));
    List<Entry> out = new ArrayList<>(cells.rows());
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < cells.rows(); i++) {
      long rank = cells.integer(i, "rank");
      String word = cells.text(i, "word");
      long count = cells.integer(i, "count");
      if (rank != i + 1) throw cells.error(i, "rank", "expected " + (i + 1) + ", got " + rank);
      if (count <= 0) throw cells.error(i, "count", "must be positive, got " + count);
      if (count > previous) throw cells.error(i, "count", "counts must not increase with rank (" + count + " after " + previous + ")");
      previous = count;
      out.add(new Entry((int) rank, word, count));
    }
    return new WordFrequencies(out);
  }

  /** Writes the table as rank,word,count CSV. */
  public Path writeCsv(Path csv) {
    StringBuilder sb = new StringBuilder("rank,word,count\n");
    for (Entry e : entries) sb.append(e.rank()).append(',').append(e.word()).append(',').append(e.count()).append('\n');
    try {
      Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return csv;
  }

  /** Number of distinct words. */
  public int size() {
    return entries.size();
  }

  /** Number of word tokens counted. */
  public long totalWords() {
    return total;
  }

  /** The rows, most frequent first. */
  public List<Entry> entries() {
    return entries;
  }

  /** The word at a rank (1-based). */
  public Entry atRank(int rank) {
    if (rank < 1 || rank > entries.size()) {
      throw new IllegalArgumentException("rank must be in [1, " + entries.size() + "], got " + rank);
    }
    return entries.get(rank - 1);
  }

  /** Ranks 1..size as doubles (for log–log plots and fits). */
  public double[] ranks() {
    double[] r = new double[entries.size()];
    for (int i = 0; i < r.length; i++) r[i] = i + 1;
    return r;
  }

  /** Relative frequencies count/total, by rank. */
  public double[] frequencies() {
    double[] f = new double[entries.size()];
    for (int i = 0; i < f.length; i++) f[i] = (double) entries.get(i).count() / total;
    return f;
  }

  /** Share of all word tokens taken by the top n words. */
  public double coverage(int topN) {
    long s = 0;
    for (int i = 0; i < Math.min(topN, entries.size()); i++) s += entries.get(i).count();
    return (double) s / total;
  }

  /** Number of words seen exactly once (hapax legomena). */
  public int hapaxCount() {
    int h = 0;
    for (Entry e : entries) if (e.count() == 1) h++;
    return h;
  }

  /** The top n rows as a Tablesaw table (rank, word, count). */
  public Table top(int n) {
    int k = Math.min(n, entries.size());
    IntColumn rank = IntColumn.create("rank");
    StringColumn word = StringColumn.create("word");
    LongColumn count = LongColumn.create("count");
    for (int i = 0; i < k; i++) {
      rank.append(entries.get(i).rank());
      word.append(entries.get(i).word());
      count.append(entries.get(i).count());
    }
    return Table.create("top " + k + " words", rank, word, count);
  }
}

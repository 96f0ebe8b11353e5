package org.scalinglab.data;

import org.scalinglab.error.BadInputException;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a CSV of training runs (any column names) into {@link Runs}, checking every cell. The
 * columns for parameters N, tokens D, compute C and the loss are named by the caller or guessed
 * from common names ({@code N}, {@code params}, {@code Model Size}; {@code D}, {@code tokens};
 * {@code C}, {@code FLOPs}, {@code Training FLOP}; {@code loss}), ignoring case, spaces and
 * punctuation. D and C may be given alone: the missing one follows from C = 6ND (Kaplan et al. 2020,
 * Section 2.1).
 *
 * <p>Every problem is a {@link BadInputException} whose one-line message names the file, the row
 * (as a spreadsheet counts: header = row 1) and the column: an empty or binary file, another
 * delimiter than commas, a duplicated column name, a missing or misspelled column (with the close
 * names suggested), a short row, an empty, non-numeric, NaN/infinite, zero or negative cell.
 *
 * <pre>{@code
 * Runs runs = RunsCsv.read(Path.of("data/chinchilla_epoch_digitized.csv"));
 * RunsCsv.Loaded l = RunsCsv.builder().lossColumn("val_loss").build().load(path);
 * }</pre>
 *
 * <p>Parsing (quotes, line ends) is univocity-parsers' {@link CsvParser}, the parser Tablesaw reads
 * CSVs with; this class adds the checks.
 */
public final class RunsCsv {
  /** Normalised names tried, in order, when a column is not named (see {@link #normalise}). */
  static final List<String> PARAMS_NAMES = List.of("n", "params", "parameters", "modelsize", "nparams",
      "numparams", "nparameters", "paramcount", "nonembeddingparams", "size");
  static final List<String> TOKENS_NAMES = List.of("d", "tokens", "trainingtokens", "ntokens", "numtokens",
      "datasize", "datasetsize", "data");
  static final List<String> COMPUTE_NAMES = List.of("c", "flops", "flop", "trainingflop", "trainingflops",
      "compute", "trainingcompute", "computeflops");
  static final List<String> LOSS_NAMES = List.of("loss", "finalloss", "l", "valloss", "validationloss",
      "evalloss", "testloss", "trainloss");

  private final String paramsColumn;
  private final String tokensColumn;
  private final String computeColumn;
  private final String lossColumn;

  private RunsCsv(Builder b) {
    this.paramsColumn = b.paramsColumn;
    this.tokensColumn = b.tokensColumn;
    this.computeColumn = b.computeColumn;
    this.lossColumn = b.lossColumn;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads the file guessing every column. */
  public static Runs read(Path csv) {
    return builder().build().load(csv).runs();
  }

  /**
   * The runs read and the columns they came from ({@code tokensColumn} or {@code computeColumn}
   * is null when that quantity was derived from C = 6ND).
   */
  public record Loaded(Runs runs, String paramsColumn, String tokensColumn, String computeColumn, String lossColumn) {
    /** E.g. "N ← 'Model Size', C ← 'Training FLOP' (D = C/6N), loss ← 'loss'". */
    public String describe() {
      StringBuilder sb = new StringBuilder("N ← '").append(paramsColumn).append('\'');
      if (tokensColumn != null) sb.append(", D ← '").append(tokensColumn).append('\'');
      if (computeColumn != null) sb.append(", C ← '").append(computeColumn).append('\'');
      if (tokensColumn == null) sb.append(" (D = C/6N)");
      if (computeColumn == null) sb.append(" (C = 6ND)");
      return sb.append(", loss ← '").append(lossColumn).append('\'').toString();
    }
  }

  /** Reads and checks the file. */
  public Loaded load(Path csv) {
    String file = csv.getFileName() == null ? csv.toString() : csv.getFileName().toString();
    String text = readText(csv, file);
    List<String[]> rows = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    parse(text, file, rows, lines);
    if (rows.isEmpty()) throw new BadInputException(file + ": empty file (expected a header row such as N,D,loss)");
    String[] header = cleanHeader(rows.get(0), file);
    checkDelimiter(header, file);
    Map<String, Integer> index = checkDuplicates(header, file);
    int p = resolve(file, header, index, paramsColumn, "--params-col", "parameters (N)", PARAMS_NAMES, true);
    int t = resolve(file, header, index, tokensColumn, "--tokens-col", "tokens (D)", TOKENS_NAMES, false);
    int c = resolve(file, header, index, computeColumn, "--compute-col", "compute (C)", COMPUTE_NAMES, false);
    int l = resolve(file, header, index, lossColumn, "--loss-col", "loss", LOSS_NAMES, true);
    if (t < 0 && c < 0) {
      String close = suggestion(header, List.of(header[p], header[l]), TOKENS_NAMES, COMPUTE_NAMES);
      throw BadInputException.at(file, 1, null, "no tokens or compute column (looked for " + names(TOKENS_NAMES)
          + " and " + names(COMPUTE_NAMES) + ")" + close + "; name one with --tokens-col or --compute-col. Columns: "
          + String.join(", ", header));
    }
    if (rows.size() == 1) throw BadInputException.at(file, 0, null, "no data rows after the header");
    List<Run> runs = new ArrayList<>(rows.size() - 1);
    for (int r = 1; r < rows.size(); r++) {
      String[] cells = rows.get(r);
      int row = (int) (long) lines.get(r);
      if (cells.length != header.length) {
        throw BadInputException.at(file, row, null, cells.length + " cells but the header has " + header.length
            + " columns" + (cells.length == 1 && header.length > 1 ? " (is this row comma-separated?)" : ""));
      }
      double n = positive(file, row, header[p], cells[p]);
      double loss = positive(file, row, header[l], cells[l]);
      Run run;
      if (t >= 0 && c >= 0) {
        run = new Run(n, positive(file, row, header[t], cells[t]), positive(file, row, header[c], cells[c]), loss);
      } else if (t >= 0) {
        run = Run.of(n, positive(file, row, header[t], cells[t]), loss);
      } else {
        run = Run.fromCompute(n, positive(file, row, header[c], cells[c]), loss);
      }
      runs.add(run);
    }
    return new Loaded(Runs.of(runs, file), header[p], t >= 0 ? header[t] : null, c >= 0 ? header[c] : null, header[l]);
  }

  private static String readText(Path csv, String file) {
    if (!Files.exists(csv)) throw new BadInputException(file + ": no such file (" + csv.toAbsolutePath() + ")");
    if (!Files.isRegularFile(csv)) throw new BadInputException(file + ": not a regular file");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(csv);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
    }
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if (b == 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f')) {
        throw new BadInputException(String.format(Locale.ROOT,
            "%s: not a CSV text file (binary byte 0x%02x at offset %d)", file, b, i));
      }
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.isBlank()) throw new BadInputException(file + ": empty file (expected a header row such as N,D,loss)");
    String head = text.stripLeading();
    if (head.startsWith("{") || head.startsWith("[") || head.startsWith("<")) {
      throw new BadInputException(file + ": not a CSV file (it starts with '" + head.charAt(0)
          + "', like JSON or HTML/XML; expected a header row such as N,D,loss)");
    }
    return text;
  }

  private static void parse(String text, String file, List<String[]> rows, List<Long> lines) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(',');
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setSkipEmptyLines(true);
    settings.setMaxColumns(10_000);
    settings.setMaxCharsPerColumn(1_000_000);
    settings.setNullValue("");
    settings.setEmptyValue("");
    CsvParser parser = new CsvParser(settings);
    try {
      parser.beginParsing(new StringReader(text));
      String[] row;
      while ((row = parser.parseNext()) != null) {
        rows.add(row);
        lines.add(parser.getContext().currentLine());
      }
    } catch (TextParsingException e) {
      throw BadInputException.at(file, (int) e.getLineIndex() + 1, null,
          "not a readable CSV: " + firstLine(e.getMessage()));
    } finally {
      parser.stopParsing();
    }
  }

  private static String[] cleanHeader(String[] raw, String file) {
    String[] h = new String[raw.length];
    for (int i = 0; i < raw.length; i++) {
      String s = raw[i] == null ? "" : raw[i];
      if (i == 0 && s.startsWith("\uFEFF")) s = s.substring(1); // byte-order mark
      h[i] = s.strip();
      if (h[i].isEmpty() && raw.length > 1) {
        throw BadInputException.at(file, 1, "#" + (i + 1), "empty column name in the header");
      }
    }
    return h;
  }

  private static void checkDelimiter(String[] header, String file) {
    if (header.length != 1) return;
    for (char d : new char[] {';', '\t', '|'}) {
      if (header[0].indexOf(d) >= 0) {
        String shown = d == '\t' ? "a tab" : "'" + d + "'";
        throw BadInputException.at(file, 1, null, "not comma-separated: the header is a single column '"
            + header[0].replace("\t", "\\t") + "' that contains " + shown + "; save the file with commas between columns");
      }
    }
  }

  private static Map<String, Integer> checkDuplicates(String[] header, String file) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      Integer before = index.putIfAbsent(header[i].toLowerCase(Locale.ROOT), i);
      if (before != null) {
        throw BadInputException.at(file, 1, header[i], "duplicated column name (columns " + (before + 1) + " and "
            + (i + 1) + "); rename one of them");
      }
    }
    return index;
  }

  /** The index of a named or guessed column; −1 when optional and absent. */
  private static int resolve(String file, String[] header, Map<String, Integer> index, String given, String option,
      String role, List<String> candidates, boolean required) {
    if (given != null) {
      Integer i = index.get(given.strip().toLowerCase(Locale.ROOT));
      if (i != null) return i;
      List<String> close = closeNames(given, List.of(header));
      throw BadInputException.at(file, 1, given, "no such column (" + option + ")"
          + (close.isEmpty() ? "" : "; did you mean " + quoted(close) + "?") + " Columns: " + String.join(", ", header));
    }
    for (String cand : candidates) {
      for (int i = 0; i < header.length; i++) {
        if (normalise(header[i]).equals(cand)) return i;
      }
    }
    if (!required) return -1;
    throw BadInputException.at(file, 1, null, "no " + role + " column (looked for " + names(candidates) + ")"
        + suggestion(header, List.of(), candidates) + "; name it with " + option + ". Columns: " + String.join(", ", header));
  }

  /** "; did you mean 'lsos'?" for header names within a small edit distance of a candidate. */
  @SafeVarargs
  private static String suggestion(String[] header, List<String> taken, List<String>... candidateLists) {
    List<String> close = new ArrayList<>();
    for (String h : header) {
      if (taken.contains(h)) continue;
      String nh = normalise(h);
      for (List<String> cands : candidateLists) {
        for (String c : cands) {
          if (c.length() >= 3 && nh.length() >= 2 && editDistance(nh, c) <= maxTypos(c) && !close.contains(h)) close.add(h);
        }
      }
    }
    return close.isEmpty() ? "" : "; did you mean " + quoted(close) + "?";
  }

  /** Header names close to the given name: same after normalising, or within a few typos. */
  static List<String> closeNames(String given, List<String> header) {
    String g = normalise(given);
    List<String> out = new ArrayList<>();
    for (String h : header) {
      String nh = normalise(h);
      if (nh.equals(g) || editDistance(nh, g) <= maxTypos(g) || (g.length() >= 3 && nh.contains(g))) out.add(h);
    }
    return out;
  }

  private static int maxTypos(String s) {
    return s.length() <= 4 ? 1 : s.length() <= 8 ? 2 : 3;
  }

  /** Lower case without spaces, underscores or punctuation: "Model Size" → "modelsize". */
  static String normalise(String s) {
    StringBuilder sb = new StringBuilder();
    for (char ch : s.toLowerCase(Locale.ROOT).toCharArray()) if (Character.isLetterOrDigit(ch)) sb.append(ch);
    return sb.toString();
  }

  /**
   * Edit distance counting insertions, deletions, substitutions and swaps of two neighbouring
   * characters ("lsos" → "loss" is one typo): the optimal-string-alignment variant of the
   * Damerau–Levenshtein distance, by dynamic programming. Written here because commons-text is not
   * a dependency and commons-lang3's Levenshtein is deprecated (and counts a swap as two).
   */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static double positive(String file, int row, String column, String cell) {
    String s = cell == null ? "" : cell.strip();
    if (s.isEmpty()) throw BadInputException.at(file, row, column, "empty cell");
    double x;
    try {
      x = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw BadInputException.at(file, row, column, "'" + s + "' is not a number");
    }
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      throw BadInputException.at(file, row, column, "'" + s + "' is not a finite number");
    }
    if (!(x > 0)) throw BadInputException.at(file, row, column, "must be positive, got " + s);
    return x;
  }

  private static String names(List<String> candidates) {
    return String.join(", ", candidates.subList(0, Math.min(5, candidates.size()))) + ", …";
  }

  private static String quoted(List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) sb.append(i == names.size() - 1 ? " or " : ", ");
      sb.append('\'').append(names.get(i)).append('\'');
    }
    return sb.toString();
  }

  private static String firstLine(String s) {
    if (s == null) return "parse error";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  /** Column names; each one left unset is guessed. */
  public static final class Builder {
    private String paramsColumn;
    private String tokensColumn;
    private String computeColumn;
    private String lossColumn;

    private Builder() {}

    public Builder paramsColumn(String name) {
      this.paramsColumn = name;
      return this;
    }

    public Builder tokensColumn(String name) {
      this.tokensColumn = name;
      return this;
    }

    public Builder computeColumn(String name) {
      this.computeColumn = name;
      return this;
    }

    public Builder lossColumn(String name) {
      this.lossColumn = name;
      return this;
    }

    public RunsCsv build() {
      return new RunsCsv(this);
    }
  }
}

package org.scalinglab.data;

import org.scalinglab.error.BadInputException;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A file of records as text cells under named columns, with where each record came from, so that
 * every bad cell is reported as "file, row R, column 'C': what" (CSV: rows counted as a spreadsheet
 * counts them, header = row 1) or "file, record R, field 'F': what" (JSON array; JSON Lines: "line
 * R"). The one reader of tabular files in the project: {@link #read} takes
 *
 * <ul>
 *   <li>delimited text: comma-, tab-, semicolon- or pipe-separated, the delimiter detected from the
 *       header line (the character of those four that occurs most often outside quotes), parsed by
 *       univocity-parsers' {@link CsvParser} (quotes, line ends, byte-order mark);</li>
 *   <li>a JSON array of objects {@code [{"N": 1e8, "loss": 3.1}, …]} (or an object holding one such
 *       array, e.g. {@code {"runs": [...]}}), and JSON Lines (one object per line), parsed by Gson
 *       ({@link Json}).</li>
 * </ul>
 */
final class RecordTable {
  private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+([eE][+-]?\\d+)?");

  private final String file;
  private final String format;
  private final List<String> header;
  private final List<String[]> rows;
  private final List<String> where;
  private final String columnWord;
  private final boolean decimalComma;

  private RecordTable(String file, String format, List<String> header, List<String[]> rows, List<String> where,
      String columnWord, boolean decimalComma) {
    this.file = file;
    this.format = format;
    this.header = List.copyOf(header);
    this.rows = rows;
    this.where = where;
    this.columnWord = columnWord;
    this.decimalComma = decimalComma;
  }

  /** Reads delimited text, a JSON array of objects or JSON Lines, whichever the file holds. */
  static RecordTable read(Path path) {
    String file = fileName(path);
    String text = readText(path, file);
    String head = text.stripLeading();
    if (head.startsWith("[") || head.startsWith("{")) return json(text, file);
    if (head.startsWith("<")) {
      throw new BadInputException(file + ": not a table of runs (it starts with '<', like HTML or XML; expected CSV, TSV, a JSON array or JSON Lines)");
    }
    return delimited(text, file);
  }

  static String fileName(Path path) {
    return path.getFileName() == null ? path.toString() : path.getFileName().toString();
  }

  /** What was read: "CSV (delimiter ',')", "JSON array of 12 records", … */
  String format() {
    return format;
  }

  String file() {
    return file;
  }

  List<String> header() {
    return header;
  }

  int rows() {
    return rows.size();
  }

  /** "row 5", "record 3" or "line 4": where record {@code r} (0-based) is in the file. */
  String where(int r) {
    return where.get(r);
  }

  /** The text of a cell, null when the record has no such field; column by index into the header. */
  String raw(int r, int c) {
    String[] cells = rows.get(r);
    return c < cells.length ? cells[c] : null;
  }

  /** A located error: "file, row R, column 'C': what" (column may be null). */
  BadInputException error(int r, String column, String what) {
    StringBuilder sb = new StringBuilder(file).append(", ").append(where(r));
    if (column != null) sb.append(", ").append(columnWord).append(" '").append(column).append('\'');
    return new BadInputException(sb.append(": ").append(what).toString());
  }

  /** A file-level error about a column: "file, column 'C': what" (CSV: "file, row 1, column 'C': what"). */
  BadInputException headerError(String column, String what) {
    StringBuilder sb = new StringBuilder(file);
    if (columnWord.equals("column")) sb.append(", row 1");
    if (column != null) sb.append(", ").append(columnWord).append(" '").append(column).append('\'');
    return new BadInputException(sb.append(": ").append(what).toString());
  }

  /** "column" for delimited text, "field" for JSON. */
  String columnWord() {
    return columnWord;
  }

  /** Index of a column by exact name (ignoring case); −1 when absent. */
  int indexOf(String name) {
    for (int i = 0; i < header.size(); i++) if (header.get(i).equalsIgnoreCase(name.strip())) return i;
    return -1;
  }

  /** Requires these columns (exact names, ignoring case) and at least one record. */
  RecordTable require(List<String> columns) {
    for (String c : columns) {
      if (indexOf(c) < 0) {
        List<String> close = ColumnGuesser.of(header).closeTo(c);
        throw headerError(c, "missing " + columnWord + (close.isEmpty() ? "" : "; did you mean " + ColumnGuesser.quoted(close) + "?")
            + " (have " + String.join(", ", header) + ")");
      }
    }
    if (rows.isEmpty()) throw new BadInputException(file + ": no data rows");
    return this;
  }

  /** The trimmed text of a cell; an error when it is missing or empty. */
  String text(int r, String column) {
    int c = indexOf(column);
    String s = c < 0 ? null : raw(r, c);
    if (s == null) throw error(r, column, "missing");
    if (s.isBlank()) throw error(r, column, "empty cell");
    return s.strip();
  }

  /** A positive finite number (decimal commas accepted in semicolon-separated files). */
  double positive(int r, String column) {
    int c = indexOf(column);
    return positive(r, c, column);
  }

  double positive(int r, int c, String column) {
    String s = c < 0 ? null : raw(r, c);
    if (s == null) throw error(r, column, "missing (this record has no '" + column + "')");
    s = s.strip();
    if (s.isEmpty()) throw error(r, column, "empty cell");
    double x;
    try {
      x = Double.parseDouble(decimalComma && DECIMAL_COMMA.matcher(s).matches() ? s.replace(',', '.') : s);
    } catch (NumberFormatException e) {
      throw error(r, column, "'" + s + "' is not a number");
    }
    if (Double.isNaN(x) || Double.isInfinite(x)) throw error(r, column, "'" + s + "' is not a finite number");
    if (!(x > 0)) throw error(r, column, "must be positive, got " + s);
    return x;
  }

  /** An integer. */
  long integer(int r, String column) {
    String s = text(r, column);
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw error(r, column, "'" + s + "' is not an integer");
    }
  }

  // ---- reading ----

  private static String readText(Path path, String file) {
    if (!Files.exists(path)) throw new BadInputException(file + ": no such file (" + path.toAbsolutePath() + ")");
    if (!Files.isRegularFile(path)) throw new BadInputException(file + ": not a regular file");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
    }
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if (b == 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f')) {
        throw new BadInputException(String.format(Locale.ROOT,
            "%s: not a text file (binary byte 0x%02x at offset %d)", file, b, i));
      }
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) text = text.substring(1); // byte-order mark
    if (text.isBlank()) throw new BadInputException(file + ": empty file (expected a header row such as N,D,loss)");
    return text;
  }

  /** The delimiter of a header line: the most frequent of , \t ; | outside quotes (comma on a tie or none). */
  static char sniffDelimiter(String headerLine) {
    char[] candidates = {',', '\t', ';', '|'};
    int[] counts = new int[candidates.length];
    boolean quoted = false;
    for (char ch : headerLine.toCharArray()) {
      if (ch == '"') quoted = !quoted;
      if (quoted) continue;
      for (int k = 0; k < candidates.length; k++) if (ch == candidates[k]) counts[k]++;
    }
    int best = 0;
    for (int k = 1; k < candidates.length; k++) if (counts[k] > counts[best]) best = k;
    return candidates[best];
  }

  static String delimiterName(char d) {
    return switch (d) {
      case '\t' -> "TSV (tab-separated)";
      case ';' -> "semicolon-separated";
      case '|' -> "pipe-separated";
      default -> "CSV (comma-separated)";
    };
  }

  private static RecordTable delimited(String text, String file) {
    String firstLine = text.stripLeading().lines().findFirst().orElse("");
    char delimiter = sniffDelimiter(firstLine);
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setDelimiter(delimiter);
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setSkipEmptyLines(true);
    settings.setMaxColumns(10_000);
    // Fields of any length, in a buffer that grows (a bound makes univocity allocate it whole, 2 MB
    // for 10⁶ characters, on every read); the text is already in memory, so no input can be larger.
    settings.setMaxCharsPerColumn(-1);
    // The text is in memory: no reader thread, and an input buffer no larger than the text.
    settings.setReadInputOnSeparateThread(false);
    settings.setInputBufferSize(Math.max(1024, Math.min(text.length() + 1, 1 << 20)));
    settings.setNullValue("");
    settings.setEmptyValue("");
    CsvParser parser = new CsvParser(settings);
    List<String[]> rows = new ArrayList<>();
    List<String> where = new ArrayList<>();
    String[] header = null;
    try {
      parser.beginParsing(new StringReader(text));
      String[] row;
      while ((row = parser.parseNext()) != null) {
        if (header == null) {
          header = row;
        } else {
          rows.add(row);
          where.add("row " + parser.getContext().currentLine());
        }
      }
    } catch (TextParsingException e) {
      throw new BadInputException(file + ", row " + (e.getLineIndex() + 1) + ": not readable as "
          + delimiterName(delimiter) + ": " + firstLine(e.getMessage()));
    } finally {
      parser.stopParsing();
    }
    if (header == null) throw new BadInputException(file + ": empty file (expected a header row such as N,D,loss)");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      String s = header[i] == null ? "" : header[i].strip();
      if (s.isEmpty() && header.length > 1) {
        throw new BadInputException(file + ", row 1, column #" + (i + 1) + ": empty column name in the header");
      }
      names.add(s);
    }
    checkDuplicates(file, names, "column");
    String format = delimiterName(delimiter) + ", delimiter " + (delimiter == '\t' ? "tab" : "'" + delimiter + "'") + " detected";
    RecordTable t = new RecordTable(file, format, names, rows, where, "column", delimiter == ';');
    for (int r = 0; r < rows.size(); r++) {
      if (rows.get(r).length != names.size()) {
        throw t.error(r, null, rows.get(r).length + " cells but the header has " + names.size() + " columns");
      }
    }
    return t;
  }

  private static void checkDuplicates(String file, List<String> names, String word) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      Integer before = seen.putIfAbsent(names.get(i).toLowerCase(Locale.ROOT), i);
      if (before != null) {
        throw new BadInputException(file + (word.equals("column") ? ", row 1" : "") + ", " + word + " '" + names.get(i)
            + "': duplicated " + word + " name (" + word + "s " + (before + 1) + " and " + (i + 1) + "); rename one of them");
      }
    }
  }

  private static RecordTable json(String text, String file) {
    // JSON Lines when the first non-blank line is a whole JSON object by itself.
    String[] lines = text.split("\r\n|\n|\r", -1);
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) first++;
    if (lines[first].strip().startsWith("{") && isObject(lines[first]) && hasMoreContent(lines, first)) {
      return jsonLines(lines, file);
    }
    JsonElement doc;
    try {
      doc = Json.parse(text);
    } catch (JsonParseException e) {
      throw new BadInputException(file + ": not valid JSON: " + firstLine(e.getMessage()));
    }
    JsonArray array;
    String format;
    if (doc.isJsonArray()) {
      array = doc.getAsJsonArray();
      format = "JSON array of " + array.size() + " records";
    } else if (doc.isJsonObject()) {
      String key = null;
      for (Map.Entry<String, JsonElement> e : doc.getAsJsonObject().entrySet()) {
        if (e.getValue().isJsonArray() && !e.getValue().getAsJsonArray().isEmpty()
            && e.getValue().getAsJsonArray().get(0).isJsonObject()) {
          if (key != null) {
            throw new BadInputException(file + ": a JSON object with two arrays of records ('" + key + "' and '" + e.getKey()
                + "'); give one array of run objects");
          }
          key = e.getKey();
        }
      }
      if (key == null) {
        JsonArray one = new JsonArray();
        one.add(doc);
        array = one;
        format = "JSON object (1 record)";
      } else {
        array = doc.getAsJsonObject().getAsJsonArray(key);
        format = "JSON array '" + key + "' of " + array.size() + " records";
      }
    } else {
      throw new BadInputException(file + ": JSON " + Json.kind(doc) + ", not runs (expected an array of objects such as "
          + "[{\"N\": 7e7, \"D\": 1.4e9, \"loss\": 3.1}, …])");
    }
    List<JsonObject> objects = new ArrayList<>();
    List<String> where = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonElement e = array.get(i);
      if (!e.isJsonObject()) {
        throw new BadInputException(file + ", record " + (i + 1) + ": expected an object such as {\"N\": 7e7, \"D\": 1.4e9, \"loss\": 3.1}, got "
            + Json.kind(e));
      }
      objects.add(e.getAsJsonObject());
      where.add("record " + (i + 1));
    }
    return fromObjects(file, format, objects, where);
  }

  private static boolean isObject(String line) {
    try {
      return Json.parse(line).isJsonObject();
    } catch (JsonParseException e) {
      return false;
    }
  }

  private static boolean hasMoreContent(String[] lines, int first) {
    for (int i = first + 1; i < lines.length; i++) if (!lines[i].isBlank()) return true;
    return false;
  }

  private static RecordTable jsonLines(String[] lines, String file) {
    List<JsonObject> objects = new ArrayList<>();
    List<String> where = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) continue;
      JsonElement e;
      try {
        e = Json.parse(lines[i]);
      } catch (JsonParseException ex) {
        throw new BadInputException(file + ", line " + (i + 1) + ": not a JSON object (JSON Lines: one object per line): "
            + firstLine(ex.getMessage()));
      }
      if (!e.isJsonObject()) {
        throw new BadInputException(file + ", line " + (i + 1) + ": expected an object (JSON Lines: one object per line), got " + Json.kind(e));
      }
      objects.add(e.getAsJsonObject());
      where.add("line " + (i + 1));
    }
    return fromObjects(file, "JSON Lines, " + objects.size() + " records", objects, where);
  }

  /** Columns are the keys in order of first appearance; a record without a key has a null cell. */
  private static RecordTable fromObjects(String file, String format, List<JsonObject> objects, List<String> where) {
    Map<String, Integer> columns = new LinkedHashMap<>();
    Map<String, String> lower = new HashMap<>();
    for (JsonObject o : objects) {
      for (String k : o.keySet()) {
        if (columns.containsKey(k)) continue;
        String before = lower.putIfAbsent(k.toLowerCase(Locale.ROOT), k);
        if (before != null) {
          throw new BadInputException(file + ": fields '" + before + "' and '" + k + "' differ only in case; rename one of them");
        }
        columns.put(k, columns.size());
      }
    }
    List<String[]> rows = new ArrayList<>();
    for (JsonObject o : objects) {
      String[] cells = new String[columns.size()];
      for (Map.Entry<String, JsonElement> e : o.entrySet()) cells[columns.get(e.getKey())] = cellText(e.getValue());
      rows.add(cells);
    }
    return new RecordTable(file, format, new ArrayList<>(columns.keySet()), rows, where, "field", false);
  }

  /** A JSON value as cell text: numbers exactly as written, strings as they are, null as "null". */
  private static String cellText(JsonElement v) {
    if (v.isJsonNull()) return "null";
    if (v.isJsonPrimitive()) return v.getAsString();
    return v.isJsonObject() ? "{…}" : "[…]";
  }

  private static String firstLine(String s) {
    if (s == null) return "parse error";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}

package org.scalinglab.data;

import org.scalinglab.error.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A CSV read by Tablesaw with every column as text, so that each cell can be checked and a bad one
 * reported as "file, row R, column 'C': what" (rows counted as in a spreadsheet: header = row 1).
 */
final class CsvCells {
  private final String file;
  private final Table table;

  private CsvCells(String file, Table table) {
    this.file = file;
    this.table = table;
  }

  /** Reads the file and checks that the required columns are present. */
  static CsvCells read(Path csv, List<String> requiredColumns) {
    String file = csv.getFileName() == null ? csv.toString() : csv.getFileName().toString();
    if (!Files.isRegularFile(csv)) throw new BadInputException(file + ": no such file (" + csv.toAbsolutePath() + ")");
    Table t;
    try {
      List<String> header = List.of(Files.readAllLines(csv).stream().findFirst().orElse("").split(",", -1));
      ColumnType[] types = new ColumnType[header.size()];
      java.util.Arrays.fill(types, ColumnType.STRING);
      t = Table.read().csv(CsvReadOptions.builder(csv.toFile()).columnTypes(types).header(true).build());
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(file + ": not a readable CSV: " + e.getMessage(), e);
    }
    for (String c : requiredColumns) {
      if (!t.columnNames().contains(c)) {
        throw BadInputException.at(file, 1, c, "missing column (have " + t.columnNames() + ")");
      }
    }
    if (t.rowCount() == 0) throw BadInputException.at(file, 0, null, "no data rows");
    return new CsvCells(file, t);
  }

  String file() {
    return file;
  }

  int rows() {
    return table.rowCount();
  }

  /** The trimmed text of a cell; BadInputException when it is empty. */
  String text(int row, String column) {
    String s = table.stringColumn(column).get(row);
    if (s == null || s.isBlank()) throw BadInputException.at(file, row + 2, column, "empty value");
    return s.trim();
  }

  /** A positive finite number. */
  double positive(int row, String column) {
    String s = text(row, column);
    double x;
    try {
      x = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw BadInputException.at(file, row + 2, column, "not a number: '" + s + "'");
    }
    if (!(x > 0) || Double.isInfinite(x)) {
      throw BadInputException.at(file, row + 2, column, "must be a positive finite number, got " + s);
    }
    return x;
  }

  /** An integer. */
  long integer(int row, String column) {
    String s = text(row, column);
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw BadInputException.at(file, row + 2, column, "not an integer: '" + s + "'");
    }
  }

  BadInputException error(int row, String column, String what) {
    return BadInputException.at(file, row + 2, column, what);
  }
}

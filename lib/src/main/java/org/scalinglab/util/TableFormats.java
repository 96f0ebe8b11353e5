package org.scalinglab.util;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The one place where the library's tables choose how numbers are shown: Tablesaw column print
 * formats, attached when a table is built. Stored values are never rounded (a table can be used for
 * further computation); only their printed form is. Numbers show a few significant digits, in
 * scientific notation for large or small magnitudes (Tablesaw's own formats are fixed-point only).
 */
public final class TableFormats {
  /** The significant digits tables show unless a column says otherwise. */
  public static final int DEFAULT_DIGITS = 4;

  private TableFormats() {}

  /** Shows the column's values with {@code digits} significant digits; returns the column. */
  public static DoubleColumn significant(DoubleColumn column, int digits) {
    column.setPrintFormatter(new NumberColumnFormatter(new Significant(digits)));
    return column;
  }

  /** Shows the column's values with {@link #DEFAULT_DIGITS} significant digits; returns the column. */
  public static DoubleColumn significant(DoubleColumn column) {
    return significant(column, DEFAULT_DIGITS);
  }

  /** Shows every double column of {@code table} with {@link #DEFAULT_DIGITS} significant digits; returns the table. */
  public static Table significant(Table table) {
    for (var c : table.columns()) {
      if (c instanceof DoubleColumn d) significant(d, DEFAULT_DIGITS);
    }
    return table;
  }

  private static final class Significant extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private final int digits;

    Significant(int digits) {
      this.digits = digits;
    }

    @Override
    public StringBuffer format(double x, StringBuffer to, FieldPosition pos) {
      double ax = Math.abs(x);
      if (Double.isNaN(x)) return to.append("");
      if (ax != 0 && (ax >= 1e6 || ax < 1e-3)) return to.append(String.format(Locale.ROOT, "%." + (digits - 1) + "e", x));
      return to.append(String.format(Locale.ROOT, "%." + digits + "g", x).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", ""));
    }

    @Override
    public StringBuffer format(long x, StringBuffer to, FieldPosition pos) {
      return format((double) x, to, pos);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      throw new UnsupportedOperationException("display only");
    }
  }
}

package org.scalinglab.fit;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Display formats for the fit tables: numbers to a few significant digits, switching to scientific
 * notation for large or small magnitudes (Tablesaw's own formats are fixed-point only). The values
 * in the columns stay exact.
 */
final class TableFormat {
  private TableFormat() {}

  /** Shows the column's values with {@code digits} significant digits. */
  static DoubleColumn significant(DoubleColumn column, int digits) {
    column.setPrintFormatter(new NumberColumnFormatter(new Significant(digits)));
    return column;
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

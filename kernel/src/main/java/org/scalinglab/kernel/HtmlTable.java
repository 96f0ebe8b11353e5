package org.scalinglab.kernel;

import java.util.List;

/**
 * An HTML {@code <table>} for a notebook: header row, at most {@code maxRows} rows and a note with
 * the number of rows left out. All text is HTML-escaped.
 *
 * @param title caption (may be empty)
 * @param columns column names
 * @param numeric per column: right-align (numbers)
 * @param rows cell texts of the rows shown
 * @param totalRows how many rows the table has in all
 */
public record HtmlTable(String title, List<String> columns, List<Boolean> numeric, List<List<String>> rows, int totalRows) {
  public HtmlTable {
    title = title == null ? "" : title;
    columns = List.copyOf(columns);
    numeric = List.copyOf(numeric);
    rows = rows.stream().map(List::copyOf).toList();
  }

  public String toHtml() {
    StringBuilder sb = new StringBuilder(256 + rows.size() * columns.size() * 16);
    sb.append("<table class=\"scalinglab-table\">\n");
    if (!title.isBlank()) {
      sb.append("<caption>").append(escape(title)).append("</caption>\n");
    }
    sb.append("<thead><tr>");
    for (String c : columns) {
      sb.append("<th>").append(escape(c)).append("</th>");
    }
    sb.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      sb.append("<tr>");
      for (int j = 0; j < row.size(); j++) {
        boolean right = j < numeric.size() && numeric.get(j);
        sb.append(right ? "<td style=\"text-align:right\">" : "<td>").append(escape(row.get(j))).append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody>\n</table>\n");
    int more = totalRows - rows.size();
    if (more > 0) {
      sb.append("<p>… ").append(more).append(" more row").append(more == 1 ? "" : "s")
          .append(" (").append(totalRows).append(" rows × ").append(columns.size()).append(" columns)</p>\n");
    }
    return sb.toString();
  }

  /** Escapes the five HTML-special characters. */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }
}

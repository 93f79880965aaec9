package org.perflab.kernel.child;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw table as an HTML table that says how many rows it has and shows at most
 * {@link #MAX_ROWS} of them (the first and last halves), so a million-row result cannot flood the
 * notebook.
 */
final class TableHtml {

    static final int MAX_ROWS = 40;

    private TableHtml() {
    }

    static String render(Table table) {
        StringBuilder html = new StringBuilder(1024);
        int rows = table.rowCount();
        html.append("<div class=\"perflab-table\"><table><caption style=\"caption-side:top;text-align:left\">")
                .append(escape(table.name() == null ? "" : table.name()))
                .append(' ').append(rows).append(rows == 1 ? " row" : " rows")
                .append(" &times; ").append(table.columnCount()).append(" columns")
                .append(rows > MAX_ROWS ? " (showing the first and last " + MAX_ROWS / 2 + ")" : "")
                .append("</caption><thead><tr>");
        for (Column<?> column : table.columns()) {
            html.append("<th>").append(escape(column.name())).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        if (rows <= MAX_ROWS) {
            appendRows(html, table, 0, rows);
        } else {
            appendRows(html, table, 0, MAX_ROWS / 2);
            html.append("<tr><td colspan=\"").append(table.columnCount()).append("\">&hellip; ")
                    .append(rows - MAX_ROWS).append(" rows not shown &hellip;</td></tr>");
            appendRows(html, table, rows - MAX_ROWS / 2, rows);
        }
        return html.append("</tbody></table></div>").toString();
    }

    static String plainText(Table table) {
        Table shown = table.rowCount() <= MAX_ROWS ? table
                : table.first(MAX_ROWS / 2).append(table.last(MAX_ROWS / 2));
        String text = shown.print(MAX_ROWS);
        return table.rowCount() <= MAX_ROWS ? text
                : text + "\n(" + table.rowCount() + " rows; " + (table.rowCount() - MAX_ROWS) + " not shown)";
    }

    private static void appendRows(StringBuilder html, Table table, int from, int to) {
        for (int row = from; row < to; row++) {
            html.append("<tr>");
            for (Column<?> column : table.columns()) {
                html.append("<td>").append(escape(column.getString(row))).append("</td>");
            }
            html.append("</tr>");
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }
}

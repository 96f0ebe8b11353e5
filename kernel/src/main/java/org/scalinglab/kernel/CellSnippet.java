package org.scalinglab.kernel;

/**
 * One snippet of a cell, as JShell evaluates it.
 *
 * @param source the snippet's source (starting at its first non-blank character; JShell may have
 *     appended a semicolon)
 * @param offset where {@code source} starts in the cell
 * @param line the cell line (1-based) of that first character
 * @param complete false for a trailing piece JShell considers unfinished (evaluated anyway so that
 *     the compiler reports what is missing)
 */
public record CellSnippet(String source, int offset, int line, boolean complete) {}

/**
 * Small utilities every layer shares (a leaf: it imports no other scalinglab package): argument
 * checks, table display formats, atomic file writes, finding project files, a text progress bar.
 */
package org.scalinglab.util;

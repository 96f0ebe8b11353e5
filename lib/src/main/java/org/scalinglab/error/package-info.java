/**
 * The library's error types: {@link org.scalinglab.error.BadInputException} (input that cannot be
 * used, with the file, row and column) and {@link org.scalinglab.error.FitFailedException} (a fit
 * that gave no trustworthy answer). A leaf: it imports no other scalinglab package. Messages state
 * neutral facts; the CLI and the notebooks phrase them for their users.
 */
package org.scalinglab.error;

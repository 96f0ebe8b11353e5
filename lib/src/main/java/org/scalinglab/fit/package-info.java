/** Fitters: log-log OLS, Chinchilla Approaches 1-3, Kaplan-style fits, bootstrap intervals. */
package org.scalinglab.fit;

/** The scalinglab command-line tool (picocli). */
package org.scalinglab.cli;

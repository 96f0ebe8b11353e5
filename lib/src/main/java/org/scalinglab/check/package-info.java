/** Checks that notebooks use to assert the numbers they teach. */
package org.scalinglab.check;

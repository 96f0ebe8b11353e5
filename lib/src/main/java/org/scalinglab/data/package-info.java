/** Reading and validating data: runs tables, the models table, corpora. */
package org.scalinglab.data;

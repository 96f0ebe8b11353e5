/** Notebook support: display hook shared with the Jupyter kernel. */
package org.scalinglab.notebook;

/** XChart figures, one method per figure. */
package org.scalinglab.plot;

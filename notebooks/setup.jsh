// Shared setup: this exact cell opens every notebook (source: notebooks/setup.jsh).
import org.scalinglab.law.*;
import org.scalinglab.compute.*;
import org.scalinglab.fit.*;
import org.scalinglab.data.*;
import org.scalinglab.plot.*;
import tech.tablesaw.api.*;
import org.knowm.xchart.*;
import static org.scalinglab.check.Check.*;
import static org.scalinglab.notebook.Notebook.*;

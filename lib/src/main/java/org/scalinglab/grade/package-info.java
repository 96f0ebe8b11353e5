/**
 * Homework grading: {@link org.scalinglab.grade.Assigner} turns a master notebook (solutions between
 * {@code // BEGIN SOLUTION} and {@code // END SOLUTION}, questions and tests marked in cell
 * metadata, as nbgrader and otter-grader mark them) into the student and autograder versions;
 * {@link org.scalinglab.grade.GradeReport} holds what the grading driver
 * ({@code kernel/tools/grade_notebook.py}, which executes the notebook in the Java kernel) found, and
 * {@link org.scalinglab.grade.ReportFormat} writes it as Gradescope's {@code results.json}, as JSON,
 * or as a plain-text report for the student.
 */
package org.scalinglab.grade;

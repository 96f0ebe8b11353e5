package org.scalinglab.grade;

/**
 * A question of an assignment as its master declares it.
 *
 * @param id unique id (cell metadata {@code scalinglab.question})
 * @param title short title
 * @param points points possible
 * @param tests number of test cells (visible and hidden)
 * @param hiddenTests how many of those the student version leaves out
 */
public record QuestionSpec(String id, String title, double points, int tests, int hiddenTests) {}

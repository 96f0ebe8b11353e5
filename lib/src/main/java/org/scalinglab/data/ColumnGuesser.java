package org.scalinglab.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Finds the column that holds a quantity among a file's column names, matching the names people
 * write ({@code N}, {@code num_params}, {@code Model Size}; {@code tokens_seen}; {@code compute_budget},
 * {@code Training FLOP}; {@code val_loss}, …) ignoring case, spaces, underscores and punctuation, and
 * suggests close names for a misspelled one. Two columns that could both be the quantity are an
 * error naming both ({@link ColumnException}): the file is ambiguous and the caller must name one.
 *
 * <pre>{@code
 * ColumnGuesser g = ColumnGuesser.of(List.of("parameters", "compute_budget", "final_loss"));
 * int loss = g.find(ColumnGuesser.Role.LOSS, "runs.json");   // 2
 * }</pre>
 */
public final class ColumnGuesser {
  /** A quantity of a training run and the column names it goes by. */
  public enum Role {
    PARAMS("parameters (N)", 7, List.of("N", "params", "parameters", "n_params", "num_params", "non_embedding_params",
        "model_size", "n_parameters", "num_parameters", "param_count", "nonembedding_params")),
    TOKENS("tokens (D)", 6, List.of("D", "tokens", "train_tokens", "num_tokens", "tokens_seen", "data_size",
        "training_tokens", "n_tokens", "dataset_size")),
    COMPUTE("compute (C)", 6, List.of("C", "compute", "compute_budget", "flops", "train_flops", "budget",
        "training_flop", "training_flops", "flop", "training_compute", "compute_flops")),
    LOSS("loss", 6, List.of("loss", "final_loss", "eval_loss", "val_loss", "validation_loss", "test_loss"));

    private final String label;
    private final List<String> names;
    private final int shown;

    Role(String label, int shown, List<String> names) {
      this.label = label;
      this.shown = shown;
      this.names = names;
    }

    /** "parameters (N)", "loss", … */
    public String label() {
      return label;
    }

    /** The names tried, as people write them (matched after {@link #normalise}). */
    public List<String> names() {
      return names;
    }

    boolean matches(String column) {
      String n = normalise(column);
      for (String c : names) if (normalise(c).equals(n)) return true;
      return false;
    }
  }

  private final List<String> header;

  private ColumnGuesser(List<String> header) {
    this.header = List.copyOf(header);
  }

  public static ColumnGuesser of(List<String> header) {
    return new ColumnGuesser(header);
  }

  /**
   * The index of the one column that can hold this quantity; −1 when none can; a
   * {@link ColumnException} naming both when two can.
   */
  public int find(Role role, String file) {
    int found = -1;
    for (int i = 0; i < header.size(); i++) {
      if (!role.matches(header.get(i))) continue;
      if (found >= 0) {
        throw new ColumnException(ColumnException.Kind.AMBIGUOUS, file + ": two columns could be the " + role.label() + ": '" + header.get(found)
            + "' and '" + header.get(i) + "'", "name the one to use", header, role);
      }
      found = i;
    }
    return found;
  }

  /** Header names close to the given name: equal after normalising, within a few typos, or containing it. */
  public List<String> closeTo(String given) {
    String g = normalise(given);
    List<String> out = new ArrayList<>();
    for (String h : header) {
      String nh = normalise(h);
      if (nh.equals(g) || editDistance(nh, g) <= maxTypos(g) || (g.length() >= 3 && nh.contains(g))) out.add(h);
    }
    return out;
  }

  /** ". Did you mean 'lsos'?" for header names (not taken) within a few typos of a role's names; "" if none. */
  public String suggestion(Collection<String> taken, Role... roles) {
    List<String> close = new ArrayList<>();
    for (String h : header) {
      if (taken.contains(h)) continue;
      String nh = normalise(h);
      for (Role role : roles) {
        for (String name : role.names()) {
          String c = normalise(name);
          if (c.length() >= 3 && nh.length() >= 2 && editDistance(nh, c) <= maxTypos(c) && !close.contains(h)) close.add(h);
        }
      }
    }
    return close.isEmpty() ? "" : ". Did you mean " + quoted(close) + "?";
  }

  /** Lower case without spaces, underscores or punctuation: "Model Size" → "modelsize". */
  public static String normalise(String s) {
    StringBuilder sb = new StringBuilder();
    for (char ch : s.toLowerCase(Locale.ROOT).toCharArray()) if (Character.isLetterOrDigit(ch)) sb.append(ch);
    return sb.toString();
  }

  /**
   * Edit distance counting insertions, deletions, substitutions and swaps of two neighbouring
   * characters ("lsos" → "loss" is one typo): the optimal-string-alignment variant of the
   * Damerau–Levenshtein distance, by dynamic programming. Written here because commons-text is not
   * a dependency and commons-lang3's Levenshtein is deprecated (and counts a swap as two).
   */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static int maxTypos(String s) {
    return s.length() <= 4 ? 1 : s.length() <= 8 ? 2 : 3;
  }

  /** 'a', 'b' or 'c'. */
  static String quoted(List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) sb.append(i == names.size() - 1 ? " or " : ", ");
      sb.append('\'').append(names.get(i)).append('\'');
    }
    return sb.toString();
  }

  /** The names of one or more roles, for "looked for …" messages. */
  static String names(Role... roles) {
    List<String> parts = new ArrayList<>();
    for (Role r : roles) parts.add(String.join(", ", r.names().subList(0, r.shown)));
    return String.join("; ", parts);
  }
}

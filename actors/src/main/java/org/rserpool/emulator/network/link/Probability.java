package org.rserpool.emulator.network.link;

import java.util.Locale;

/**
 * Probabilities and correlations as netem writes them: a percentage ({@code "1%"}, {@code "0.5%"}) or a
 * plain fraction ({@code 0.01}). Used by the scenario file and the runtime control API alike.
 */
public final class Probability {
  private Probability() {}

  /**
   * Parses {@code "N%"} or a fraction in [0, 1].
   *
   * @param what names the value in the error message, e.g. {@code "loss"}
   * @throws IllegalArgumentException naming {@code what} when the text is not a probability
   */
  public static double parse(String text, String what) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    try {
      double p = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100 : Double.parseDouble(t);
      return check(p, what);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " must be a percentage (\"1%\") or a fraction in [0, 1], got '" + text + "'");
    }
  }

  /** Checks that {@code p} is a probability in [0, 1]. */
  public static double check(double p, String what) {
    if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException(what + " must be in [0, 1] (0% to 100%), got " + p);
    return p;
  }

  /** Formats a probability as a percentage, as netem prints it. */
  public static String format(double p) {
    return (p * 100 == Math.rint(p * 100) ? String.valueOf((long) (p * 100)) : String.valueOf(p * 100)) + "%";
  }
}

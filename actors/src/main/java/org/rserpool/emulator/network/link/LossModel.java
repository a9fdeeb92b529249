package org.rserpool.emulator.network.link;

import java.util.Locale;

/**
 * How a link loses packets, with netem's models and parameter names (tc-netem(8), {@code loss ...}).
 * Text form, as netem takes it: {@code "1%"} (random), {@code "random 1% 25%"} (random with
 * correlation), {@code "gemodel 1% 10% 70% 0.1%"} (Gilbert-Elliott: p, r, 1-h, 1-k), {@code "none"}.
 */
public sealed interface LossModel {

  /** The netem-style text of this model; {@link #parse} reads it back. */
  String describe();

  /** No loss. */
  record None() implements LossModel {
    @Override
    public String describe() {
      return "none";
    }
  }

  /**
   * Independent (Bernoulli) loss with netem's correlation: a packet is lost with probability
   * {@code probability}, the random value deciding it depending {@code correlation} on the previous one.
   */
  record Random(double probability, double correlation) implements LossModel {
    public Random {
      Probability.check(probability, "loss");
      Probability.check(correlation, "loss correlation");
    }

    @Override
    public String describe() {
      return "random " + Probability.format(probability) + (correlation > 0 ? " " + Probability.format(correlation) : "");
    }
  }

  /**
   * The Gilbert-Elliott two-state model, as netem's {@code gemodel p [r [1-h [1-k]]]} (after
   * NetemCLG): in the good state a packet is lost with probability {@code 1-k}, in the bad state with
   * {@code 1-h}; after each packet the state turns bad with probability {@code p} or good with
   * probability {@code r}. netem's defaults: r = 1 − p, 1-h = 100 %, 1-k = 0 % (with only p given the
   * losses are then Bernoulli with probability p).
   *
   * @param p good → bad transition probability
   * @param r bad → good transition probability
   * @param lossInBad 1-h: loss probability in the bad state
   * @param lossInGood 1-k: loss probability in the good state
   */
  record GilbertElliott(double p, double r, double lossInBad, double lossInGood) implements LossModel {
    public GilbertElliott {
      Probability.check(p, "gemodel p");
      Probability.check(r, "gemodel r");
      Probability.check(lossInBad, "gemodel 1-h");
      Probability.check(lossInGood, "gemodel 1-k");
    }

    /** netem's defaults for the parameters not given. */
    public static GilbertElliott of(double p) {
      return new GilbertElliott(p, 1 - p, 1, 0);
    }

    /** The long-run loss rate: π_bad · (1-h) + π_good · (1-k), with π_bad = p / (p + r). */
    public double meanLoss() {
      double bad = p + r == 0 ? 0 : p / (p + r);
      return bad * lossInBad + (1 - bad) * lossInGood;
    }

    @Override
    public String describe() {
      return "gemodel " + Probability.format(p) + " " + Probability.format(r) + " "
          + Probability.format(lossInBad) + " " + Probability.format(lossInGood);
    }
  }

  static LossModel none() {
    return new None();
  }

  /** Parses netem's loss syntax (see the interface comment). */
  static LossModel parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    String[] w = t.isEmpty() ? new String[0] : t.split("\\s+");
    if (w.length == 0) throw new IllegalArgumentException("loss must not be empty; use \"none\", \"1%\", \"random 1% 25%\" or \"gemodel p r 1-h 1-k\"");
    if (w.length == 1 && (w[0].equals("none") || w[0].equals("0") || w[0].equals("0%"))) return none();
    if (w[0].equals("gemodel")) {
      if (w.length < 2 || w.length > 5) {
        throw new IllegalArgumentException("gemodel takes 1 to 4 probabilities: p [r [1-h [1-k]]], got '" + text + "'");
      }
      double p = Probability.parse(w[1], "gemodel p");
      double r = w.length > 2 ? Probability.parse(w[2], "gemodel r") : 1 - p;
      double bad = w.length > 3 ? Probability.parse(w[3], "gemodel 1-h") : 1;
      double good = w.length > 4 ? Probability.parse(w[4], "gemodel 1-k") : 0;
      return new GilbertElliott(p, r, bad, good);
    }
    int first = w[0].equals("random") ? 1 : 0;
    int args = w.length - first;
    if (args < 1 || args > 2) {
      throw new IllegalArgumentException("random loss takes a probability and an optional correlation: \"random 1% [25%]\", got '" + text + "'");
    }
    double probability = Probability.parse(w[first], "loss");
    double correlation = args == 2 ? Probability.parse(w[first + 1], "loss correlation") : 0;
    return probability == 0 ? none() : new Random(probability, correlation);
  }
}

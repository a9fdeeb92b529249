package org.rserpool.emulator.random;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A distribution of positive values with a given mean, the shapes RSPSIM's tool-chain draws job sizes,
 * job intervals and component up- and downtimes from (simulate-version14.R and its *distributions*.R):
 *
 * <ul>
 *   <li>{@code exponential}: mean m ({@code workloadExponentialRandomizedDistribution},
 *       {@code timeExponentialRandomizedDistribution}); a Poisson process when used for intervals;
 *   <li>{@code constant}: always m ({@code workloadIdentityDistribution});
 *   <li>{@code uniform G}: RSPSIM's {@code uniformgamma(m, G)} (reqdistfromfile.cc), uniform on
 *       [m / (1 + (G - 1) / 2), G · m / (1 + (G - 1) / 2)]: mean m, largest over smallest value G ≥ 1.
 * </ul>
 *
 * @param mean the mean, in the unit of what is drawn (calculations, nanoseconds, ...)
 * @param gamma for {@link Shape#UNIFORM}, the ratio of the largest to the smallest value; 1 otherwise
 */
public record Distribution(Shape shape, double mean, double gamma) {

  public enum Shape { CONSTANT, EXPONENTIAL, UNIFORM }

  public Distribution {
    if (shape == null) throw new IllegalArgumentException("shape is required");
    if (!(mean >= 0) || Double.isInfinite(mean)) throw new IllegalArgumentException("mean must be a finite number >= 0, got " + mean);
    if (!(gamma >= 1) || Double.isInfinite(gamma)) throw new IllegalArgumentException("the uniform ratio must be a finite number >= 1, got " + gamma);
  }

  public static Distribution constant(double value) {
    return new Distribution(Shape.CONSTANT, value, 1);
  }

  public static Distribution exponential(double mean) {
    return new Distribution(Shape.EXPONENTIAL, mean, 1);
  }

  /**
   * Reads a shape as written in a configuration: {@code exponential}, {@code constant} or
   * {@code uniform G} (G ≥ 1), with the mean given separately.
   *
   * @throws IllegalArgumentException saying what is allowed
   */
  public static Distribution parse(String text, double mean) {
    String[] words = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
    switch (words[0]) {
      case "exponential", "constant" -> {
        if (words.length != 1) throw new IllegalArgumentException(words[0] + " takes no parameter, got '" + text + "'");
        return new Distribution(words[0].equals("constant") ? Shape.CONSTANT : Shape.EXPONENTIAL, mean, 1);
      }
      case "uniform" -> {
        if (words.length != 2) throw new IllegalArgumentException("expected \"uniform G\" with the ratio G >= 1 of the largest to the smallest value, got '" + text + "'");
        double g;
        try {
          g = Double.parseDouble(words[1]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("the ratio of \"uniform G\" must be a number >= 1, got '" + words[1] + "'");
        }
        return new Distribution(Shape.UNIFORM, mean, g);
      }
      default -> throw new IllegalArgumentException("expected exponential, constant or \"uniform G\", got '" + text + "'");
    }
  }

  /** Draws one value. */
  public double draw(RandomGenerator random) {
    return switch (shape) {
      case CONSTANT -> mean;
      // 1 - u is in (0, 1], so the logarithm is finite.
      case EXPONENTIAL -> -mean * Math.log(1.0 - random.nextDouble());
      case UNIFORM -> {
        double low = mean / (1 + (gamma - 1) / 2);
        yield low + random.nextDouble() * (gamma * low - low);
      }
    };
  }

  /** Draws one value rounded to a whole number (nanoseconds, calculations), at least {@code min}. */
  public long drawLong(RandomGenerator random, long min) {
    double v = Math.rint(draw(random));
    return v >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(min, (long) v);
  }

  @Override
  public String toString() {
    return switch (shape) {
      case CONSTANT -> "constant " + mean;
      case EXPONENTIAL -> "exponential, mean " + mean;
      case UNIFORM -> "uniform, mean " + mean + ", ratio " + gamma;
    };
  }
}

package org.rserpool.emulator.network.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Parsing of netem's value syntax and validation messages. */
class LinkValuesTest {

  @Test
  void probabilitiesArePercentagesOrFractions() {
    assertEquals(0.01, Probability.parse("1%", "loss"), 1e-15);
    assertEquals(0.005, Probability.parse(" 0.5 % ", "loss"), 1e-15);
    assertEquals(0.25, Probability.parse("0.25", "loss"), 1e-15);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Probability.parse("150%", "loss"));
    assertTrue(e.getMessage().contains("loss"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Probability.parse("lots", "duplicate"));
  }

  @Test
  void lossModelsUseNetemSyntax() {
    assertEquals(new LossModel.Random(0.01, 0), LossModel.parse("1%"));
    assertEquals(new LossModel.Random(0.01, 0.25), LossModel.parse("random 1% 25%"));
    assertEquals(new LossModel.GilbertElliott(0.01, 0.99, 1, 0), LossModel.parse("gemodel 1%"));
    assertEquals(new LossModel.GilbertElliott(0.01, 0.1, 0.7, 0.001), LossModel.parse("gemodel 1% 10% 70% 0.1%"));
    assertEquals(LossModel.none(), LossModel.parse("none"));
    assertEquals(LossModel.none(), LossModel.parse("0%"));
    for (String text : new String[] {"random 1% 25%", "gemodel 1% 10% 70% 0.1%"}) {
      assertEquals(LossModel.parse(text), LossModel.parse(LossModel.parse(text).describe()));
    }
    assertThrows(IllegalArgumentException.class, () -> LossModel.parse("gemodel"));
    assertThrows(IllegalArgumentException.class, () -> LossModel.parse("random 1% 2% 3%"));
    assertThrows(IllegalArgumentException.class, () -> LossModel.parse(""));
  }

  @Test
  void ratesUseTcUnits() {
    assertEquals(10_000_000, Rate.parse("10mbit").bitsPerSecond());
    assertEquals(512_000, Rate.parse("512kbit").bitsPerSecond());
    assertEquals(8_000_000, Rate.parse("1mbps").bitsPerSecond());
    assertEquals(100, Rate.parse("100bit").bitsPerSecond());
    assertEquals(1_000_000, Rate.parse("8mbit").transmissionNanos(1000));
    assertThrows(IllegalArgumentException.class, () -> Rate.parse("10 megabits"));
    assertThrows(IllegalArgumentException.class, () -> Rate.parse("0bit"));
  }

  @Test
  void distributionsAreNamedAsNetemNamesThem() {
    assertEquals(DelayDistribution.PARETONORMAL, DelayDistribution.parse("ParetoNormal"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DelayDistribution.parse("gamma"));
    assertTrue(e.getMessage().contains("uniform, normal, pareto, paretonormal, exponential"));
  }

  @Test
  void profilesRejectImpossibleValuesAndDescribeThemselvesInNetemWords() {
    assertThrows(IllegalArgumentException.class, () -> LinkProfile.constant(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> LinkProfile.constant(Duration.ZERO).withDuplicate(2, 0));
    assertThrows(IllegalArgumentException.class, () -> LinkProfile.constant(Duration.ZERO).withRate(Rate.parse("1mbit"), 0));
    LinkProfile p = LinkProfile.constant(Duration.ofMillis(100))
        .withJitter(Duration.ofMillis(10), 0.25, DelayDistribution.NORMAL)
        .withLoss(new LossModel.Random(0.01, 0))
        .withRate(Rate.parse("10mbit"), 1000);
    assertEquals("delay 100ms 10ms 25% distribution normal loss random 1% rate 10mbit limit 1000", p.describe());
  }

  @Test
  void aPatchChangesOnlyWhatItNames() {
    LinkProfile base = LinkProfile.constant(Duration.ofMillis(20)).withLoss(new LossModel.Random(0.1, 0));
    LinkPatch patch = new LinkPatch(null, null, null, null, new LossModel.Random(0.5, 0), null, null, null, null);
    LinkProfile p = patch.applyTo(base);
    assertEquals(Duration.ofMillis(20), p.delay());
    assertEquals(new LossModel.Random(0.5, 0), p.loss());
  }
}

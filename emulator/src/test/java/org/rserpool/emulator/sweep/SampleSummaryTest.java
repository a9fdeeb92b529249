package org.rserpool.emulator.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SampleSummaryTest {

  @Test
  void aHandComputedConfidenceInterval() {
    // mean 2.5; s = sqrt(((1.5^2 + 0.5^2) * 2) / 3) = 1.29099; t(0.975, 3) = 3.18245; 3.18245 * 1.29099 / 2 = 2.05426
    SampleSummary s = SampleSummary.of(1, 2, 3, 4);
    assertEquals(4, s.n());
    assertEquals(2.5, s.mean(), 1e-12);
    assertEquals(1.2909944, s.standardDeviation(), 1e-6);
    assertEquals(2.05426, s.ci95HalfWidth(), 1e-5);
  }

  @Test
  void twoSamplesUseTheWideTWithOneDegreeOfFreedom() {
    // t(0.975, 1) = 12.7062; s = sqrt(2); half-width = 12.7062 * sqrt(2) / sqrt(2)
    SampleSummary s = SampleSummary.of(10, 12);
    assertEquals(12.7062047, s.ci95HalfWidth(), 1e-6);
  }

  @Test
  void undefinedSamplesAreLeftOutAndOneSampleHasNoInterval() {
    SampleSummary s = SampleSummary.of(Double.NaN, 7);
    assertEquals(1, s.n());
    assertEquals(7, s.mean());
    assertTrue(Double.isNaN(s.standardDeviation()));
    assertTrue(Double.isNaN(s.ci95HalfWidth()));
    SampleSummary none = SampleSummary.of();
    assertEquals(0, none.n());
    assertTrue(Double.isNaN(none.mean()));
  }

  @Test
  void equalSamplesHaveAZeroWidthInterval() {
    SampleSummary s = SampleSummary.of(3, 3, 3);
    assertEquals(0, s.standardDeviation());
    assertEquals(0, s.ci95HalfWidth());
  }
}

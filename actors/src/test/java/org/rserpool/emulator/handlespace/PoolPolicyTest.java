package org.rserpool.emulator.handlespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rserpool.emulator.handlespace.Fixtures.POOL;
import static org.rserpool.emulator.handlespace.Fixtures.f;
import static org.rserpool.emulator.handlespace.Fixtures.handlespace;
import static org.rserpool.emulator.handlespace.Fixtures.ids;
import static org.rserpool.emulator.handlespace.Fixtures.loaded;
import static org.rserpool.emulator.handlespace.Fixtures.pe;
import static org.rserpool.emulator.handlespace.Fixtures.register;
import static org.rserpool.emulator.handlespace.Fixtures.weighted;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PolicyValue;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.SelectionPolicy;

/**
 * The selection rules of every policy, with the sequences of rspsim-model.md §3.2 and
 * rserpool-protocol.md §12 (checked against rsplib's own code; HandlespaceRsplibTraceTest covers every
 * policy with random scripts). Frequencies of the random policies are tested with a chi-square test at
 * α = 10^-4 on fixed seeds, so they are deterministic and cannot flake.
 */
class PoolPolicyTest {

  /** The PE selected by each of {@code rounds} handle resolutions of one item with MaxIncrement 0. */
  static List<Integer> singles(Handlespace hs, int rounds) {
    List<Integer> picks = new ArrayList<>();
    for (int i = 0; i < rounds; i++) picks.add(hs.select(POOL, 1, 0).get(0).identifier());
    return picks;
  }

  static int[] counts(Handlespace hs, int rounds, int items, int pes) {
    int[] counts = new int[pes + 1];
    for (int i = 0; i < rounds; i++) for (PoolElementEntry e : hs.select(POOL, items, 0)) counts[e.identifier()]++;
    return counts;
  }

  /** Chi-square goodness of fit of counts[1..k] to the expected shares; critical values at α = 1e-4. */
  static void assertFrequencies(int[] counts, double... shares) {
    double total = 0;
    for (int i = 1; i < counts.length; i++) total += counts[i];
    double chi2 = 0;
    for (int i = 1; i < counts.length; i++) {
      double expected = total * shares[i - 1];
      chi2 += (counts[i] - expected) * (counts[i] - expected) / expected;
    }
    double[] critical = {0, 15.137, 18.421, 21.108, 23.513}; // df = k - 1
    assertTrue(chi2 < critical[shares.length - 1],
        "chi-square " + chi2 + " too large for counts " + Arrays.toString(counts));
  }

  // Round robin -----------------------------------------------------------------------------------

  /** rspsim-model.md §3.2: 4 PEs, 3 items: the pointer moves by MaxIncrement. */
  @Test
  void roundRobinReturnsItemsFromThePointerWhichMovesByMaxIncrement() {
    Handlespace one = handlespace();
    Handlespace three = handlespace();
    for (int id = 1; id <= 4; id++) {
      register(one, pe(id, PolicyType.ROUND_ROBIN));
      register(three, pe(id, PolicyType.ROUND_ROBIN));
    }
    List<List<Integer>> byOne = new ArrayList<>();
    List<List<Integer>> byThree = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      byOne.add(ids(one.select(POOL, 3, 1)));
      byThree.add(ids(three.select(POOL, 3, 3)));
    }
    assertEquals(List.of(List.of(1, 2, 3), List.of(2, 3, 4), List.of(3, 4, 1), List.of(4, 1, 2)), byOne);
    assertEquals(List.of(List.of(1, 2, 3), List.of(4, 1, 2), List.of(3, 4, 1), List.of(2, 3, 4)), byThree);
  }

  @Test
  void roundRobinMaxIncrementZeroMeansOneAndNewElementsJoinAtTheEndOfTheCycle() {
    Handlespace hs = handlespace();
    for (int id = 1; id <= 3; id++) register(hs, pe(id, PolicyType.ROUND_ROBIN));
    assertEquals(List.of(1, 2), singles(hs, 2));
    register(hs, pe(4, PolicyType.ROUND_ROBIN));
    assertEquals(List.of(3, 1, 2, 4, 3), singles(hs, 5));
    assertEquals(1, hs.pool(POOL).defaultMaxIncrement());
  }

  // Weighted round robin --------------------------------------------------------------------------

  /** Weights 1, 2, 3: every cycle of six selections picks them 1, 2 and 3 times (rsplib: 1 2 3 2 3 3). */
  @Test
  void weightedRoundRobinSelectsInProportionToTheWeightsInEveryCycle() {
    Handlespace hs = handlespace();
    for (int id = 1; id <= 3; id++) register(hs, pe(id, weighted(PolicyType.WEIGHTED_ROUND_ROBIN, id)));
    List<Integer> picks = singles(hs, 30);
    for (int cycle = 0; cycle < 5; cycle++) assertEquals(List.of(1, 2, 3, 2, 3, 3), picks.subList(6 * cycle, 6 * cycle + 6));
  }

  /** rspsim-model.md §3.2: weights 10 and 20 give 1000 : 2000 of 3000 selections. */
  @Test
  void weightedRoundRobinTenAndTwenty() {
    Handlespace hs = handlespace();
    register(hs, pe(1, weighted(PolicyType.WEIGHTED_ROUND_ROBIN, 10)));
    register(hs, pe(2, weighted(PolicyType.WEIGHTED_ROUND_ROBIN, 20)));
    int[] c = counts(hs, 3000, 1, 2);
    assertEquals(1000, c[1]);
    assertEquals(2000, c[2]);
  }

  /** rsplib's double update: one selection spends two credits, and the update on adding spends one. */
  @Test
  void weightedRoundRobinSpendsTwoCreditsPerSelection() {
    Handlespace hs = handlespace();
    PoolElementEntry e = register(hs, pe(1, weighted(PolicyType.WEIGHTED_ROUND_ROBIN, 5)));
    assertEquals(4, e.virtualCounter());
    hs.select(POOL, 1, 0);
    assertEquals(2, e.virtualCounter());
    Handlespace rfc = handlespace(CauseSet.RFC_5354, false);
    PoolElementEntry once = register(rfc, pe(1, weighted(PolicyType.WEIGHTED_ROUND_ROBIN, 5)));
    assertEquals(5, once.virtualCounter());
    rfc.select(POOL, 1, 0);
    assertEquals(4, once.virtualCounter());
  }

  // Priority --------------------------------------------------------------------------------------

  @Test
  void priorityReturnsTheHighestPrioritiesFirstAndRotatesAmongEquals() {
    Handlespace hs = handlespace();
    long[] priorities = {3, 7, 7, 1};
    for (int id = 1; id <= 4; id++) register(hs, pe(id, weighted(PolicyType.PRIORITY, priorities[id - 1])));
    List<List<Integer>> picks = new ArrayList<>();
    for (int i = 0; i < 3; i++) picks.add(ids(hs.select(POOL, 3, 0)));
    assertEquals(List.of(List.of(2, 3, 1), List.of(3, 2, 1), List.of(2, 3, 1)), picks);
  }

  // Least used ------------------------------------------------------------------------------------

  /** rspsim-model.md §3.2: loads 0.2, 0.1, 0.1, 0.3: the two least loaded alternate. */
  @Test
  void leastUsedRotatesAmongTheLeastLoaded() {
    Handlespace hs = handlespace();
    double[] loads = {0.2, 0.1, 0.1, 0.3};
    for (int id = 1; id <= 4; id++) register(hs, pe(id, loaded(PolicyType.LEAST_USED, loads[id - 1], 0)));
    assertEquals(List.of(2, 3, 2, 3, 2, 3), singles(hs, 6));
    assertEquals(List.of(2, 3, 1, 4), ids(hs.select(POOL, 4, 0)));
  }

  /** A load update keeps the entry's place among equals (its sequence number); a selection moves it back. */
  @Test
  void leastUsedLoadUpdateKeepsTheSequenceNumber() {
    Handlespace hs = handlespace();
    register(hs, pe(1, loaded(PolicyType.LEAST_USED, 0.5, 0)));
    register(hs, pe(2, loaded(PolicyType.LEAST_USED, 0.1, 0)));
    register(hs, pe(3, loaded(PolicyType.LEAST_USED, 0.1, 0)));
    long before = hs.find(POOL, 1).sequenceNumber();
    assertTrue(hs.register(POOL, pe(1, loaded(PolicyType.LEAST_USED, 0.1, 0)), 1).relinked());
    assertEquals(before, hs.find(POOL, 1).sequenceNumber());
    assertEquals(List.of(1, 2, 3, 1), singles(hs, 4));
  }

  /**
   * Least used with degradation, 1 % load degradation, loads 0.2, 0.1, 0.1, 0.3. The degradation starts
   * at 1 % (the update when the entry is linked) and grows by 2 % per selection (update plus re-link):
   * rsplib's values 0.03, 0.05, ... (rspsim-model.md §3.2). rsplib's own sequence, as here, selects PE 1
   * after PE 3's 0.11, because 0.1 + 11 × rint(0.01 × 0xffffffff) encodes one above 0.2 + 0.01.
   */
  @Test
  void leastUsedDegradationGrowsByTwiceTheDegradationPerSelection() {
    Handlespace hs = handlespace();
    double[] loads = {0.2, 0.1, 0.1, 0.3};
    for (int id = 1; id <= 4; id++) register(hs, pe(id, loaded(PolicyType.LEAST_USED_DEGRADATION, loads[id - 1], 0.01)));
    for (int id = 1; id <= 4; id++) assertEquals(f(0.01), hs.find(POOL, id).degradation());
    List<String> picks = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      PoolElementEntry e = hs.select(POOL, 1, 0).get(0);
      picks.add(e.identifier() + "@" + Math.round(100.0 * e.degradation() / SelectionPolicy.MAX_VALUE));
    }
    assertEquals(List.of("2@3", "3@3", "2@5", "3@5", "2@7", "3@7", "2@9", "3@9", "2@11", "3@11",
        "1@3", "2@13", "3@13", "1@5", "2@15", "3@15"), picks);
  }

  /** Any re-registration of an entry with degradation resets it (here to 1 %, the update on re-linking). */
  @Test
  void reRegistrationResetsTheDegradationEvenWithUnchangedValues() {
    Handlespace hs = handlespace();
    register(hs, pe(1, loaded(PolicyType.LEAST_USED_DEGRADATION, 0.1, 0.01)));
    register(hs, pe(2, loaded(PolicyType.LEAST_USED_DEGRADATION, 0.1, 0.01)));
    singles(hs, 4);
    assertEquals(f(0.01) * 5, hs.find(POOL, 1).degradation());
    RegistrationResult again = hs.register(POOL, pe(1, loaded(PolicyType.LEAST_USED_DEGRADATION, 0.1, 0.01)), 1);
    assertTrue(again.relinked());
    assertEquals(f(0.01), hs.find(POOL, 1).degradation());
    assertEquals(List.of(1), singles(hs, 1));
  }

  /** The RFC 5356 §5.2 reading: degradation 0 after (re-)registration, + LoadDegradation per selection. */
  @Test
  void withoutUpdateOnRelinkDegradationCountsSelections() {
    Handlespace hs = handlespace(CauseSet.RFC_5354, false);
    PoolElementEntry e = register(hs, pe(1, loaded(PolicyType.LEAST_USED_DEGRADATION, 0.1, 0.01)));
    register(hs, pe(2, loaded(PolicyType.LEAST_USED_DEGRADATION, 0.5, 0.01)));
    assertEquals(0, e.degradation());
    singles(hs, 3);
    assertEquals(3 * f(0.01), e.degradation());
    hs.register(POOL, pe(1, loaded(PolicyType.LEAST_USED_DEGRADATION, 0.1, 0.01)), 1);
    assertEquals(0, e.degradation());
  }

  /** MaxIncrement limits which of the returned entries are degraded: only the first by default. */
  @Test
  void onlyTheFirstMaxIncrementEntriesAreDegraded() {
    Handlespace hs = handlespace();
    for (int id = 1; id <= 3; id++) register(hs, pe(id, loaded(PolicyType.LEAST_USED_DEGRADATION, 0.1 * id, 0.01)));
    hs.select(POOL, 3, 0);
    assertEquals(List.of(3 * f(0.01), f(0.01), f(0.01)), degradations(hs, 3));
    hs.select(POOL, 3, 2);
    assertEquals(List.of(5 * f(0.01), 3 * f(0.01), f(0.01)), degradations(hs, 3));
  }

  static List<Long> degradations(Handlespace hs, int n) {
    List<Long> d = new ArrayList<>();
    for (int id = 1; id <= n; id++) d.add(hs.find(POOL, id).degradation());
    return d;
  }

  /** rspsim-model.md §3.2: (0.1 + 0.05, 0.1 + 0, 0.12 + 0): always PE 2. */
  @Test
  void priorityLeastUsedAddsTheStaticLoadDegradation() {
    Handlespace hs = handlespace();
    register(hs, pe(1, loaded(PolicyType.PRIORITY_LEAST_USED, 0.1, 0.05)));
    register(hs, pe(2, loaded(PolicyType.PRIORITY_LEAST_USED, 0.1, 0)));
    register(hs, pe(3, loaded(PolicyType.PRIORITY_LEAST_USED, 0.12, 0)));
    assertEquals(List.of(2, 2, 2, 2), singles(hs, 4));
  }

  /** Priority LU with degradation: load + static degradation + accumulated degradation. */
  @Test
  void priorityLeastUsedDegradationAccumulatesOnTopOfThePriority() {
    Handlespace hs = handlespace();
    register(hs, pe(1, loaded(PolicyType.PRIORITY_LEAST_USED_DEGRADATION, 0.10, 0.02)));
    register(hs, pe(2, loaded(PolicyType.PRIORITY_LEAST_USED_DEGRADATION, 0.15, 0.01)));
    // keys after linking: 1: 0.10+0.02+0.02 = 0.14, 2: 0.15+0.01+0.01 = 0.17; PE 1 grows by 0.04 per selection.
    assertEquals(List.of(1, 2, 1, 2, 2), singles(hs, 5));
  }

  // Distance penalty factor -----------------------------------------------------------------------

  static SelectionPolicy dpf(PolicyType type, double load, double loadDegradation, double loadDpf, long distance) {
    return new SelectionPolicy(type, 0, f(load), type.uses(PolicyValue.LOAD_DEGRADATION) ? f(loadDegradation) : 0,
        f(loadDpf), 0, distance);
  }

  /** LU-DPF: equal loads, the nearer PE wins; the penalty is LoadDPF per millisecond of distance. */
  @Test
  void leastUsedDpfPrefersNearPoolElements() {
    Handlespace hs = handlespace();
    register(hs, pe(1, dpf(PolicyType.LEAST_USED_DPF, 0.1, 0, 0.00001, 170)));
    register(hs, pe(2, dpf(PolicyType.LEAST_USED_DPF, 0.1, 0, 0.00001, 10)));
    register(hs, pe(3, dpf(PolicyType.LEAST_USED_DPF, 0.1005, 0, 0.00001, 0)));
    // keys: 0.1017, 0.1001, 0.1005
    assertEquals(List.of(2, 3, 1), ids(hs.select(POOL, 3, 0)));
    assertEquals(List.of(2, 2), singles(hs, 2));
  }

  @Test
  void degradationAndPriorityDpfVariantsAddTheirTerms() {
    Handlespace lud = handlespace();
    // Keys after linking: 1: 0.10 + 0.01 + 300 ms x 0.0001 = 0.14, 2: 0.125 + 0.01 = 0.135; +0.02 per selection.
    register(lud, pe(1, dpf(PolicyType.LEAST_USED_DEGRADATION_DPF, 0.10, 0.01, 0.0001, 300)));
    register(lud, pe(2, dpf(PolicyType.LEAST_USED_DEGRADATION_DPF, 0.125, 0.01, 0.0001, 0)));
    assertEquals(List.of(2, 1, 2), singles(lud, 3));

    Handlespace plu = handlespace();
    register(plu, pe(1, dpf(PolicyType.PRIORITY_LEAST_USED_DPF, 0.10, 0.05, 0.0001, 0)));   // 0.15
    register(plu, pe(2, dpf(PolicyType.PRIORITY_LEAST_USED_DPF, 0.10, 0.00, 0.0001, 400))); // 0.14
    register(plu, pe(3, dpf(PolicyType.PRIORITY_LEAST_USED_DPF, 0.10, 0.00, 0.0001, 600))); // 0.16
    assertEquals(List.of(2, 1, 3), ids(plu.select(POOL, 3, 0)));

    Handlespace plud = handlespace();
    // Keys: 1: 0.10 + 0.02 + 0.02 + 0.01 = 0.15 (+0.04 per selection), 2: 0.14 + 0.01 + 0.01 = 0.16 (+0.02).
    register(plud, pe(1, dpf(PolicyType.PRIORITY_LEAST_USED_DEGRADATION_DPF, 0.10, 0.02, 0.0001, 100)));
    register(plud, pe(2, dpf(PolicyType.PRIORITY_LEAST_USED_DEGRADATION_DPF, 0.14, 0.01, 0.0001, 0)));
    assertEquals(List.of(1, 2, 2, 1), singles(plud, 4));
  }

  // Random policies -------------------------------------------------------------------------------

  /** rspsim-model.md §3.2: 4 PEs, 40,000 draws, about 10,000 each; MaxIncrement default 0. */
  @Test
  void randomIsUniform() {
    Handlespace hs = handlespace();
    for (int id = 1; id <= 4; id++) register(hs, pe(id, PolicyType.RANDOM));
    assertFrequencies(counts(hs, 40_000, 1, 4), 0.25, 0.25, 0.25, 0.25);
    assertEquals(0, hs.pool(POOL).defaultMaxIncrement());
  }

  /** Several items are drawn without replacement (RFC 5356 §4.3). */
  @Test
  void randomDrawsWithoutReplacement() {
    Handlespace hs = handlespace();
    for (int id = 1; id <= 5; id++) register(hs, pe(id, PolicyType.RANDOM));
    for (int i = 0; i < 200; i++) {
      List<Integer> picked = ids(hs.select(POOL, 4, 0));
      assertEquals(4, new HashSet<>(picked).size(), picked.toString());
    }
    assertEquals(5, hs.select(POOL, 9, 0).size());
  }

  /** rspsim-model.md §3.2: weights 1 and 3 give about 1 : 3; weight 0 is never chosen. */
  @Test
  void weightedRandomIsProportionalToTheWeight() {
    Handlespace hs = handlespace();
    register(hs, pe(1, weighted(PolicyType.WEIGHTED_RANDOM, 1)));
    register(hs, pe(2, weighted(PolicyType.WEIGHTED_RANDOM, 3)));
    register(hs, pe(3, weighted(PolicyType.WEIGHTED_RANDOM, 0)));
    int[] c = counts(hs, 40_000, 1, 3);
    assertEquals(0, c[3]);
    assertFrequencies(new int[] {0, c[1], c[2]}, 0.25, 0.75);
    // Two items from {1, 3, 0}: the zero-weight entry is not drawn even when the others are taken.
    assertEquals(List.of(1, 2), ids(hs.select(POOL, 3, 0)).stream().sorted().toList());
  }

  /**
   * Weighted random DPF: value = weight - rint(weight × distance × WeightDPF): weight 1000 at 0 ms
   * against weight 1000 at 100 ms with 0.5 % per ms = 500 (2 : 1).
   */
  @Test
  void weightedRandomDpfReducesTheWeightWithDistance() {
    Handlespace hs = handlespace();
    register(hs, pe(1, new SelectionPolicy(PolicyType.WEIGHTED_RANDOM_DPF, 1000, 0, 0, 0, f(0.005), 0)));
    register(hs, pe(2, new SelectionPolicy(PolicyType.WEIGHTED_RANDOM_DPF, 1000, 0, 0, 0, f(0.005), 100)));
    assertFrequencies(counts(hs, 30_000, 1, 2), 2.0 / 3, 1.0 / 3);
  }

  /** Randomized least used: probability proportional to 1 - load (RFC 5356 §5.4). */
  @Test
  void randomizedLeastUsedFavoursLowLoads() {
    Handlespace hs = handlespace();
    register(hs, pe(1, loaded(PolicyType.RANDOMIZED_LEAST_USED, 0.0, 0)));
    register(hs, pe(2, loaded(PolicyType.RANDOMIZED_LEAST_USED, 0.5, 0)));
    register(hs, pe(3, loaded(PolicyType.RANDOMIZED_LEAST_USED, 0.75, 0)));
    assertFrequencies(counts(hs, 40_000, 1, 3), 1 / 1.75, 0.5 / 1.75, 0.25 / 1.75);
    assertEquals(1, hs.pool(POOL).defaultMaxIncrement());
  }

  /** The randomized priority variants subtract the load degradation too; their degradation never grows. */
  @Test
  void randomizedPriorityVariantsSubtractTheLoadDegradation() {
    for (PolicyType type : List.of(PolicyType.RANDOMIZED_PRIORITY_LEAST_USED, PolicyType.RANDOMIZED_PRIORITY_LEAST_USED_DEGRADATION)) {
      Handlespace hs = handlespace();
      register(hs, pe(1, loaded(type, 0.25, 0.25)));
      register(hs, pe(2, loaded(type, 0.0, 0.0)));
      assertFrequencies(counts(hs, 30_000, 1, 2), 0.5 / 1.5, 1.0 / 1.5);
      assertEquals(0, hs.find(POOL, 1).degradation(), type.toString());
    }
    Handlespace rlud = handlespace();
    register(rlud, pe(1, loaded(PolicyType.RANDOMIZED_LEAST_USED_DEGRADATION, 0.5, 0.25)));
    register(rlud, pe(2, loaded(PolicyType.RANDOMIZED_LEAST_USED_DEGRADATION, 0.0, 0.25)));
    assertFrequencies(counts(rlud, 30_000, 1, 2), 0.5 / 1.5, 1.0 / 1.5);
  }

  @Test
  void theSameSeedGivesTheSameSelections() {
    List<List<Integer>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      Handlespace hs = new Handlespace(Handlespace.Options.defaults(), new SplittableRandom(7));
      for (int id = 1; id <= 6; id++) register(hs, pe(id, weighted(PolicyType.WEIGHTED_RANDOM, id)));
      List<Integer> picks = new ArrayList<>();
      for (int i = 0; i < 50; i++) picks.addAll(ids(hs.select(POOL, 2, 0)));
      runs.add(picks);
    }
    assertEquals(runs.get(0), runs.get(1));
  }

  // Pool user side -----------------------------------------------------------------------------------

  /**
   * A pool user's cache selects from a standalone pool with MaxIncrement 1,000,000,000 (RSPSIM
   * pooluserasapprocess.cc): with several items every returned entry advances.
   */
  @Test
  void aStandalonePoolSelectsLikeTheRegistrars() {
    Pool cache = Pool.standalone(POOL, PolicyType.ROUND_ROBIN, new SplittableRandom(1), true);
    for (int id = 1; id <= 4; id++) cache.addOrUpdate(pe(id, PolicyType.ROUND_ROBIN), 0);
    assertEquals(List.of(1, 2, 3), ids(cache.select(3, 1_000_000_000)));
    assertEquals(List.of(4, 1, 2), ids(cache.select(3, 1_000_000_000)));
    PoolElementParameter lu = pe(9, loaded(PolicyType.LEAST_USED, 0.3, 0));
    Pool luCache = Pool.standalone(POOL, PolicyType.LEAST_USED, new SplittableRandom(1), true);
    luCache.addOrUpdate(lu, 0);
    luCache.addOrUpdate(pe(8, loaded(PolicyType.LEAST_USED, 0.2, 0)), 0);
    assertEquals(List.of(8), ids(luCache.select(1, 1_000_000_000)));
    luCache.addOrUpdate(pe(8, loaded(PolicyType.LEAST_USED, 0.4, 0)), 1);
    assertEquals(List.of(9), ids(luCache.select(1, 1_000_000_000)));
    assertEquals(9, luCache.remove(9).identifier());
    assertEquals(1, luCache.size());
  }
}

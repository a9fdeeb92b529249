package org.rserpool.emulator.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepPlanTest {

  @Test
  void theGridIsTheCartesianProductFirstParameterSlowestAndEveryPointRunsEachReplication() {
    SweepDefinition d = SweepParserTest.parse("sweep { replications = 2, parameters = ["
        + "{ key = \"rserpool.pool-element.policy\", values = [LeastUsed, Random] }\n"
        + "{ key = \"scenario.workload.target-utilization\", values = [0.2, 0.5, 0.8] } ] }");
    SweepPlan plan = SweepPlan.expand(d, 10);
    assertEquals(6, plan.points().size());
    assertEquals(List.of(
        "rserpool.pool-element.policy=LeastUsed, scenario.workload.target-utilization=0.2",
        "rserpool.pool-element.policy=LeastUsed, scenario.workload.target-utilization=0.5",
        "rserpool.pool-element.policy=LeastUsed, scenario.workload.target-utilization=0.8",
        "rserpool.pool-element.policy=Random, scenario.workload.target-utilization=0.2",
        "rserpool.pool-element.policy=Random, scenario.workload.target-utilization=0.5",
        "rserpool.pool-element.policy=Random, scenario.workload.target-utilization=0.8"),
        plan.points().stream().map(GridPoint::label).toList());
    assertEquals(12, plan.runs().size());
    // Replication k of every point uses seed + k - 1: the same workloads across the grid.
    assertEquals(List.of(10L, 11L, 10L, 11L), plan.runs().subList(0, 4).stream().map(SweepRun::seed).toList());
    assertEquals(List.of(1, 2, 1, 2), plan.runs().subList(0, 4).stream().map(SweepRun::replication).toList());
    assertEquals(List.of(1, 2, 3, 4), plan.runs().subList(0, 4).stream().map(SweepRun::number).toList());
    SweepRun last = plan.runs().get(11);
    assertEquals(5, last.point().index());
    assertEquals(Map.of("rserpool.pool-element.policy", "Random", "scenario.workload.target-utilization", 0.8, "scenario.seed", 11L),
        last.overrides());
  }

  @Test
  void aSingleParameterWithOneReplicationIsOneRunPerValue() {
    SweepPlan plan = SweepPlan.expand(SweepParserTest.parse("sweep.parameters = [{ key = \"rserpool.pool-user.job-size\", values = [1e6, 1e7] }]"), 1);
    assertEquals(2, plan.runs().size());
    assertEquals(List.of(1L, 1L), plan.runs().stream().map(SweepRun::seed).toList());
  }
}

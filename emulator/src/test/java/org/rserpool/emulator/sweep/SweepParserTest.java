package org.rserpool.emulator.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepParserTest {

  static SweepDefinition parse(String hocon) {
    return SweepParser.parse(ConfigFactory.parseString(hocon), ConfigFactory.defaultReference());
  }

  static String failure(String hocon) {
    return assertThrows(ConfigException.class, () -> parse(hocon)).getMessage();
  }

  /** Parsing fails with a message that contains every fragment (the key, what is allowed). */
  static void failsNaming(String hocon, String... fragments) {
    String m = failure(hocon);
    for (String f : fragments) assertTrue(m.contains(f), "'" + f + "' in: " + m);
  }

  static final String POLICIES = "{ key = \"rserpool.pool-element.policy\", values = [\"LeastUsed\", \"RoundRobin\", \"Random\"] }";
  static final String UTILIZATION = "{ key = \"scenario.workload.target-utilization\", values = [0.2, 0.5, 0.8] }";

  @Test
  void readsTheContractsBlock() {
    SweepDefinition d = parse("sweep { replications = 3, parameters = [" + POLICIES + ", " + UTILIZATION + "]\n"
        + "plot { x = \"scenario.workload.target-utilization\", curves = \"rserpool.pool-element.policy\","
        + " metrics = [\"SystemUtilization\", \"SystemAverageHandlingSpeedPercent\"] } }");
    assertEquals(3, d.replications());
    assertEquals(List.of("rserpool.pool-element.policy", "scenario.workload.target-utilization"), d.keys());
    assertEquals(List.of("LeastUsed", "RoundRobin", "Random"),
        d.parameter("rserpool.pool-element.policy").values().stream().map(SweptParameter::text).toList());
    assertEquals(new PlotSpec("scenario.workload.target-utilization", "rserpool.pool-element.policy",
        List.of("SystemUtilization", "SystemAverageHandlingSpeedPercent")), d.plot());
  }

  @Test
  void replicationsDefaultToOneAndThePlotIsOptional() {
    SweepDefinition d = parse("sweep.parameters = [" + POLICIES + "]");
    assertEquals(1, d.replications());
    assertNull(d.plot());
  }

  @Test
  void durationsMayBeAnXAxisInSeconds() {
    SweepDefinition d = parse("sweep { parameters = [{ key = \"scenario.network.wan-delay\", values = [\"0ms\", \"50ms\", \"1s\"] }]\n"
        + "plot { x = \"scenario.network.wan-delay\", metrics = [\"SystemUtilization\"] } }");
    XAxis x = XAxis.of(d.parameter("scenario.network.wan-delay"));
    assertEquals("s", x.unit());
    assertEquals(List.of(0.0, 0.05, 1.0), java.util.Arrays.stream(x.values()).boxed().toList());
  }

  @Test
  void aFileWithoutASweepBlockIsToldHowToWriteOne() {
    failsNaming("scenario.name = x", "'sweep'", "no sweep block", "parameters");
  }

  @Test
  void anUnknownParameterKeyIsNamed() {
    failsNaming("sweep.parameters = [" + POLICIES + ", { key = \"rserpool.pool-element.polcy\", values = [1] }]",
        "sweep.parameters[1].key", "unknown key 'rserpool.pool-element.polcy'");
    failsNaming("sweep.parameters = [{ key = \"akka.loglevel\", values = [DEBUG] }]",
        "sweep.parameters[0].key", "under scenario or rserpool");
  }

  @Test
  void anUnknownKeyInTheBlockIsNamedWithTheAllowedOnes() {
    failsNaming("sweep { replication = 3, parameters = [" + POLICIES + "] }", "sweep.replication", "[replications, parameters, plot]");
    failsNaming("sweep.parameters = [{ key = \"rserpool.pool-element.policy\", value = [Random] }]",
        "sweep.parameters[0].value", "[key, values]");
    failsNaming("sweep { parameters = [" + UTILIZATION + "], plot { x = \"scenario.workload.target-utilization\", "
        + "metric = [SystemUtilization] } }", "sweep.plot.metric", "[x, curves, metrics]");
  }

  @Test
  void replicationsMustBeAWholeNumberOfAtLeastOne() {
    assertTrue(failure("sweep { replications = 0, parameters = [" + POLICIES + "] }").contains("sweep.replications"));
    failsNaming("sweep { replications = 2.5, parameters = [" + POLICIES + "] }", "sweep.replications", "whole number >= 1");
  }

  @Test
  void parametersMustBeAListOfDistinctKeysWithDistinctValues() {
    assertTrue(failure("sweep.replications = 2").contains("sweep.parameters"));
    assertTrue(failure("sweep.parameters = []").contains("at least one parameter"));
    failsNaming("sweep.parameters = [" + POLICIES + ", " + POLICIES + "]", "sweep.parameters[1].key", "swept twice");
    failsNaming("sweep.parameters = [{ key = \"rserpool.pool-element.policy\", values = [] }]",
        "sweep.parameters[0].values", "at least one value");
    failsNaming("sweep.parameters = [{ key = \"rserpool.pool-element.policy\", values = [Random, Random] }]",
        "sweep.parameters[0].values[1]", "listed twice");
  }

  @Test
  void theSeedIsSetByReplicationsNotSwept() {
    failsNaming("sweep.parameters = [{ key = \"scenario.seed\", values = [1, 2] }]", "sweep.parameters[0].key", "sweep.replications");
  }

  @Test
  void plotXMustBeASweptKeyWithNumericValues() {
    failsNaming("sweep { parameters = [" + POLICIES + "], plot { x = \"scenario.workload.target-utilization\", "
        + "metrics = [SystemUtilization] } }", "sweep.plot.x", "must be a swept key, one of [rserpool.pool-element.policy]");
    failsNaming("sweep { parameters = [" + POLICIES + "], plot { x = \"rserpool.pool-element.policy\", "
        + "metrics = [SystemUtilization] } }", "sweep.plot.x", "numeric values", "'LeastUsed'");
    assertTrue(failure("sweep { parameters = [" + POLICIES + "], plot.metrics = [SystemUtilization] }").contains("sweep.plot.x"));
  }

  @Test
  void plotCurvesMustBeAnotherSweptKey() {
    failsNaming("sweep { parameters = [" + UTILIZATION + "], plot { x = \"scenario.workload.target-utilization\", "
        + "curves = \"scenario.workload.target-utilization\", metrics = [SystemUtilization] } }", "sweep.plot.curves", "must differ");
    failsNaming("sweep { parameters = [" + UTILIZATION + "], plot { x = \"scenario.workload.target-utilization\", "
        + "curves = \"rserpool.pool-element.policy\", metrics = [SystemUtilization] } }", "sweep.plot.curves", "must be a swept key");
  }

  @Test
  void plotMetricsMustBeANonEmptyListOfNames() {
    String prefix = "sweep { parameters = [" + UTILIZATION + "], plot { x = \"scenario.workload.target-utilization\"";
    assertTrue(failure(prefix + " } }").contains("sweep.plot.metrics"));
    assertTrue(failure(prefix + ", metrics = [] } }").contains("at least one results key"));
    assertTrue(failure(prefix + ", metrics = SystemUtilization } }").contains("must be a list"));
    assertTrue(failure(prefix + ", metrics = [SystemUtilization, SystemUtilization] } }").contains("sweep.plot.metrics[1]"));
  }
}

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
    String m = failure("scenario.name = x");
    assertTrue(m.contains("'sweep'") && m.contains("no sweep block") && m.contains("parameters"), m);
  }

  @Test
  void anUnknownParameterKeyIsNamed() {
    String m = failure("sweep.parameters = [" + POLICIES + ", { key = \"rserpool.pool-element.polcy\", values = [1] }]");
    assertTrue(m.contains("sweep.parameters[1].key") && m.contains("unknown key 'rserpool.pool-element.polcy'"), m);
    String akka = failure("sweep.parameters = [{ key = \"akka.loglevel\", values = [DEBUG] }]");
    assertTrue(akka.contains("sweep.parameters[0].key") && akka.contains("under scenario or rserpool"), akka);
  }

  @Test
  void anUnknownKeyInTheBlockIsNamedWithTheAllowedOnes() {
    String m = failure("sweep { replication = 3, parameters = [" + POLICIES + "] }");
    assertTrue(m.contains("sweep.replication") && m.contains("[replications, parameters, plot]"), m);
    String p = failure("sweep.parameters = [{ key = \"rserpool.pool-element.policy\", value = [Random] }]");
    assertTrue(p.contains("sweep.parameters[0].value") && p.contains("[key, values]"), p);
    String plot = failure("sweep { parameters = [" + UTILIZATION + "], plot { x = \"scenario.workload.target-utilization\", "
        + "metric = [SystemUtilization] } }");
    assertTrue(plot.contains("sweep.plot.metric") && plot.contains("[x, curves, metrics]"), plot);
  }

  @Test
  void replicationsMustBeAWholeNumberOfAtLeastOne() {
    assertTrue(failure("sweep { replications = 0, parameters = [" + POLICIES + "] }").contains("sweep.replications"));
    String m = failure("sweep { replications = 2.5, parameters = [" + POLICIES + "] }");
    assertTrue(m.contains("sweep.replications") && m.contains("whole number >= 1"), m);
  }

  @Test
  void parametersMustBeAListOfDistinctKeysWithDistinctValues() {
    assertTrue(failure("sweep.replications = 2").contains("sweep.parameters"));
    assertTrue(failure("sweep.parameters = []").contains("at least one parameter"));
    String twice = failure("sweep.parameters = [" + POLICIES + ", " + POLICIES + "]");
    assertTrue(twice.contains("sweep.parameters[1].key") && twice.contains("swept twice"), twice);
    String empty = failure("sweep.parameters = [{ key = \"rserpool.pool-element.policy\", values = [] }]");
    assertTrue(empty.contains("sweep.parameters[0].values") && empty.contains("at least one value"), empty);
    String dup = failure("sweep.parameters = [{ key = \"rserpool.pool-element.policy\", values = [Random, Random] }]");
    assertTrue(dup.contains("sweep.parameters[0].values[1]") && dup.contains("listed twice"), dup);
  }

  @Test
  void theSeedIsSetByReplicationsNotSwept() {
    String m = failure("sweep.parameters = [{ key = \"scenario.seed\", values = [1, 2] }]");
    assertTrue(m.contains("sweep.parameters[0].key") && m.contains("sweep.replications"), m);
  }

  @Test
  void plotXMustBeASweptKeyWithNumericValues() {
    String notSwept = failure("sweep { parameters = [" + POLICIES + "], plot { x = \"scenario.workload.target-utilization\", "
        + "metrics = [SystemUtilization] } }");
    assertTrue(notSwept.contains("sweep.plot.x") && notSwept.contains("must be a swept key, one of [rserpool.pool-element.policy]"), notSwept);
    String notNumeric = failure("sweep { parameters = [" + POLICIES + "], plot { x = \"rserpool.pool-element.policy\", "
        + "metrics = [SystemUtilization] } }");
    assertTrue(notNumeric.contains("sweep.plot.x") && notNumeric.contains("numeric values") && notNumeric.contains("'LeastUsed'"), notNumeric);
    assertTrue(failure("sweep { parameters = [" + POLICIES + "], plot.metrics = [SystemUtilization] }").contains("sweep.plot.x"));
  }

  @Test
  void plotCurvesMustBeAnotherSweptKey() {
    String same = failure("sweep { parameters = [" + UTILIZATION + "], plot { x = \"scenario.workload.target-utilization\", "
        + "curves = \"scenario.workload.target-utilization\", metrics = [SystemUtilization] } }");
    assertTrue(same.contains("sweep.plot.curves") && same.contains("must differ"), same);
    String notSwept = failure("sweep { parameters = [" + UTILIZATION + "], plot { x = \"scenario.workload.target-utilization\", "
        + "curves = \"rserpool.pool-element.policy\", metrics = [SystemUtilization] } }");
    assertTrue(notSwept.contains("sweep.plot.curves") && notSwept.contains("must be a swept key"), notSwept);
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

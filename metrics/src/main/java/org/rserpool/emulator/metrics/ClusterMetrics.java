package org.rserpool.emulator.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The cluster's meters, present on every node (a single-node emulation is a cluster of one, so that
 * dashboards and alert rules need no special case):
 *
 * <ul>
 *   <li>{@code emulator_cluster_members}: members this node sees Up;
 *   <li>{@code emulator_cluster_unreachable_members}: members this node's failure detector marks unreachable;
 *   <li>{@code emulator_node_failures_total}: nodes the emulation lost (downed) since its start.
 * </ul>
 */
public final class ClusterMetrics {
  private ClusterMetrics() {}

  public static void register(MeterRegistry registry, IntSupplier members, IntSupplier unreachable, LongSupplier nodeFailures) {
    Gauge.builder("emulator.cluster.members", members::getAsInt)
        .description("Cluster members this node sees Up").register(registry);
    Gauge.builder("emulator.cluster.unreachable.members", unreachable::getAsInt)
        .description("Cluster members this node's failure detector marks unreachable").register(registry);
    FunctionCounter.builder("emulator.node.failures", nodeFailures, LongSupplier::getAsLong)
        .description("Nodes the emulation lost since its start").register(registry);
  }

  /** A single-node emulation: one member, none unreachable, no node failures. */
  public static void registerSingleNode(MeterRegistry registry) {
    register(registry, () -> 1, () -> 0, () -> 0);
  }
}

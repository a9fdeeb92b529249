package org.rserpool.emulator.cluster;

import akka.actor.typed.ActorRef;
import java.util.List;
import java.util.Map;
import org.rserpool.emulator.serialization.ClusterSerializable;

/**
 * What the coordinator tells every node: the nodes (sorted by address), which node runs which
 * component, and the wall-clock instant at which emulated time zero is on every node. Nodes keep the
 * current plan and send it back with their heartbeats, so a coordinator that moved to another node
 * carries on from it.
 *
 * @param live whether each node is still up
 * @param generation how often components were moved to other nodes (restarted pool elements draw new
 *     identifiers from it)
 */
public record ClusterPlan(List<NodeInfo> nodes, Map<String, Integer> placement, long startEpochMillis, String scenarioHash,
    boolean[] live, int generation, int nodeFailures) implements ClusterSerializable {

  /** One node: its name (the metrics' node label), its cluster address, its agent. */
  public record NodeInfo(String name, String address, ActorRef<NodeAgent.Command> agent) implements ClusterSerializable {}

  public ClusterPlan {
    nodes = List.copyOf(nodes);
    placement = Map.copyOf(placement);
    live = live.clone();
  }

  /** A copy: the plan stays as it was made. */
  @Override
  public boolean[] live() {
    return live.clone();
  }

  /** This plan after a membership change: who is live, components moved, failures counted. */
  ClusterPlan with(boolean[] newLive, Map<String, Integer> moved, int newGeneration, int newFailures) {
    Map<String, Integer> p = new java.util.HashMap<>(placement);
    p.putAll(moved);
    return new ClusterPlan(nodes, p, startEpochMillis, scenarioHash, newLive, newGeneration, newFailures);
  }

  /** The index of the node with this cluster address; -1 if none. */
  int indexOf(String address) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).address().equals(address)) return i;
    }
    return -1;
  }

  /** How many components each node runs now. */
  int[] componentsPerNode() {
    int[] count = new int[nodes.size()];
    for (int n : placement.values()) {
      if (n >= 0) count[n]++;
    }
    return count;
  }
}

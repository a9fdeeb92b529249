package org.rserpool.emulator.cluster;

import akka.actor.typed.ActorRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rserpool.emulator.runtime.Deployment;
import org.rserpool.emulator.serialization.ClusterSerializable;

/**
 * What the coordinator tells every node: the nodes (sorted by name), the placement mode, and the
 * wall-clock instant at which emulated time zero is on every node. Which node runs which component
 * follows from these and the scenario alone ({@link #placement}), so the plan stays small however many
 * components there are (Artery's frames are 256 KiB). Nodes keep the current plan and send it back
 * with their heartbeats, so a coordinator that moved to another node carries on from it.
 *
 * @param live whether each node is still up
 * @param rehomes the live nodes at each time components of lost nodes were moved (in order): the
 *     placement is replayed from them; their count is the generation restarted pool elements draw new
 *     identifiers from
 */
public record ClusterPlan(List<NodeInfo> nodes, Placement.Mode mode, long startEpochMillis, String scenarioHash, boolean[] live,
    List<boolean[]> rehomes, int nodeFailures) implements ClusterSerializable {

  /** One node: its name (the metrics' node label), its cluster address, its agent. */
  public record NodeInfo(String name, String address, ActorRef<NodeAgent.Command> agent) implements ClusterSerializable {}

  public ClusterPlan {
    nodes = List.copyOf(nodes);
    live = live.clone();
    List<boolean[]> copies = new ArrayList<>();
    for (boolean[] r : rehomes) copies.add(r.clone());
    rehomes = List.copyOf(copies);
  }

  /** A copy: the plan stays as it was made. */
  @Override
  public boolean[] live() {
    return live.clone();
  }

  public int generation() {
    return rehomes.size();
  }

  /** Component name to node index now: the initial placement with every move replayed. */
  public Map<String, Integer> placement(Deployment deployment) {
    Map<String, Integer> p = new HashMap<>(Placement.of(deployment, nodes.size(), mode));
    for (boolean[] liveThen : rehomes) p.putAll(Placement.rehome(p, liveThen));
    return p;
  }

  /** This plan with nodes lost. */
  ClusterPlan withLive(boolean[] newLive, int newFailures) {
    return new ClusterPlan(nodes, mode, startEpochMillis, scenarioHash, newLive, rehomes, newFailures);
  }

  /** This plan with the lost nodes' components moved to the live ones. */
  ClusterPlan withRehome() {
    List<boolean[]> r = new ArrayList<>(rehomes);
    r.add(live);
    return new ClusterPlan(nodes, mode, startEpochMillis, scenarioHash, live, r, nodeFailures);
  }

  /** The index of the node with this cluster address; -1 if none. */
  int indexOf(String address) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).address().equals(address)) return i;
    }
    return -1;
  }

  /** How many components each node runs in this placement. */
  int[] componentsPerNode(Map<String, Integer> placement) {
    int[] count = new int[nodes.size()];
    for (int n : placement.values()) {
      if (n >= 0) count[n]++;
    }
    return count;
  }
}

package org.rserpool.emulator.cluster;

import akka.actor.typed.ActorRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.rserpool.emulator.network.NodeRouter;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.runtime.Deployment;
import org.rserpool.emulator.runtime.EmulationGuardian;

/**
 * This node's view of where every emulated host runs: each component's address belongs to the node
 * the placement gives it; a packet for a host on another node goes to that node's agent through Akka
 * remoting (Kryo). Thread-safe: the network asks from any sender's thread.
 */
final class ClusterRouter implements NodeRouter, EmulationGuardian.ClusterPeers {
  private final int self;
  private final Map<Ipv4Address, String> componentAt = new HashMap<>();
  private final ConcurrentHashMap<String, Integer> placement = new ConcurrentHashMap<>();
  private final List<ActorRef<NodeAgent.Command>> agents;
  private final List<ActorRef<EmulationGuardian.Command>> guardians;
  private volatile boolean[] live;
  /** Packets for hosts whose node was lost (and whose components have not started elsewhere yet). */
  final LongAdder toLostNodes = new LongAdder();

  ClusterRouter(int self, Deployment deployment, ClusterPlan plan, Map<String, Integer> initial,
      List<ActorRef<EmulationGuardian.Command>> guardians) {
    this.self = self;
    for (Deployment.RegistrarSpec r : deployment.registrars()) componentAt.put(r.asapAddress().address(), r.name());
    for (Deployment.ComponentSpec c : deployment.poolElements()) componentAt.put(c.address().address(), c.name());
    for (Deployment.ComponentSpec c : deployment.poolUsers()) componentAt.put(c.address().address(), c.name());
    for (Deployment.ComponentSpec c : deployment.attackers()) componentAt.put(c.address().address(), c.name());
    placement.putAll(initial);
    this.agents = plan.nodes().stream().map(ClusterPlan.NodeInfo::agent).toList();
    this.guardians = List.copyOf(guardians);
    this.live = plan.live();
  }

  /** The node that runs the host of this address now; {@code self} for hosts nobody knows. */
  int nodeOf(TransportAddress address) {
    String name = componentAt.get(address.address());
    if (name == null) return self;
    return placement.getOrDefault(name, self);
  }

  void update(boolean[] newLive, Map<String, Integer> moved) {
    placement.putAll(moved);
    this.live = newLive.clone();
  }

  boolean isLive(int node) {
    return node >= 0 && live[node];
  }

  @Override
  public boolean isRemote(TransportAddress receiver) {
    return nodeOf(receiver) != self;
  }

  @Override
  public void forward(Packet packet, long sentNanos, long dueNanos) {
    int node = nodeOf(packet.receiver());
    if (!isLive(node)) {
      toLostNodes.increment();
      return;
    }
    agents.get(node).tell(new NodeAgent.RemotePacket(packet, sentNanos, dueNanos));
  }

  @Override
  public void forwardToGroup(Packet packet, long sentNanos, long dueNanos) {
    toOthers(new NodeAgent.RemotePacket(packet, sentNanos, dueNanos));
  }

  @Override
  public void joined(TransportAddress group, TransportAddress member) {
    toOthers(new NodeAgent.GroupChange(group, member, true));
  }

  @Override
  public void left(TransportAddress group, TransportAddress member) {
    toOthers(new NodeAgent.GroupChange(group, member, false));
  }

  void toOthers(NodeAgent.Command message) {
    boolean[] l = live;
    for (int i = 0; i < agents.size(); i++) {
      if (i != self && l[i]) agents.get(i).tell(message);
    }
  }

  @Override
  public ActorRef<EmulationGuardian.Command> hostOf(String component) {
    Integer node = placement.get(component);
    if (node == null || node == self || !isLive(node)) return null;
    return guardians.get(node);
  }

  @Override
  public List<ActorRef<EmulationGuardian.Command>> others() {
    boolean[] l = live;
    List<ActorRef<EmulationGuardian.Command>> list = new java.util.ArrayList<>();
    for (int i = 0; i < guardians.size(); i++) {
      if (i != self && l[i]) list.add(guardians.get(i));
    }
    return list;
  }
}

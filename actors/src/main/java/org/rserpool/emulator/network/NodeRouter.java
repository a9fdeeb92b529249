package org.rserpool.emulator.network;

/**
 * Where a network that spans several cluster nodes hands over what is not its own: packets for
 * endpoints another node hosts, and this node's multicast group memberships (which the other nodes
 * need to copy announcements to them). A single-node network has no router.
 *
 * <p>The link model and faults are applied once, by the sending node; the packet crosses with the
 * emulated time it is due at and waits for it in the receiving node's delay line ({@link
 * Network#arriveFromNode}).
 */
public interface NodeRouter {

  /** Whether the endpoint's host is emulated on another node. */
  boolean isRemote(TransportAddress receiver);

  /** Sends a packet to the node that hosts its receiver, sent at emulated {@code sentNanos}, due there at {@code dueNanos}. */
  void forward(Packet packet, long sentNanos, long dueNanos);

  /**
   * Sends a datagram to a multicast group (no recipient) to every other node, due there at {@code
   * dueNanos}: each node hands a copy to its own members of the group in the sender's site, as the
   * sender's node does to its members ({@link Network}: one remote message per node instead of one
   * per member).
   */
  void forwardToGroup(Packet packet, long sentNanos, long dueNanos);

  /** An endpoint of this node joined a multicast group. */
  void joined(TransportAddress group, TransportAddress member);

  /** An endpoint of this node left a multicast group. */
  void left(TransportAddress group, TransportAddress member);
}

package org.rserpool.emulator.network;

import akka.actor.typed.ActorRef;
import java.util.ArrayList;
import java.util.List;
import org.rserpool.emulator.network.association.AssociationEvent;
import org.rserpool.emulator.protocol.Message;

/**
 * A component's attachment to the network: the addresses it is bound to and the way it sends. An actor
 * creates one at start and closes it when it stops, so its addresses go with it.
 */
public final class Endpoint implements AutoCloseable {
  private final Network network;
  private final ActorRef<Packet> receiver;
  private final List<TransportAddress> bound = new ArrayList<>();
  private final List<TransportAddress[]> joined = new ArrayList<>();

  public Endpoint(Network network, ActorRef<Packet> receiver) {
    this.network = network;
    this.receiver = receiver;
  }

  /** Receives what is sent to {@code address} from now on. */
  public Endpoint bind(TransportAddress address) {
    network.bind(address, receiver);
    bound.add(address);
    return this;
  }

  /**
   * Receives, at the bound {@code member} address, what is sent to the multicast {@code group} from
   * this site (e.g. ASAP_SERVER_ANNOUNCE to 239.0.0.50:3863).
   */
  public Endpoint join(TransportAddress group, TransportAddress member) {
    if (!bound.contains(member)) throw new IllegalArgumentException(member + " is not bound by this endpoint");
    network.join(group, member);
    joined.add(new TransportAddress[] {group, member});
    return this;
  }

  /**
   * Hears, from now on, of the associations of every address bound so far that are gone (SCTP's
   * COMM_LOST notifications; none when ASAP and ENRP travel as datagrams).
   */
  public Endpoint watchAssociations(ActorRef<AssociationEvent> listener) {
    for (TransportAddress a : bound) network.watchAssociations(a, listener);
    return this;
  }

  /** Aborts the association from {@code local} to {@code peer} (nothing when there is none). */
  public void abort(TransportAddress local, TransportAddress peer) {
    network.abort(local, peer);
  }

  /** Sends a packet; {@code to} may be a multicast group. */
  public void send(TransportAddress from, TransportAddress to, Message message) {
    network.send(new Packet(from, to, message));
  }

  /** Answers a received packet from the address it was sent to. */
  public void reply(Packet received, Message answer) {
    network.send(received.reply(answer));
  }

  public Network network() {
    return network;
  }

  @Override
  public void close() {
    for (TransportAddress[] g : joined) network.leave(g[0], g[1]);
    joined.clear();
    for (TransportAddress a : bound) network.unbind(a, receiver);
    bound.clear();
  }
}

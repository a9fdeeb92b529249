package org.rserpool.emulator.network;

import akka.actor.typed.ActorRef;
import java.util.ArrayList;
import java.util.List;
import org.rserpool.emulator.protocol.Message;

/**
 * A component's attachment to the network: the addresses it is bound to and the way it sends. An actor
 * creates one at start and closes it when it stops, so its addresses go with it.
 */
public final class Endpoint implements AutoCloseable {
  private final Network network;
  private final ActorRef<Packet> receiver;
  private final List<TransportAddress> bound = new ArrayList<>();

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
    for (TransportAddress a : bound) network.unbind(a, receiver);
    bound.clear();
  }
}

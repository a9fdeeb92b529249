package org.rserpool.emulator.network;

import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.serialization.ClusterSerializable;

/**
 * One message in flight over the emulated network, with the endpoints it travels between.
 *
 * @param destination where it was sent: an endpoint, or a multicast group (address in 224.0.0.0/4)
 * @param recipient for a copy of a multicast packet, the group member's endpoint it goes to;
 *     {@code null} for a unicast packet (which goes to {@code destination})
 */
public record Packet(TransportAddress source, TransportAddress destination, Message message, TransportAddress recipient)
    implements ClusterSerializable {

  public Packet {
    if (source == null || destination == null || message == null) {
      throw new IllegalArgumentException("source, destination and message are required");
    }
  }

  /** A unicast packet. */
  public Packet(TransportAddress source, TransportAddress destination, Message message) {
    this(source, destination, message, null);
  }

  /** Whether it was sent to a multicast group (as ASAP and ENRP announcements are, over UDP). */
  public boolean multicast() {
    return destination.address().isMulticast();
  }

  /** The endpoint this packet is delivered to. */
  public TransportAddress receiver() {
    return recipient != null ? recipient : destination;
  }

  /** A unicast packet back to this one's source, from the endpoint that received it. */
  public Packet reply(Message answer) {
    return new Packet(receiver(), source, answer);
  }
}

package org.rserpool.emulator.network;

import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.serialization.ClusterSerializable;

/** One message in flight over the emulated network, with the endpoints it travels between. */
public record Packet(TransportAddress source, TransportAddress destination, Message message) implements ClusterSerializable {

  public Packet {
    if (source == null || destination == null || message == null) {
      throw new IllegalArgumentException("source, destination and message are required");
    }
  }

  /** A packet back to this one's source, from its destination. */
  public Packet reply(Message answer) {
    return new Packet(destination, source, answer);
  }
}

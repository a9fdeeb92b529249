package org.rserpool.emulator.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.RawMessage;
import org.rserpool.emulator.protocol.codec.CodecException;
import org.rserpool.emulator.protocol.codec.MessageCodec;
import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.Ipv4Address;

/**
 * Kryo's format for a {@link Packet} between cluster nodes: the endpoints as numbers and the message
 * as its RFC 5354 wire bytes (the project's codec), not as a tree of records. Profiles of a cluster
 * whose traffic crosses nodes put Kryo's generic record serializer (reflection, boxing) at about a
 * quarter of every node's CPU time; the codec writes the same message without reflection, and its
 * round trip is exact for every message type (CodecRoundTripProperties). A {@link RawMessage} travels
 * as its bytes, undecoded, as it does inside a node: its receiver decodes it and answers errors.
 */
final class PacketSerializer extends Serializer<Packet> {
  private static final PayloadProtocol[] PROTOCOLS = PayloadProtocol.values();
  private static final int DECODED = 0;
  private static final int RAW = 1;

  PacketSerializer() {
    super(false, true);
  }

  @Override
  public void write(Kryo kryo, Output out, Packet packet) {
    writeAddress(out, packet.source());
    writeAddress(out, packet.destination());
    out.writeBoolean(packet.recipient() != null);
    if (packet.recipient() != null) writeAddress(out, packet.recipient());
    Message m = packet.message();
    out.writeByte(m.protocol().ordinal());
    out.writeByte(m instanceof RawMessage ? RAW : DECODED);
    byte[] bytes = MessageCodec.encode(m);
    out.writeVarInt(bytes.length, true);
    out.writeBytes(bytes);
  }

  @Override
  public Packet read(Kryo kryo, Input in, Class<? extends Packet> type) {
    TransportAddress source = readAddress(in);
    TransportAddress destination = readAddress(in);
    TransportAddress recipient = in.readBoolean() ? readAddress(in) : null;
    int protocol = in.readByte();
    int form = in.readByte();
    if (protocol < 0 || protocol >= PROTOCOLS.length) throw new KryoException("a packet with protocol number " + protocol);
    byte[] bytes = in.readBytes(in.readVarInt(true));
    Message message;
    if (form == RAW) {
      message = new RawMessage(PROTOCOLS[protocol], new Bytes(bytes));
    } else {
      try {
        message = MessageCodec.decode(PROTOCOLS[protocol], bytes);
      } catch (CodecException e) {
        // The sending node encoded it with the same codec: a failure here is a bug or a corrupt frame.
        throw new KryoException("a packet from " + source + " to " + destination + " does not decode: " + e.getMessage(), e);
      }
    }
    return new Packet(source, destination, message, recipient);
  }

  private static void writeAddress(Output out, TransportAddress a) {
    out.writeInt(a.address().value());
    out.writeShort(a.port());
  }

  private static TransportAddress readAddress(Input in) {
    return new TransportAddress(new Ipv4Address(in.readInt()), in.readShortUnsigned());
  }
}

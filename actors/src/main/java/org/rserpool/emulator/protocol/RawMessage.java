package org.rserpool.emulator.protocol;

import org.rserpool.emulator.protocol.param.Bytes;

/**
 * Bytes on the wire that nobody has decoded: what an SCTP DATA chunk with a Payload Protocol Identifier
 * carries before the receiver parses it. Components normally exchange message records; this lets
 * arbitrary bytes travel the emulated network too (malformed input, fuzzing through the network, a
 * future "inject raw message" control), so that the receiver's own decoding and its error replies are
 * exercised. The codec encodes it as exactly its bytes, and a capture shows them as they are.
 *
 * @param protocol the protocol the bytes claim to be (the PPID they are sent with)
 * @param bytes the message bytes, possibly malformed
 */
public record RawMessage(PayloadProtocol protocol, Bytes bytes) implements Message {
  /** {@link #type()} when there is not even a type byte. */
  public static final int NO_TYPE = -1;

  public RawMessage {
    if (protocol == null || bytes == null) throw new IllegalArgumentException("protocol and bytes are required");
  }

  /** The type byte the bytes start with, or {@link #NO_TYPE} when they are empty. */
  @Override
  public int type() {
    return bytes.length() == 0 ? NO_TYPE : bytes.get(0) & 0xff;
  }

  @Override
  public String toString() {
    return "RawMessage[" + protocol + ", " + bytes.length() + " bytes " + bytes + "]";
  }
}

package org.rserpool.emulator.protocol;

import org.rserpool.emulator.serialization.ClusterSerializable;

/**
 * Anything a component sends over the emulated network: an ASAP or ENRP message (sealed hierarchies
 * {@code AsapMessage} and {@code EnrpMessage}) or a CalcApp application message.
 */
public interface Message extends ClusterSerializable {

  PayloadProtocol protocol();

  /** The message type code of the protocol's common header. */
  int type();
}

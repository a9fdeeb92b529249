package org.rserpool.emulator.protocol.codec;

/**
 * Where one parameter lies in the message being decoded (offsets from the message start): its header
 * has been checked (Length at least 4, inside its container), its value not yet.
 */
record Tlv(int start, int type, int length) {

  int valueStart() {
    return start + 4;
  }

  int valueLength() {
    return length - 4;
  }

  /** The end of the parameter, not counting its padding. */
  int end() {
    return start + length;
  }

  String name() {
    return ParameterType.name(type);
  }
}

package org.rserpool.emulator.protocol.codec;

import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;

/**
 * The names of the message type codes: ASAP (RFC 5352 §2.2), ENRP (RFC 5353 §2) and CalcApp (rsplib
 * calcapppackets.h). The type byte alone is ambiguous, so every name lookup takes the protocol.
 */
public final class MessageTypes {
  private MessageTypes() {}

  private static final String[] ASAP = {
    null, "ASAP_REGISTRATION", "ASAP_DEREGISTRATION", "ASAP_REGISTRATION_RESPONSE", "ASAP_DEREGISTRATION_RESPONSE",
    "ASAP_HANDLE_RESOLUTION", "ASAP_HANDLE_RESOLUTION_RESPONSE", "ASAP_ENDPOINT_KEEP_ALIVE", "ASAP_ENDPOINT_KEEP_ALIVE_ACK",
    "ASAP_ENDPOINT_UNREACHABLE", "ASAP_SERVER_ANNOUNCE", "ASAP_COOKIE", "ASAP_COOKIE_ECHO", "ASAP_BUSINESS_CARD", "ASAP_ERROR"
  };
  private static final String[] ENRP = {
    null, "ENRP_PRESENCE", "ENRP_HANDLE_TABLE_REQUEST", "ENRP_HANDLE_TABLE_RESPONSE", "ENRP_HANDLE_UPDATE",
    "ENRP_LIST_REQUEST", "ENRP_LIST_RESPONSE", "ENRP_INIT_TAKEOVER", "ENRP_INIT_TAKEOVER_ACK", "ENRP_TAKEOVER_SERVER",
    "ENRP_ERROR"
  };
  private static final String[] CALCAPP = {
    null, "CALCAPP_REQUEST", "CALCAPP_ACCEPT", "CALCAPP_REJECT", "CALCAPP_ABORT", "CALCAPP_COMPLETE",
    "CALCAPP_KEEPALIVE", "CALCAPP_KEEPALIVE_ACK"
  };

  /** Whether the codec knows the type in that protocol. */
  public static boolean isKnown(PayloadProtocol protocol, int type) {
    String[] names = table(protocol);
    return type > 0 && type < names.length;
  }

  /** The type's name, e.g. {@code ASAP_REGISTRATION}, or e.g. {@code unknown ASAP message type 0x42}. */
  public static String name(PayloadProtocol protocol, int type) {
    return isKnown(protocol, type) ? table(protocol)[type] : String.format("unknown %s message type 0x%02x", protocol, type);
  }

  /** The type code of ASAP_ERROR or ENRP_ERROR, or -1 for a protocol without an error message. */
  static int errorType(PayloadProtocol protocol) {
    return switch (protocol) {
      case ASAP -> AsapMessage.Error.TYPE;
      case ENRP -> EnrpMessage.Error.TYPE;
      case CALCAPP -> -1;
    };
  }

  private static String[] table(PayloadProtocol protocol) {
    return switch (protocol) {
      case ASAP -> ASAP;
      case ENRP -> ENRP;
      case CALCAPP -> CALCAPP;
    };
  }
}

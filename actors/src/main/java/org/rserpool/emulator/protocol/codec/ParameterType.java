package org.rserpool.emulator.protocol.codec;

import org.rserpool.emulator.protocol.param.DccpTransport;
import org.rserpool.emulator.protocol.param.HandleResolutionOption;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.Ipv6Address;
import org.rserpool.emulator.protocol.param.OpaqueTransport;
import org.rserpool.emulator.protocol.param.OperationError;
import org.rserpool.emulator.protocol.param.PeChecksum;
import org.rserpool.emulator.protocol.param.PeIdentifier;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.ServerInformation;
import org.rserpool.emulator.protocol.param.TcpTransport;
import org.rserpool.emulator.protocol.param.UdpLiteTransport;
import org.rserpool.emulator.protocol.param.UdpTransport;

/**
 * The parameter type codes the codec knows (RFC 5354 §3 Table 1, plus rsplib's Handle Resolution option)
 * and the two action bits that tell a receiver what to do with any other type (RFC 5354 §3).
 *
 * <p>Types are matched on all 16 bits, as the RFC defines them: 0x4009 is not a Pool Handle but an
 * unrecognized type whose action bits say "stop and report". (rsplib masks the action bits off before
 * comparing, rserpoolmessageparser.c:checkBeginTLV; no conforming sender sets them on a known type.)
 */
public final class ParameterType {
  private ParameterType() {}

  public static final int IPV4_ADDRESS = Ipv4Address.TYPE;
  public static final int IPV6_ADDRESS = Ipv6Address.TYPE;
  public static final int DCCP_TRANSPORT = DccpTransport.TYPE;
  public static final int SCTP_TRANSPORT = SctpTransport.TYPE;
  public static final int TCP_TRANSPORT = TcpTransport.TYPE;
  public static final int UDP_TRANSPORT = UdpTransport.TYPE;
  public static final int UDP_LITE_TRANSPORT = UdpLiteTransport.TYPE;
  public static final int SELECTION_POLICY = SelectionPolicy.TYPE;
  public static final int POOL_HANDLE = PoolHandle.TYPE;
  public static final int POOL_ELEMENT = PoolElementParameter.TYPE;
  public static final int SERVER_INFORMATION = ServerInformation.TYPE;
  public static final int OPERATION_ERROR = OperationError.TYPE;
  /** RFC 5354 §3.13. The message records hold a cookie's value as {@code Bytes}: it is opaque. */
  public static final int COOKIE = 0x000d;
  public static final int PE_IDENTIFIER = PeIdentifier.TYPE;
  public static final int PE_CHECKSUM = PeChecksum.TYPE;
  public static final int OPAQUE_TRANSPORT = OpaqueTransport.TYPE;
  /** rsplib's option 0x003f, always sent with action bits "skip" (ATT_ACTION_CONTINUE). */
  public static final int HANDLE_RESOLUTION_OPTION = HandleResolutionOption.TYPE;

  /** What a receiver does with a parameter type it does not recognize: the two high bits (RFC 5354 §3). */
  public enum Action {
    /** 00: stop processing and discard the message. */
    STOP,
    /** 01: stop, discard, and report an "Unrecognized Parameter" error. */
    STOP_AND_REPORT,
    /** 10: skip this parameter and continue. */
    SKIP,
    /** 11: skip, continue, and report it in an "Unrecognized Parameter" error. */
    SKIP_AND_REPORT;

    public static Action of(int parameterType) {
      return values()[parameterType >>> 14 & 0x3];
    }

    public boolean stops() {
      return this == STOP || this == STOP_AND_REPORT;
    }

    public boolean reports() {
      return this == STOP_AND_REPORT || this == SKIP_AND_REPORT;
    }
  }

  public static boolean isKnown(int type) {
    return type >= IPV4_ADDRESS && type <= OPAQUE_TRANSPORT || type == HANDLE_RESOLUTION_OPTION;
  }

  public static boolean isAddress(int type) {
    return type == IPV4_ADDRESS || type == IPV6_ADDRESS;
  }

  /** The user transports of RFC 5354 §3.3-§3.7 and the Opaque Transport of §3.16. */
  public static boolean isTransport(int type) {
    return type >= DCCP_TRANSPORT && type <= UDP_LITE_TRANSPORT || type == OPAQUE_TRANSPORT;
  }

  /** The RFC name of a type, e.g. {@code Pool Handle}, or {@code unknown parameter 0x4123}. */
  public static String name(int type) {
    return switch (type) {
      case IPV4_ADDRESS -> "IPv4 Address";
      case IPV6_ADDRESS -> "IPv6 Address";
      case DCCP_TRANSPORT -> "DCCP Transport";
      case SCTP_TRANSPORT -> "SCTP Transport";
      case TCP_TRANSPORT -> "TCP Transport";
      case UDP_TRANSPORT -> "UDP Transport";
      case UDP_LITE_TRANSPORT -> "UDP-Lite Transport";
      case SELECTION_POLICY -> "Pool Member Selection Policy";
      case POOL_HANDLE -> "Pool Handle";
      case POOL_ELEMENT -> "Pool Element";
      case SERVER_INFORMATION -> "Server Information";
      case OPERATION_ERROR -> "Operation Error";
      case COOKIE -> "Cookie";
      case PE_IDENTIFIER -> "PE Identifier";
      case PE_CHECKSUM -> "PE Checksum";
      case OPAQUE_TRANSPORT -> "Opaque Transport";
      case HANDLE_RESOLUTION_OPTION -> "Handle Resolution option";
      default -> String.format("unknown parameter 0x%04x", type);
    };
  }
}

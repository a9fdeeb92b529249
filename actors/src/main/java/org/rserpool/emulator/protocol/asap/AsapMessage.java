package org.rserpool.emulator.protocol.asap;

import java.util.List;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.HandleResolutionOption;
import org.rserpool.emulator.protocol.param.OperationError;
import org.rserpool.emulator.protocol.param.PeIdentifier;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TransportParameter;

/**
 * The 14 ASAP messages (RFC 5352 §2.2), SCTP PPID 11. Flags are named booleans; optional parameters
 * are {@code null} when absent; lists are never null.
 */
public sealed interface AsapMessage extends Message {

  @Override
  default PayloadProtocol protocol() {
    return PayloadProtocol.ASAP;
  }

  /** ASAP_REGISTRATION (0x01, RFC 5352 §2.2.1): a pool element asks to join a pool. */
  record Registration(PoolHandle poolHandle, PoolElementParameter poolElement) implements AsapMessage {
    public static final int TYPE = 0x01;

    public Registration {
      requireNonNull(poolHandle, "pool handle");
      requireNonNull(poolElement, "pool element");
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** ASAP_DEREGISTRATION (0x02, RFC 5352 §2.2.2). */
  record Deregistration(PoolHandle poolHandle, int peIdentifier) implements AsapMessage {
    public static final int TYPE = 0x02;

    public Deregistration {
      requireNonNull(poolHandle, "pool handle");
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /**
   * ASAP_REGISTRATION_RESPONSE (0x03, RFC 5352 §2.2.3). {@code reject} is the R flag; the operation
   * error holds the cause when rejected, or a warning otherwise.
   */
  record RegistrationResponse(boolean reject, PoolHandle poolHandle, int peIdentifier, OperationError error)
      implements AsapMessage {
    public static final int TYPE = 0x03;

    public RegistrationResponse {
      requireNonNull(poolHandle, "pool handle");
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** ASAP_DEREGISTRATION_RESPONSE (0x04, RFC 5352 §2.2.4). */
  record DeregistrationResponse(PoolHandle poolHandle, int peIdentifier, OperationError error) implements AsapMessage {
    public static final int TYPE = 0x04;

    public DeregistrationResponse {
      requireNonNull(poolHandle, "pool handle");
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /**
   * ASAP_HANDLE_RESOLUTION (0x05, RFC 5352 §2.2.5). {@code requestUpdates} is the S flag (rsplib never
   * sets it); {@code option} is rsplib's Handle Resolution option, {@code null} when absent.
   */
  record HandleResolution(boolean requestUpdates, PoolHandle poolHandle, HandleResolutionOption option)
      implements AsapMessage {
    public static final int TYPE = 0x05;

    public HandleResolution {
      requireNonNull(poolHandle, "pool handle");
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /**
   * ASAP_HANDLE_RESOLUTION_RESPONSE (0x06, RFC 5352 §2.2.6). {@code acceptsUpdates} is the A flag.
   * A positive response carries the overall policy and at least one pool element; a negative one an
   * operation error and no pool elements.
   */
  record HandleResolutionResponse(
      boolean acceptsUpdates,
      PoolHandle poolHandle,
      SelectionPolicy overallPolicy,
      List<PoolElementParameter> poolElements,
      OperationError error)
      implements AsapMessage {
    public static final int TYPE = 0x06;

    public HandleResolutionResponse {
      requireNonNull(poolHandle, "pool handle");
      poolElements = List.copyOf(poolElements);
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /**
   * ASAP_ENDPOINT_KEEP_ALIVE (0x07, RFC 5352 §2.2.7). {@code home} is the H flag: the sender wants to
   * become the receiver's home registrar. {@code peIdentifier} is rsplib's extra PE Identifier
   * parameter, {@code null} when absent.
   */
  record EndpointKeepAlive(boolean home, int serverIdentifier, PoolHandle poolHandle, PeIdentifier peIdentifier)
      implements AsapMessage {
    public static final int TYPE = 0x07;

    public EndpointKeepAlive {
      requireNonNull(poolHandle, "pool handle");
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** ASAP_ENDPOINT_KEEP_ALIVE_ACK (0x08, RFC 5352 §2.2.8). */
  record EndpointKeepAliveAck(PoolHandle poolHandle, int peIdentifier) implements AsapMessage {
    public static final int TYPE = 0x08;

    public EndpointKeepAliveAck {
      requireNonNull(poolHandle, "pool handle");
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** ASAP_ENDPOINT_UNREACHABLE (0x09, RFC 5352 §2.2.9): a pool user reports a pool element it could not reach. */
  record EndpointUnreachable(PoolHandle poolHandle, int peIdentifier) implements AsapMessage {
    public static final int TYPE = 0x09;

    public EndpointUnreachable {
      requireNonNull(poolHandle, "pool handle");
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /**
   * ASAP_SERVER_ANNOUNCE (0x0a, RFC 5352 §2.2.10): a registrar announces itself. rsplib sends no
   * transport parameters; receivers then use the datagram's source.
   */
  record ServerAnnounce(int serverIdentifier, List<TransportParameter> transports) implements AsapMessage {
    public static final int TYPE = 0x0a;

    public ServerAnnounce {
      transports = List.copyOf(transports);
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** ASAP_COOKIE (0x0b, RFC 5352 §2.2.11): state a pool element hands its user for a later failover. */
  record Cookie(Bytes cookie) implements AsapMessage {
    public static final int TYPE = 0x0b;

    public Cookie {
      requireNonNull(cookie, "cookie");
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** ASAP_COOKIE_ECHO (0x0c, RFC 5352 §2.2.12): the last cookie, sent to the new pool element after a failover. */
  record CookieEcho(Bytes cookie) implements AsapMessage {
    public static final int TYPE = 0x0c;

    public CookieEcho {
      requireNonNull(cookie, "cookie");
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /**
   * ASAP_BUSINESS_CARD (0x0d, RFC 5352 §2.2.13): the pool (and failover candidates, one or more pool
   * elements) a peer belongs to. {@code overallPolicy} is the extra Pool Member Selection Policy that
   * rsplib sends between the pool handle and the pool elements (createBusinessCardMessage); the RFC has
   * none, so it is {@code null} when absent.
   */
  record BusinessCard(PoolHandle poolHandle, SelectionPolicy overallPolicy, List<PoolElementParameter> poolElements)
      implements AsapMessage {
    public static final int TYPE = 0x0d;

    public BusinessCard {
      requireNonNull(poolHandle, "pool handle");
      poolElements = List.copyOf(poolElements);
      if (poolElements.isEmpty()) throw new IllegalArgumentException("a business card names one or more pool elements");
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** ASAP_ERROR (0x0e, RFC 5352 §2.2.14): reports a message the receiver could not process. */
  record Error(OperationError error) implements AsapMessage {
    public static final int TYPE = 0x0e;

    public Error {
      requireNonNull(error, "operation error");
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  private static void requireNonNull(Object value, String what) {
    if (value == null) throw new IllegalArgumentException(what + " is required");
  }
}

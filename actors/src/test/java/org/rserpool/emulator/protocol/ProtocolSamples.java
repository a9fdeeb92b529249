package org.rserpool.emulator.protocol;

import java.util.List;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.protocol.codec.ErrorCauses;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.enrp.UpdateAction;
import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.ErrorCause;
import org.rserpool.emulator.protocol.param.HandleResolutionOption;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.Ipv6Address;
import org.rserpool.emulator.protocol.param.OperationError;
import org.rserpool.emulator.protocol.param.PeChecksum;
import org.rserpool.emulator.protocol.param.PeIdentifier;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolEntry;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.ServerInformation;
import org.rserpool.emulator.protocol.param.TcpTransport;
import org.rserpool.emulator.protocol.param.TransportUse;

/** One realistic instance of every ASAP, ENRP and CalcApp message, for tests that must cover them all. */
public final class ProtocolSamples {
  private ProtocolSamples() {}

  public static final PoolHandle POOL = PoolHandle.of("EchoPool");
  public static final int PR_A = 0x0a0b0c0d;
  public static final int PR_B = 0x01020304;

  /** The pool element of rserpool-protocol.md §4.x: LU at 25 %, SCTP on two addresses. */
  public static PoolElementParameter poolElement() {
    return new PoolElementParameter(0x12345678, 0, 30000,
        new SctpTransport(7, TransportUse.DATA_ONLY, List.of(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.0.2"))),
        SelectionPolicy.fromWords(PolicyType.LEAST_USED, 0x40000000L),
        null);
  }

  /** A pool element as registrars exchange it: with home registrar and ASAP transport. */
  public static PoolElementParameter ownedPoolElement() {
    return poolElement().withHome(PR_A)
        .withAsapTransport(SctpTransport.of(Ipv4Address.parse("10.0.0.1"), 40000, TransportUse.DATA_ONLY));
  }

  public static ServerInformation serverInformation(int id, String address) {
    return new ServerInformation(id, SctpTransport.of(Ipv4Address.parse(address), 9901, TransportUse.DATA_ONLY));
  }

  public static List<AsapMessage> asap() {
    PoolElementParameter pe = poolElement();
    return List.of(
        new AsapMessage.Registration(POOL, pe),
        new AsapMessage.Deregistration(POOL, pe.identifier()),
        new AsapMessage.RegistrationResponse(false, POOL, pe.identifier(), null),
        // RFC 5354 §3.12.6: the cause carries the pool's policy (rsplib sends none; Wireshark then reports a malformed packet).
        new AsapMessage.RegistrationResponse(true, POOL, pe.identifier(),
            OperationError.of(ErrorCauses.inconsistentPoolingPolicy(SelectionPolicy.of(PolicyType.ROUND_ROBIN)))),
        new AsapMessage.DeregistrationResponse(POOL, pe.identifier(), null),
        new AsapMessage.HandleResolution(false, POOL, new HandleResolutionOption(3)),
        new AsapMessage.HandleResolution(false, POOL, null),
        new AsapMessage.HandleResolutionResponse(false, POOL, pe.policy(), List.of(pe, pe.withPolicy(SelectionPolicy.fromWords(PolicyType.LEAST_USED, 7))), null),
        new AsapMessage.HandleResolutionResponse(false, POOL, null, List.of(), OperationError.of(CauseCode.UNKNOWN_POOL_HANDLE)),
        new AsapMessage.EndpointKeepAlive(true, PR_A, POOL, new PeIdentifier(pe.identifier())),
        new AsapMessage.EndpointKeepAliveAck(POOL, pe.identifier()),
        new AsapMessage.EndpointUnreachable(POOL, pe.identifier()),
        new AsapMessage.ServerAnnounce(PR_A, List.of(
            SctpTransport.of(Ipv4Address.parse("10.0.0.100"), 3863, TransportUse.DATA_PLUS_CONTROL),
            new TcpTransport(3863, TransportUse.DATA_ONLY, Ipv6Address.parse("2001:db8::64")))),
        new AsapMessage.Cookie(Bytes.fromHex("0000000100000000009896800000000000000000")),
        new AsapMessage.CookieEcho(Bytes.fromHex("0000000100000000009896800000000000000000")),
        new AsapMessage.BusinessCard(POOL, pe.policy(), List.of(pe)),
        new AsapMessage.Error(OperationError.of(new ErrorCause(CauseCode.UNRECOGNIZED_PARAMETER, Bytes.fromHex("41230008deadbeef")))));
  }

  public static List<EnrpMessage> enrp() {
    PoolElementParameter owned = ownedPoolElement();
    return List.of(
        new EnrpMessage.Presence(true, PR_A, 0, new PeChecksum(0x53c8), serverInformation(PR_A, "10.0.0.100")),
        new EnrpMessage.HandleTableRequest(true, PR_A, PR_B),
        new EnrpMessage.HandleTableResponse(false, true, PR_A, PR_B, List.of(new PoolEntry(POOL, List.of(owned)))),
        new EnrpMessage.HandleTableResponse(true, false, PR_A, PR_B, List.of()),
        new EnrpMessage.HandleUpdate(false, PR_A, PR_B, UpdateAction.ADD_PE, POOL,
            owned.withPolicy(SelectionPolicy.of(PolicyType.ROUND_ROBIN))),
        new EnrpMessage.ListRequest(PR_A, PR_B),
        new EnrpMessage.ListResponse(false, PR_A, PR_B, List.of(serverInformation(PR_A, "10.0.0.100"), serverInformation(PR_B, "10.0.0.200"))),
        new EnrpMessage.InitTakeover(PR_A, PR_B, 0x05060708),
        new EnrpMessage.InitTakeoverAck(PR_B, PR_A, 0x05060708),
        new EnrpMessage.TakeoverServer(PR_A, 0, 0x05060708),
        // RFC 5354 §3.12.3: the cause carries the unrecognized message (here an ENRP type 0x4b).
        new EnrpMessage.Error(PR_A, PR_B, OperationError.of(
            new ErrorCause(CauseCode.UNRECOGNIZED_MESSAGE, Bytes.fromHex("4b00000c0102030400000000")))));
  }

  public static List<CalcAppMessage> calcApp() {
    return List.of(
        new CalcAppMessage.Request(1, 10_000_000L),
        new CalcAppMessage.Accept(1, 10_000_000L),
        new CalcAppMessage.Reject(2),
        new CalcAppMessage.Abort(3),
        new CalcAppMessage.Complete(1, 10_000_000L, 10_000_000L),
        new CalcAppMessage.KeepAlive(1),
        new CalcAppMessage.KeepAliveAck(1));
  }

  /** Every sample of every protocol. */
  public static List<Message> all() {
    return java.util.stream.Stream.of(asap(), enrp(), calcApp()).<Message>flatMap(List::stream).toList();
  }
}

package org.rserpool.emulator.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.rserpool.emulator.registrar.RegistrarHarness.POOL;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.network.capture.PcapTap;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.RawMessage;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.codec.MessageCodec;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.param.Bytes;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.ErrorCause;
import org.rserpool.emulator.protocol.param.HandleResolutionOption;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TcpTransport;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.protocol.pcap.Tshark;
import org.rserpool.emulator.testing.ManualNetwork;

/**
 * The registrar's ASAP server side, step by step on manual time with pool elements and pool users
 * played by probes (links without delay: answers arrive at once, timers move with manual time).
 */
class RegistrarTest {
  static ActorTestKit testKit;
  static final int SERVER_ID = 0x0a0b0c0d;
  static final TransportAddress PU = TransportAddress.parse("10.1.128.1:3863");

  RegistrarHarness h;
  TestProbe<Packet> pe;
  TestProbe<Packet> pu;
  ActorRef<Registrar.Command> registrar;

  @BeforeAll
  static void startKit() {
    testKit = ActorTestKit.create("RegistrarTest", ManualNetwork.config());
  }

  @AfterAll
  static void stopKit() {
    testKit.shutdownTestKit();
  }

  @AfterEach
  void close() {
    if (h != null) h.close();
  }

  void start(String settings) {
    h = new RegistrarHarness(testKit, Duration.ZERO);
    pe = testKit.createTestProbe();
    pu = testKit.createTestProbe();
    for (int k = 1; k <= 20; k++) h.net.network().bind(FakePoolElements.asapAddress(k), pe.ref());
    h.net.network().bind(PU, pu.ref());
    registrar = h.start(RegistrarHarness.identity(1, SERVER_ID), RegistrarHarness.settings(settings));
  }

  static PoolElementParameter poolElement(int k, PolicyType policy) {
    return FakePoolElements.parameter(k).withPolicy(SelectionPolicy.of(policy));
  }

  <T extends Message> T exchange(TestProbe<Packet> probe, TransportAddress from, Message request, Class<T> answer) {
    h.net.network().send(new Packet(from, RegistrarHarness.asap(1), request));
    Packet reply = probe.expectMessageClass(Packet.class);
    assertEquals(RegistrarHarness.asap(1), reply.source());
    assertEquals(from, reply.destination());
    return answer.cast(reply.message());
  }

  AsapMessage.RegistrationResponse register(int k, PoolElementParameter parameter) {
    return register(k, POOL, parameter);
  }

  AsapMessage.RegistrationResponse register(int k, PoolHandle pool, PoolElementParameter parameter) {
    return exchange(pe, FakePoolElements.asapAddress(k), new AsapMessage.Registration(pool, parameter), AsapMessage.RegistrationResponse.class);
  }

  AsapMessage.HandleResolutionResponse resolve(HandleResolutionOption option) {
    return exchange(pu, PU, new AsapMessage.HandleResolution(false, POOL, option), AsapMessage.HandleResolutionResponse.class);
  }

  static List<Integer> ids(AsapMessage.HandleResolutionResponse r) {
    return r.poolElements().stream().map(PoolElementParameter::identifier).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Registration

  @Test
  void aRegistrationIsAcceptedAndTheRegistrarBecomesHomeWithTheSendersAsapTransport() {
    start("");
    AsapMessage.RegistrationResponse r = register(7, FakePoolElements.parameter(7).withHome(0x77777777));
    assertFalse(r.reject());
    assertEquals(POOL, r.poolHandle());
    assertEquals(7, r.peIdentifier());
    assertNull(r.error());
    RegistrarSummary s = h.summary(registrar);
    assertEquals(List.of(new RegistrarSummary.PoolElementRecord(POOL, 7, SERVER_ID)), s.poolElements());
    assertEquals(1, s.ownedBy(SERVER_ID));
    assertEquals(1, h.metrics.registrations());
    assertEquals(1, h.metrics.poolElements());
    assertEquals(1, h.metrics.ownedPoolElements());
  }

  /** Each refusal with its RFC 5354 cause and the cause information the RFC wants. */
  @Test
  void refusedRegistrationsCarryTheirCauseAndItsInformation() {
    start("");
    assertFalse(register(1, poolElement(1, PolicyType.ROUND_ROBIN)).reject());

    AsapMessage.RegistrationResponse zero = register(2, new PoolElementParameter(0, 0, 90_000,
        SctpTransport.of(FakePoolElements.host(2), 1024, TransportUse.DATA_ONLY), SelectionPolicy.of(PolicyType.ROUND_ROBIN), null));
    assertRefused(zero, CauseCode.INVALID_VALUES, 0x000a);

    assertRefused(register(3, poolElement(3, PolicyType.LEAST_USED)), CauseCode.INCONSISTENT_POOLING_POLICY, 0x0008);

    AsapMessage.RegistrationResponse tcp = register(4, new PoolElementParameter(4, 0, 90_000,
        new TcpTransport(1024, TransportUse.DATA_ONLY, FakePoolElements.host(4)), SelectionPolicy.of(PolicyType.ROUND_ROBIN), null));
    assertRefused(tcp, CauseCode.INCONSISTENT_TRANSPORT_TYPE, 0x0004);

    AsapMessage.RegistrationResponse control = register(5, new PoolElementParameter(5, 0, 90_000,
        SctpTransport.of(FakePoolElements.host(5), 1024, TransportUse.DATA_PLUS_CONTROL), SelectionPolicy.of(PolicyType.ROUND_ROBIN), null));
    assertRefused(control, CauseCode.INCONSISTENT_DATA_CONTROL_CONFIGURATION, -1);

    // rsplib's subset rule: the user transport must name the address the registration came from.
    AsapMessage.RegistrationResponse foreign = register(6, FakePoolElements.parameter(9));
    assertRefused(foreign, CauseCode.INVALID_VALUES, 0x0004);

    AsapMessage.RegistrationResponse portZero = register(7, new PoolElementParameter(7, 0, 90_000,
        SctpTransport.of(FakePoolElements.host(7), 0, TransportUse.DATA_ONLY), SelectionPolicy.of(PolicyType.ROUND_ROBIN), null));
    assertRefused(portZero, CauseCode.INVALID_VALUES, 0x0004);

    AsapMessage.RegistrationResponse longHandle = register(8, PoolHandle.of("x".repeat(33)), FakePoolElements.parameter(8));
    assertRefused(longHandle, CauseCode.INVALID_VALUES, 0x0009);

    assertEquals(1, h.summary(registrar).poolElements().size(), "only the first one is in");
    assertEquals(8, h.metrics.registrations());
    assertEquals(7, h.metrics.refusedRegistrations());
  }

  static void assertRefused(AsapMessage.RegistrationResponse r, int cause, int infoParameterType) {
    assertTrue(r.reject(), "reject flag");
    ErrorCause c = r.error().causes().get(0);
    assertEquals(cause, c.code(), CauseCode.describe(c.code()));
    if (infoParameterType < 0) {
      assertEquals(0, c.info().length());
    } else {
      assertTrue(c.info().length() >= 4, "cause information is a parameter");
      assertEquals(infoParameterType, (c.info().get(0) & 0xff) << 8 | c.info().get(1) & 0xff);
    }
  }

  @Test
  void rsplibsCauseCodesOnRequest() {
    start("error-causes = rsplib");
    register(1, poolElement(1, PolicyType.ROUND_ROBIN));
    AsapMessage.RegistrationResponse zero = register(2, new PoolElementParameter(0, 0, 90_000,
        SctpTransport.of(FakePoolElements.host(2), 1024, TransportUse.DATA_ONLY), SelectionPolicy.of(PolicyType.ROUND_ROBIN), null));
    assertRefused(zero, CauseCode.RSPLIB_INVALID_ID, -1);
    assertRefused(register(3, FakePoolElements.parameter(9)), CauseCode.RSPLIB_NO_USABLE_USER_ADDRESSES, -1);
    AsapMessage.RegistrationResponse tcp = register(4, new PoolElementParameter(4, 0, 90_000,
        new TcpTransport(1024, TransportUse.DATA_ONLY, FakePoolElements.host(4)), SelectionPolicy.of(PolicyType.ROUND_ROBIN), null));
    assertRefused(tcp, CauseCode.RSPLIB_WRONG_PROTOCOL, -1);
    // 0x5 keeps its policy, unlike rsplib, so that Wireshark does not flag it.
    assertRefused(register(5, poolElement(5, PolicyType.LEAST_USED)), CauseCode.INCONSISTENT_POOLING_POLICY, 0x0008);
  }

  /** Refusals as Wireshark sees them: no malformed frame, no expert warning. */
  @Test
  void refusalsDecodeCleanlyInWireshark(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    assumeTrue(Tshark.version() != null, Tshark.MISSING);
    start("");
    Path file = dir.resolve("refusals.pcap");
    try (PcapTap tap = new PcapTap(file, Instant.now())) {
      h.net.network().setTap(tap);
      register(1, poolElement(1, PolicyType.ROUND_ROBIN));
      register(2, new PoolElementParameter(0, 0, 90_000,
          SctpTransport.of(FakePoolElements.host(2), 1024, TransportUse.DATA_ONLY), SelectionPolicy.of(PolicyType.ROUND_ROBIN), null));
      register(3, poolElement(3, PolicyType.LEAST_USED));
      register(4, new PoolElementParameter(4, 0, 90_000,
          new TcpTransport(1024, TransportUse.DATA_ONLY, FakePoolElements.host(4)), SelectionPolicy.of(PolicyType.ROUND_ROBIN), null));
      register(6, FakePoolElements.parameter(9));
      register(8, PoolHandle.of("x".repeat(33)), FakePoolElements.parameter(8));
      h.net.network().setTap(null);
    }
    assertTrue(Files.size(file) > 0);
    assertEquals(List.of(), Tshark.run(file, "-Y", "_ws.malformed || _ws.expert"));
    assertEquals(6, Tshark.run(file, "-Y", "asap.message_type == 3").size());
  }

  @Test
  void aReRegistrationUpdatesTheEntry() {
    start("");
    register(1, poolElement(1, PolicyType.LEAST_USED));
    PoolElementParameter loaded = FakePoolElements.parameter(1)
        .withPolicy(new SelectionPolicy(PolicyType.LEAST_USED, 0, SelectionPolicy.fraction(0.5), 0, 0, 0, 0));
    assertFalse(register(1, loaded).reject());
    AsapMessage.HandleResolutionResponse r = resolve(null);
    assertEquals(SelectionPolicy.fraction(0.5), r.poolElements().get(0).policy().load());
    assertEquals(1, h.summary(registrar).poolElements().size());
  }

  @Test
  void noServiceDuringTheStartupPhaseWhenAsked() {
    start("no-service-during-startup = on");
    AsapMessage.RegistrationResponse early = register(1, FakePoolElements.parameter(1));
    assertTrue(early.reject());
    assertEquals(CauseCode.UNSPECIFIED_ERROR, early.error().firstCode());
    assertEquals(CauseCode.UNSPECIFIED_ERROR, resolve(null).error().firstCode());
    // Without peers the startup phase ends at the mentor discovery timeout (5 s).
    h.net.timePasses(Duration.ofSeconds(5));
    pe.awaitAssert(() -> {
      assertFalse(h.summary(registrar).startupPhase());
      return null;
    });
    assertFalse(register(1, FakePoolElements.parameter(1)).reject());
    assertEquals(List.of(1), ids(resolve(null)));
    assertEquals(1, h.metrics.startupsAlone());
  }

  // ---------------------------------------------------------------------------------------------
  // Deregistration and handle resolution

  @Test
  void deregistrationRemovesThePoolElementAndIsAnsweredEvenWhenUnknown() {
    start("");
    register(5, FakePoolElements.parameter(5));
    AsapMessage.DeregistrationResponse r = exchange(pe, FakePoolElements.asapAddress(5), new AsapMessage.Deregistration(POOL, 5),
        AsapMessage.DeregistrationResponse.class);
    assertNull(r.error());
    h.barrier(); // the gauges follow the reply within the same message; wait until the registrar is done with it
    assertEquals(0, h.metrics.poolElements());
    assertEquals(0, h.metrics.pools());
    AsapMessage.DeregistrationResponse again = exchange(pe, FakePoolElements.asapAddress(5), new AsapMessage.Deregistration(POOL, 5),
        AsapMessage.DeregistrationResponse.class);
    assertNull(again.error());
    assertEquals(2, h.metrics.deregistrations());
  }

  @Test
  void handleResolutionHonoursTheOptionTheDefaultAndTheCap() {
    start("max-handle-resolution-items = 2");
    for (int k = 1; k <= 5; k++) register(k, FakePoolElements.parameter(k));
    AsapMessage.HandleResolutionResponse r = resolve(null);
    assertEquals(List.of(1, 2), ids(r), "MaxHandleResolutionItems without the option");
    assertEquals(PolicyType.ROUND_ROBIN, r.overallPolicy().type());
    for (PoolElementParameter p : r.poolElements()) {
      assertEquals(SERVER_ID, p.homeEnrpServerIdentifier());
      assertNull(p.asapTransport(), "no ASAP transport towards pool users (rsplib)");
    }
    assertEquals(List.of(2, 3, 4, 5), ids(resolve(new HandleResolutionOption(4))), "the option's items; round robin moved on by one");
    assertEquals(2, resolve(new HandleResolutionOption(0)).poolElements().size(), "0 items means the default");
    assertEquals(5, resolve(new HandleResolutionOption(HandleResolutionOption.AS_MANY_AS_POSSIBLE)).poolElements().size());
    assertEquals(4, h.metrics.handleResolutions());
  }

  @Test
  void anUnknownPoolIsAnsweredWithUnknownPoolHandle() {
    start("");
    AsapMessage.HandleResolutionResponse r = exchange(pu, PU,
        new AsapMessage.HandleResolution(false, PoolHandle.of("nope"), null), AsapMessage.HandleResolutionResponse.class);
    assertTrue(r.poolElements().isEmpty());
    assertEquals(CauseCode.UNKNOWN_POOL_HANDLE, r.error().firstCode());
  }

  @Test
  void leastUsedSelectsTheLeastLoadedPoolElement() {
    start("");
    double[] loads = {0.5, 0.2, 0.7};
    for (int k = 1; k <= 3; k++) {
      register(k, FakePoolElements.parameter(k)
          .withPolicy(new SelectionPolicy(PolicyType.LEAST_USED, 0, SelectionPolicy.fraction(loads[k - 1]), 0, 0, 0, 0)));
    }
    assertEquals(List.of(2, 1), ids(resolve(new HandleResolutionOption(2))));
  }

  // ---------------------------------------------------------------------------------------------
  // Supervision

  /** An owned pool element gets a keep-alive every 5 s; without an answer it is gone 5 s later. */
  @Test
  void aPoolElementThatDoesNotAckIsRemovedWithinIntervalPlusTimeout() {
    start("");
    register(3, FakePoolElements.parameter(3));
    h.net.timePasses(Duration.ofMillis(4999));
    pe.expectNoMessage(Duration.ofMillis(50));
    h.net.timePasses(Duration.ofMillis(1));
    Packet ka = pe.expectMessageClass(Packet.class);
    AsapMessage.EndpointKeepAlive keepAlive = assertInstanceOf(AsapMessage.EndpointKeepAlive.class, ka.message());
    assertEquals(FakePoolElements.asapAddress(3), ka.destination());
    assertFalse(keepAlive.home());
    assertEquals(SERVER_ID, keepAlive.serverIdentifier());
    assertEquals(3, keepAlive.peIdentifier().value());
    h.net.timePasses(Duration.ofMillis(4999));
    assertEquals(1, h.summary(registrar).poolElements().size(), "still there at 9.999 s");
    h.net.timePasses(Duration.ofMillis(1));
    pe.awaitAssert(() -> {
      assertEquals(0, h.summary(registrar).poolElements().size(), "gone at 10 s");
      return null;
    });
    assertEquals(1, h.metrics.keepAliveTimeouts());
    assertEquals(1, h.metrics.keepAlivesSent());
  }

  @Test
  void aPoolElementThatAcksStaysAndIsAskedAgainAnIntervalLater() {
    start("");
    register(3, FakePoolElements.parameter(3));
    for (int round = 1; round <= 3; round++) {
      h.net.timePasses(Duration.ofSeconds(5));
      Packet ka = pe.expectMessageClass(Packet.class);
      assertInstanceOf(AsapMessage.EndpointKeepAlive.class, ka.message());
      h.net.timePasses(Duration.ofMillis(100));
      h.net.network().send(new Packet(FakePoolElements.asapAddress(3), RegistrarHarness.asap(1), new AsapMessage.EndpointKeepAliveAck(POOL, 3)));
      h.barrier();
      h.net.timePasses(Duration.ofMillis(4899));
      pe.expectNoMessage(Duration.ofMillis(20));
    }
    assertEquals(1, h.summary(registrar).poolElements().size());
    assertEquals(3, h.metrics.keepAliveAcksReceived());
    assertEquals(0, h.metrics.keepAliveTimeouts());
  }

  @Test
  void maxBadPeReportsRemovesThePoolElementAtTheThreshold() {
    start("max-bad-pe-reports = 3");
    register(1, FakePoolElements.parameter(1));
    register(2, FakePoolElements.parameter(2));
    for (int i = 1; i <= 3; i++) {
      h.net.network().send(new Packet(PU, RegistrarHarness.asap(1), new AsapMessage.EndpointUnreachable(POOL, 1)));
      h.barrier();
      assertEquals(i < 3 ? 2 : 1, h.summary(registrar).poolElements().size(), "after " + i + " reports");
    }
    assertEquals(List.of(2), ids(resolve(new HandleResolutionOption(5))));
    assertEquals(3, h.metrics.endpointUnreachables());
  }

  // ---------------------------------------------------------------------------------------------
  // DoS countermeasures

  /**
   * MaxHRRate with RSPSIM's behaviour: a burst at one instant has an infinite rate after its first
   * request, so the rest is dropped without an answer; another pool user is not affected; once the rate
   * has fallen the pool user is served again.
   */
  @Test
  void handleResolutionsOverTheRateAreDroppedPerPoolUser() {
    start("max-handle-resolution-rate = 10, endpoint-keep-alive-transmission-interval = 60s");
    register(1, FakePoolElements.parameter(1));
    for (int i = 0; i < 5; i++) h.net.network().send(new Packet(PU, RegistrarHarness.asap(1), new AsapMessage.HandleResolution(false, POOL, null)));
    pu.expectMessageClass(Packet.class);
    pu.expectNoMessage(Duration.ofMillis(100));
    assertEquals(4, h.metrics.refusedHandleResolutions());
    assertEquals(5, h.metrics.handleResolutions());

    TestProbe<Packet> other = testKit.createTestProbe();
    TransportAddress otherPu = TransportAddress.parse("10.1.128.2:3863");
    h.net.network().bind(otherPu, other.ref());
    assertEquals(List.of(1), ids(exchange(other, otherPu, new AsapMessage.HandleResolution(false, POOL, null), AsapMessage.HandleResolutionResponse.class)));

    h.net.timePasses(Duration.ofSeconds(10));
    assertEquals(List.of(1), ids(resolve(null)), "6 requests in 10 s: 0.6/s");
  }

  @Test
  void rsplibAnswersHandleResolutionsOverTheRateWithUnknownPoolHandle() {
    start("max-handle-resolution-rate = 10, answer-refused-handle-resolutions = on");
    register(1, FakePoolElements.parameter(1));
    assertEquals(List.of(1), ids(resolve(null)));
    assertEquals(CauseCode.UNKNOWN_POOL_HANDLE, resolve(null).error().firstCode());
    assertEquals(1, h.metrics.refusedHandleResolutions());
  }

  @Test
  void unreachabilityReportsOverTheRateAreIgnored() {
    start("max-endpoint-unreachable-rate = 1, max-bad-pe-reports = 2, endpoint-keep-alive-transmission-interval = 60s");
    register(1, FakePoolElements.parameter(1));
    for (int i = 0; i < 5; i++) h.net.network().send(new Packet(PU, RegistrarHarness.asap(1), new AsapMessage.EndpointUnreachable(POOL, 1)));
    h.barrier();
    assertEquals(1, h.summary(registrar).poolElements().size(), "only the first report counted");
    assertEquals(4, h.metrics.refusedEndpointUnreachables());
    h.net.timePasses(Duration.ofSeconds(10));
    h.net.network().send(new Packet(PU, RegistrarHarness.asap(1), new AsapMessage.EndpointUnreachable(POOL, 1)));
    h.barrier();
    assertEquals(0, h.summary(registrar).poolElements().size(), "the second report in time removes it");
  }

  // ---------------------------------------------------------------------------------------------
  // Malformed input

  Packet raw(PayloadProtocol protocol, String hex, TransportAddress to) {
    return new Packet(PU, to, new RawMessage(protocol, Bytes.fromHex(hex)));
  }

  ErrorCause asapError(String hex) {
    h.net.network().send(raw(PayloadProtocol.ASAP, hex, RegistrarHarness.asap(1)));
    Packet reply = pu.expectMessageClass(Packet.class);
    return assertInstanceOf(AsapMessage.Error.class, reply.message()).error().causes().get(0);
  }

  @Test
  void malformedInputIsAnsweredWithTheRightAsapError() {
    start("");
    // Header claims 0x50 bytes, 12 are there: no parameter to blame.
    assertEquals(CauseCode.UNSPECIFIED_ERROR, asapError("01000050" + "0009000c4563686f").code());
    // A handle resolution with an unknown parameter whose action bits say "stop and report" (01).
    ErrorCause unrecognized = asapError("05000018" + "0009000c4563686f506f6f6c" + "41230008deadbeef");
    assertEquals(CauseCode.UNRECOGNIZED_PARAMETER, unrecognized.code());
    assertEquals(Bytes.fromHex("41230008deadbeef"), unrecognized.info());
    // An unknown message type with the "report" bits: Unrecognized Message quoting it.
    ErrorCause message = asapError("4f000008" + "00000000");
    assertEquals(CauseCode.UNRECOGNIZED_MESSAGE, message.code());
    // A pool handle parameter of length 2: Unspecified Error (its own length is impossible).
    assertEquals(CauseCode.UNSPECIFIED_ERROR, asapError("05000008" + "00090002").code());
    assertEquals(4, h.metrics.malformedMessages());
  }

  @Test
  void noErrorReplyToAnErrorNorToASilentFault() {
    start("");
    // A malformed ASAP_ERROR: answering it could loop.
    h.net.network().send(raw(PayloadProtocol.ASAP, "0e000008000c0002", RegistrarHarness.asap(1)));
    // An unknown parameter with action bits 00: stop, discard silently.
    h.net.network().send(raw(PayloadProtocol.ASAP, "05000018" + "0009000c4563686f506f6f6c" + "01230008deadbeef", RegistrarHarness.asap(1)));
    pu.expectNoMessage(Duration.ofMillis(200));
    assertEquals(2, h.metrics.malformedMessages());
  }

  @Test
  void wellFormedRawBytesAreServedLikeRecords() {
    start("");
    byte[] bytes = MessageCodec.encode(new AsapMessage.Registration(POOL, FakePoolElements.parameter(4)));
    h.net.network().send(new Packet(FakePoolElements.asapAddress(4), RegistrarHarness.asap(1), new RawMessage(PayloadProtocol.ASAP, new Bytes(bytes))));
    AsapMessage.RegistrationResponse r = assertInstanceOf(AsapMessage.RegistrationResponse.class, pe.expectMessageClass(Packet.class).message());
    assertFalse(r.reject());
    assertEquals(0, h.metrics.malformedMessages());
  }

  @Test
  void malformedEnrpIsAnsweredWithEnrpErrorToItsSender() {
    start("");
    TestProbe<Packet> peer = testKit.createTestProbe();
    TransportAddress peerAddress = RegistrarHarness.enrp(2);
    h.net.network().bind(peerAddress, peer.ref());
    // ENRP_PRESENCE from server 0x01020304 whose PE checksum parameter has length 5.
    h.net.network().send(new Packet(peerAddress, RegistrarHarness.enrp(1),
        new RawMessage(PayloadProtocol.ENRP, Bytes.fromHex("01000014" + "01020304" + "00000000" + "000f000553c80000"))));
    EnrpMessage.Error error = null;
    for (int i = 0; i < 5 && error == null; i++) {
      if (peer.expectMessageClass(Packet.class).message() instanceof EnrpMessage.Error e) error = e;
    }
    assertEquals(SERVER_ID, error.senderServerId());
    assertEquals(0x01020304, error.receiverServerId());
    assertEquals(CauseCode.INVALID_VALUES, error.error().firstCode());
    // ASAP bytes sent to the ENRP port are dropped (rsplib aborts the association).
    h.net.network().send(new Packet(peerAddress, RegistrarHarness.enrp(1), new RawMessage(PayloadProtocol.ASAP, Bytes.fromHex("0e000008000c0004"))));
    h.barrier();
    assertEquals(2, h.metrics.malformedMessages());
  }

  // ---------------------------------------------------------------------------------------------
  // Announces

  /** After the startup phase, ASAP_SERVER_ANNOUNCE to 239.0.0.50:3863 every 1 s +-12.5 %, reaching the site. */
  @Test
  void serverAnnouncesStartWithNormalOperationAndFollowTheCycle() {
    start("");
    TestProbe<Packet> listener = testKit.createTestProbe();
    TransportAddress member = TransportAddress.parse("10.1.16.100:3863");
    TransportAddress group = TransportAddress.parse("239.0.0.50:3863");
    h.net.network().bind(member, listener.ref());
    h.net.network().join(group, member);
    List<Long> times = new java.util.concurrent.CopyOnWriteArrayList<>();
    h.net.network().setTap((nanos, packet) -> {
      if (packet.message() instanceof AsapMessage.ServerAnnounce) times.add(nanos);
    });
    long start = h.net.clock().nanos();
    h.advance(Duration.ofMillis(4995), Duration.ofMillis(5));
    assertEquals(List.of(), times, "no announces during the startup phase");
    h.advance(Duration.ofMillis(10_005), Duration.ofMillis(5));
    Packet first = listener.expectMessageClass(Packet.class);
    assertTrue(first.multicast());
    assertEquals(group, first.destination());
    assertEquals(RegistrarHarness.asap(1), first.source());
    assertEquals(new AsapMessage.ServerAnnounce(SERVER_ID, List.of()), first.message());
    assertTrue(times.get(0) - start >= 5_000_000_000L && times.get(0) - start <= 5_015_000_000L, "the first right after startup");
    assertTrue(times.size() >= 9 && times.size() <= 12, "announces in 10 s: " + times.size());
    for (int i = 1; i < times.size(); i++) {
      long gap = times.get(i) - times.get(i - 1);
      assertTrue(gap >= 875_000_000L && gap <= 1_135_000_000L, "cycle of 1 s +-12.5 % (5 ms steps): " + gap);
    }
  }
}

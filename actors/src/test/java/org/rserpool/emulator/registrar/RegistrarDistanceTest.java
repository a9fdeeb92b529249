package org.rserpool.emulator.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.rserpool.emulator.registrar.RegistrarHarness.POOL;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.network.link.LinkModel;
import org.rserpool.emulator.network.link.LinkProfile;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.asap.AsapMessage;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.enrp.UpdateAction;
import org.rserpool.emulator.protocol.param.HandleResolutionOption;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TransportUse;
import org.rserpool.emulator.testing.ManualNetwork;

/**
 * The DPF policies' distance as the registrar sets it (rsplib registrarUpdateDistance): half the round
 * trip to a registering pool element, rounded to DistanceStep, plus the distance to the peer for pool
 * elements learnt over ENRP; and what that does to a selection. Two sites: 5 ms one way within a site,
 * 100 ms between them. The registrar is in site 1; so are the near pool element and the pool user.
 */
class RegistrarDistanceTest {
  static ActorTestKit testKit;
  static final int SERVER_ID = 0x0a0b0c0d;
  static final int PEER_ID = 0x02020202;
  static final TransportAddress PU = TransportAddress.parse("10.1.128.1:3863");
  static final TransportAddress NEAR = TransportAddress.parse("10.1.16.1:3863");
  static final TransportAddress FAR = TransportAddress.parse("10.2.16.2:3863");
  static final TransportAddress PEER = TransportAddress.parse("10.2.0.1:9901");
  static final Duration STEP = Duration.ofMillis(5);
  /** One way and back between the sites, with room to spare. */
  static final Duration ROUND_TRIP = Duration.ofMillis(250);
  /** A load penalty of 1 % per millisecond of distance. */
  static final long LOAD_DPF = SelectionPolicy.MAX_VALUE / 100;

  RegistrarHarness h;
  TestProbe<Packet> pe;
  TestProbe<Packet> pu;

  @BeforeAll
  static void startKit() {
    testKit = ActorTestKit.create("RegistrarDistanceTest", ManualNetwork.config());
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
    LinkProfile lan = LinkProfile.constant(Duration.ofMillis(5));
    LinkProfile wan = LinkProfile.constant(Duration.ofMillis(100));
    h = new RegistrarHarness(testKit, new LinkModel((from, to) -> from == to ? lan : wan, List.of(), 1));
    pe = testKit.createTestProbe();
    pu = testKit.createTestProbe();
    h.net.network().bind(NEAR, pe.ref());
    h.net.network().bind(FAR, pe.ref());
    h.net.network().bind(PU, pu.ref());
    h.start(RegistrarHarness.identity(1, SERVER_ID), RegistrarHarness.settings(settings));
  }

  <T extends Message> T exchange(TestProbe<Packet> probe, TransportAddress from, Message request, Class<T> answer) {
    h.net.network().send(new Packet(from, RegistrarHarness.asap(1), request));
    h.advance(ROUND_TRIP, STEP);
    return answer.cast(probe.expectMessageClass(Packet.class).message());
  }

  static PoolElementParameter poolElement(int id, TransportAddress at, SelectionPolicy policy) {
    return new PoolElementParameter(id, 0, 90_000, SctpTransport.of(at.address(), 1024, TransportUse.DATA_ONLY), policy, null);
  }

  void register(int id, TransportAddress at, SelectionPolicy policy) {
    AsapMessage.RegistrationResponse r = exchange(pe, at, new AsapMessage.Registration(POOL, poolElement(id, at, policy)),
        AsapMessage.RegistrationResponse.class);
    assertFalse(r.reject(), "registration of " + id);
  }

  List<PoolElementParameter> resolve(int items) {
    return exchange(pu, PU, new AsapMessage.HandleResolution(false, POOL, new HandleResolutionOption(items)),
        AsapMessage.HandleResolutionResponse.class).poolElements();
  }

  static SelectionPolicy leastUsedDpf(double load) {
    return new SelectionPolicy(PolicyType.LEAST_USED_DPF, 0, (long) (load * SelectionPolicy.MAX_VALUE), 0, LOAD_DPF, 0, 0);
  }

  /**
   * The far pool element (200 ms round trip, so 100 ms) registers first, with a little less load:
   * LU-DPF adds 100 × 1 % to it and picks the near one (10 ms round trip: 5 ms, rounded to 0).
   */
  @Test
  void leastUsedDpfPicksTheNearerPoolElement() {
    start("");
    register(2, FAR, leastUsedDpf(0.10));
    register(1, NEAR, leastUsedDpf(0.20));
    List<PoolElementParameter> all = resolve(2);
    assertEquals(List.of(1, 2), all.stream().map(PoolElementParameter::identifier).toList(), "near first");
    assertEquals(0, all.get(0).policy().distance(), "near: 5 ms rounded to the 50 ms step");
    assertEquals(100, all.get(1).policy().distance(), "far: half of 200 ms");
    assertEquals(1, resolve(1).get(0).identifier());
  }

  /** Without the distance (LU, same loads), the same pool elements give the lesser loaded far one. */
  @Test
  void leastUsedWithoutDpfPicksTheLesserLoadedFarPoolElement() {
    start("");
    register(2, FAR, new SelectionPolicy(PolicyType.LEAST_USED, 0, (long) (0.10 * SelectionPolicy.MAX_VALUE), 0, 0, 0, 0));
    register(1, NEAR, new SelectionPolicy(PolicyType.LEAST_USED, 0, (long) (0.20 * SelectionPolicy.MAX_VALUE), 0, 0, 0, 0));
    assertEquals(2, resolve(1).get(0).identifier());
  }

  /** The distance the pool element sends is overwritten; the step rounds to its nearest multiple. */
  @Test
  void theDistanceIsRoundedToTheDistanceStepAndReplacesWhatThePoolElementSent() {
    start("distance-step = 30ms");
    register(2, FAR, leastUsedDpf(0.10).withDistance(7));
    assertEquals(90, resolve(1).get(0).policy().distance(), "100 ms to the nearest multiple of 30 ms");
  }

  /** rsplib sets no distance for policies without one (and not for PLU-DPF/PLUD-DPF either). */
  @Test
  void priorityLeastUsedDpfKeepsTheDistanceItCameWith() {
    start("");
    register(2, FAR, new SelectionPolicy(PolicyType.PRIORITY_LEAST_USED_DPF, 0, 0, 0, LOAD_DPF, 0, 7));
    assertEquals(7, resolve(1).get(0).policy().distance());
  }

  /**
   * An ENRP_HANDLE_UPDATE(ADD_PE) from a peer in site 2: the pool element's distance there (50 ms) plus
   * this registrar's distance to the peer (100 ms), so that a pool user here prefers the pool element
   * registered here, though its load is higher.
   */
  @Test
  void aPoolElementOfAPeerIsFurtherByTheDistanceToThePeer() {
    start("");
    register(1, NEAR, leastUsedDpf(0.20));
    PoolElementParameter remote = poolElement(2, FAR, leastUsedDpf(0.10).withDistance(50)).withHome(PEER_ID)
        .withAsapTransport(SctpTransport.of(FAR.address(), FAR.port(), TransportUse.DATA_ONLY));
    h.net.network().send(new Packet(PEER, RegistrarHarness.enrp(1),
        new EnrpMessage.HandleUpdate(false, PEER_ID, SERVER_ID, UpdateAction.ADD_PE, POOL, remote)));
    h.advance(ROUND_TRIP, STEP);
    List<PoolElementParameter> all = resolve(2);
    assertEquals(List.of(1, 2), all.stream().map(PoolElementParameter::identifier).toList());
    assertEquals(150, all.get(1).policy().distance());
  }
}

package org.rserpool.emulator.handlespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TcpTransport;
import org.rserpool.emulator.protocol.param.TransportUse;

class HandlespaceTest {
  static final PoolHandle POOL = PoolHandle.of("CalcAppPool");

  static PoolElementParameter pe(int id) {
    return pe(id, TransportUse.DATA_ONLY, PolicyType.ROUND_ROBIN);
  }

  static PoolElementParameter pe(int id, TransportUse use, PolicyType policy) {
    return new PoolElementParameter(id, 0, 90_000,
        SctpTransport.of(Ipv4Address.of(10, 1, 16, id & 0xff), 1024, use), SelectionPolicy.of(policy), null);
  }

  static List<Integer> ids(List<PoolElementParameter> selected) {
    return selected.stream().map(PoolElementParameter::identifier).toList();
  }

  /** rspsim-model.md §3.2, from RSPSIM's own code: 4 PEs, 3 items, MaxIncrement 1. */
  @Test
  void roundRobinWithMaxIncrementOneMovesThePointerByOne() {
    Handlespace hs = new Handlespace();
    for (int id = 1; id <= 4; id++) assertTrue(hs.register(POOL, pe(id), 0).accepted());
    assertEquals(List.of(1, 2, 3), ids(hs.select(POOL, 3, 1)));
    assertEquals(List.of(2, 3, 4), ids(hs.select(POOL, 3, 1)));
    assertEquals(List.of(3, 4, 1), ids(hs.select(POOL, 3, 1)));
    assertEquals(List.of(4, 1, 2), ids(hs.select(POOL, 3, 1)));
  }

  /** Same, MaxIncrement 3: the pointer moves by three. */
  @Test
  void roundRobinWithMaxIncrementThreeMovesThePointerByThree() {
    Handlespace hs = new Handlespace();
    for (int id = 1; id <= 4; id++) hs.register(POOL, pe(id), 0);
    assertEquals(List.of(1, 2, 3), ids(hs.select(POOL, 3, 3)));
    assertEquals(List.of(4, 1, 2), ids(hs.select(POOL, 3, 3)));
    assertEquals(List.of(3, 4, 1), ids(hs.select(POOL, 3, 3)));
    assertEquals(List.of(2, 3, 4), ids(hs.select(POOL, 3, 3)));
  }

  @Test
  void maxIncrementZeroIsThePolicyDefaultOfOne() {
    Handlespace hs = new Handlespace();
    for (int id = 1; id <= 3; id++) hs.register(POOL, pe(id), 0);
    assertEquals(List.of(1), ids(hs.select(POOL, 1, 0)));
    assertEquals(List.of(2), ids(hs.select(POOL, 1, 0)));
  }

  @Test
  void reRegistrationUpdatesTheEntryAndKeepsItsPlace() {
    Handlespace hs = new Handlespace();
    hs.register(POOL, pe(1), 0);
    hs.register(POOL, pe(2), 0);
    Handlespace.RegistrationResult again = hs.register(POOL, pe(1), 5);
    assertTrue(again.accepted());
    assertFalse(again.newEntry());
    assertEquals(2, hs.poolElementCount());
    assertEquals(5, hs.pool(POOL).find(1).lastUpdateNanos());
    assertEquals(List.of(1, 2), ids(hs.select(POOL, 2, 0)));
  }

  @Test
  void theFirstPoolElementFixesTransportTypeAndDataControlConfiguration() {
    Handlespace hs = new Handlespace();
    hs.register(POOL, pe(1), 0);
    assertEquals(CauseCode.INCONSISTENT_DATA_CONTROL_CONFIGURATION,
        hs.register(POOL, pe(2, TransportUse.DATA_PLUS_CONTROL, PolicyType.ROUND_ROBIN), 0).cause());
    PoolElementParameter tcp = new PoolElementParameter(3, 0, 90_000,
        new TcpTransport(1024, TransportUse.DATA_ONLY, Ipv4Address.of(10, 1, 16, 3)), SelectionPolicy.of(PolicyType.ROUND_ROBIN), null);
    assertEquals(CauseCode.INCONSISTENT_TRANSPORT_TYPE, hs.register(POOL, tcp, 0).cause());
    assertEquals(1, hs.poolElementCount());
  }

  @Test
  void identifierZeroAndOversizedHandlesAreRefused() {
    Handlespace hs = new Handlespace();
    assertEquals(CauseCode.RSPLIB_INVALID_ID, hs.register(POOL, pe(0), 0).cause());
    assertEquals(CauseCode.RSPLIB_INVALID_POOL_HANDLE, hs.register(PoolHandle.of("x".repeat(33)), pe(1), 0).cause());
    assertEquals(0, hs.poolCount());
  }

  @Test
  void policiesOtherThanRoundRobinAreNotSupportedYet() {
    Handlespace hs = new Handlespace();
    assertEquals(CauseCode.RSPLIB_UNSUPPORTED_POOL_POLICY,
        hs.register(POOL, pe(1, TransportUse.DATA_ONLY, PolicyType.LEAST_USED), 0).cause());
  }

  @Test
  void aPoolDisappearsWithItsLastElement() {
    Handlespace hs = new Handlespace();
    hs.register(POOL, pe(1), 0);
    assertTrue(hs.deregister(POOL, 1));
    assertFalse(hs.deregister(POOL, 1));
    assertEquals(0, hs.poolCount());
    assertEquals(List.of(), hs.select(POOL, 3, 0));
  }
}

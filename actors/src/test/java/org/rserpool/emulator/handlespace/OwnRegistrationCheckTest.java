package org.rserpool.emulator.handlespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.rserpool.emulator.handlespace.Fixtures.POOL;
import static org.rserpool.emulator.handlespace.Fixtures.pe;

import org.junit.jupiter.api.Test;
import org.rserpool.emulator.protocol.param.Ipv4Address;
import org.rserpool.emulator.protocol.param.PolicyType;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.SctpTransport;
import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TcpTransport;
import org.rserpool.emulator.protocol.param.TransportUse;

/**
 * {@link Handlespace#checkOwn}: what a pool element checks before it sends a (re-)registration, as
 * rsplib's asapInstanceRegister does with its OwnPoolElements.
 */
class OwnRegistrationCheckTest {
  static final PoolElementParameter FIRST = pe(7, PolicyType.LEAST_USED);

  @Test
  void aValidFirstRegistrationAndACompatibleReRegistrationMayBeSent() {
    assertNull(Handlespace.checkOwn(POOL, null, FIRST));
    PoolElementParameter loaded = FIRST.withPolicy(new SelectionPolicy(PolicyType.LEAST_USED, 0, 1000, 0, 0, 0, 0));
    assertNull(Handlespace.checkOwn(POOL, FIRST, loaded), "new policy values are what a re-registration is for");
  }

  @Test
  void theFirstRegistrationIsCheckedAsANewPoolsFirstElement() {
    assertEquals(RegistrationRefusal.INVALID_POOL_HANDLE, Handlespace.checkOwn(PoolHandle.of(""), null, FIRST));
    assertEquals(RegistrationRefusal.INVALID_IDENTIFIER, Handlespace.checkOwn(POOL, null, pe(0, PolicyType.LEAST_USED)));
    PoolElementParameter portZero = new PoolElementParameter(7, 0, 90_000,
        SctpTransport.of(Ipv4Address.of(10, 1, 16, 7), 0, TransportUse.DATA_ONLY), FIRST.policy(), null);
    assertEquals(RegistrationRefusal.INVALID_USER_TRANSPORT, Handlespace.checkOwn(POOL, null, portZero));
  }

  @Test
  void aReRegistrationMustKeepTheTransportTypeDataControlConfigurationAndPolicyTypeOfThePreviousEntry() {
    Ipv4Address host = Ipv4Address.of(10, 1, 16, 7);
    assertEquals(RegistrationRefusal.INCONSISTENT_POOLING_POLICY,
        Handlespace.checkOwn(POOL, FIRST, FIRST.withPolicy(SelectionPolicy.of(PolicyType.ROUND_ROBIN))));
    PoolElementParameter tcp = new PoolElementParameter(7, 0, 90_000, new TcpTransport(1024, TransportUse.DATA_ONLY, host), FIRST.policy(), null);
    assertEquals(RegistrationRefusal.INCONSISTENT_TRANSPORT_TYPE, Handlespace.checkOwn(POOL, FIRST, tcp));
    PoolElementParameter control = new PoolElementParameter(7, 0, 90_000,
        SctpTransport.of(host, 1024, TransportUse.DATA_PLUS_CONTROL), FIRST.policy(), null);
    assertEquals(RegistrationRefusal.INCONSISTENT_DATA_CONTROL_CONFIGURATION, Handlespace.checkOwn(POOL, FIRST, control));
    assertEquals(RegistrationRefusal.INVALID_IDENTIFIER, Handlespace.checkOwn(POOL, FIRST, pe(8, PolicyType.LEAST_USED)));
  }
}

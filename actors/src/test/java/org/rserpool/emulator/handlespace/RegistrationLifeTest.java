package org.rserpool.emulator.handlespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rserpool.emulator.handlespace.Fixtures.POOL;
import static org.rserpool.emulator.handlespace.Fixtures.pe;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.protocol.param.PolicyType;

/** A re-registration's Registration Life: replaced (RFC 5352 §3.1) or kept from the first (rsplib poolElementNodeUpdate). */
class RegistrationLifeTest {
  static int lifeAfterReRegistration(boolean keep) {
    Handlespace hs = new Handlespace(new Handlespace.Options(CauseSet.RFC_5354, true, keep), new SplittableRandom(1));
    hs.register(POOL, pe(7, PolicyType.ROUND_ROBIN).withRegistrationLife(30_000), 0);
    hs.register(POOL, pe(7, PolicyType.ROUND_ROBIN).withRegistrationLife(90_000), 1);
    return hs.find(POOL, 7).registrationLifeMillis();
  }

  @Test
  void aReRegistrationReplacesTheRegistrationLifeAsTheRfcSays() {
    assertEquals(90_000, lifeAfterReRegistration(false));
  }

  @Test
  void withKeepRegistrationLifeTheFirstOneStaysAsInRsplib() {
    assertEquals(30_000, lifeAfterReRegistration(true));
  }
}

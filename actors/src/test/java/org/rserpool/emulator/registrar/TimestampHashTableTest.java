package org.rserpool.emulator.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.param.PoolHandle;

/** rsplib's time stamp hash table and the rate limits built on it (rspregistrar-security.c). */
class TimestampHashTableTest {
  static final long SECOND = 1_000_000_000L;

  @Test
  void theRateIsEntriesOverTheSpanOfTheBucket() {
    TimestampHashTable t = new TimestampHashTable(4, 16);
    assertEquals(0, t.rate(7), "empty");
    t.add(7, 0);
    assertEquals(0, t.rate(7), "one entry has no span");
    t.add(7, SECOND);
    assertEquals(2.0, t.rate(7), 1e-9, "rsplib counts the entries, not the intervals");
    t.add(7, 2 * SECOND);
    assertEquals(1.5, t.rate(7), 1e-9);
    assertEquals(0, t.rate(8), "another bucket");
    assertEquals(1.5, t.rate(11), 1e-9, "11 % 4 == 7 % 4: the same bucket");
  }

  @Test
  void aFullBucketDropsItsOldestAndOutOfOrderStampsAreNotRecorded() {
    TimestampHashTable t = new TimestampHashTable(1, 3);
    for (int i = 0; i < 5; i++) assertTrue(t.add(0, i * SECOND));
    assertEquals(1.5, t.rate(0), 1e-9, "3 entries over 2 s (2, 3, 4)");
    assertFalse(t.add(0, 3 * SECOND), "earlier than the newest");
    assertEquals(1.5, t.rate(0), 1e-9);
  }

  @Test
  void equalTimesHaveAnInfiniteRate() {
    TimestampHashTable t = new TimestampHashTable(1, 16);
    t.add(0, 5);
    t.add(0, 5);
    assertEquals(Double.POSITIVE_INFINITY, t.rate(0));
  }

  @Test
  void theLimiterRatesEachPoolUserAndPoolApartAndIsOffByDefault() {
    RateLimiter limiter = new RateLimiter(new RegistrarSettings.RateLimit(1.0, 64, 16));
    TransportAddress a = TransportAddress.parse("10.1.128.1:3863");
    TransportAddress b = TransportAddress.parse("10.1.128.2:3863");
    PoolHandle pool = PoolHandle.of("CalcAppPool");
    assertTrue(limiter.permits(a, pool, 0, 0));
    assertFalse(limiter.permits(a, pool, 0, SECOND / 2), "2 requests in 0.5 s: 4/s");
    assertTrue(limiter.permits(b, pool, 0, SECOND / 2), "another pool user");
    assertTrue(limiter.permits(a, PoolHandle.of("Other"), 0, SECOND / 2), "another pool, another bucket");
    assertTrue(limiter.permits(a, pool, 0, 10 * SECOND), "3 requests in 10 s");
    RateLimiter off = new RateLimiter(new RegistrarSettings.RateLimit(-1, 64, 16));
    for (int i = 0; i < 100; i++) assertTrue(off.permits(a, pool, 0, 0));
  }

  /** rsplib computePHPEHash reads the handle as little-endian 32-bit words. */
  @Test
  void theHashIsRsplibs() {
    assertEquals(0x6f686345 ^ 0x6c6f6f50, RateLimiter.hash(PoolHandle.of("EchoPool"), 0));
    assertEquals(0x00636261 ^ 5, RateLimiter.hash(PoolHandle.of("abc"), 5));
  }
}

package org.rserpool.emulator.network.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.protocol.calcapp.CalcAppMessage;
import org.rserpool.emulator.time.EmulationClock;

class ShardedDelayLineTest {

  @Test
  void everyDestinationKeepsItsOrderAcrossShards() throws InterruptedException {
    int destinations = 16;
    int perDestination = 500;
    Map<TransportAddress, List<Integer>> received = new HashMap<>();
    CountDownLatch done = new CountDownLatch(destinations * perDestination);
    DelayLine.Sink sink = new DelayLine.Sink() {
      @Override
      public synchronized void deliver(Packet packet, long latenessNanos) {
        received.computeIfAbsent(packet.destination(), d -> new ArrayList<>()).add(((CalcAppMessage.KeepAlive) packet.message()).jobId());
        done.countDown();
      }

      @Override
      public void overflow(Packet packet) {
        throw new AssertionError("no overflow expected");
      }
    };
    TransportAddress from = TransportAddress.parse("10.1.16.1:1024");
    try (DelayLine line = ShardedDelayLine.factory(3, 1 << 14, 1 << 14).start(EmulationClock.scaled(1), sink)) {
      for (int i = 0; i < perDestination; i++) {
        for (int d = 0; d < destinations; d++) {
          assertTrue(line.schedule(1_000_000, new Packet(from, TransportAddress.parse("10.1.128." + (d + 1) + ":1800"), new CalcAppMessage.KeepAlive(i))));
        }
      }
      assertTrue(done.await(10, TimeUnit.SECONDS));
    }
    assertEquals(destinations, received.size());
    for (List<Integer> ids : received.values()) {
      for (int i = 0; i < perDestination; i++) assertEquals(i, ids.get(i));
    }
  }
  /** The copies of a multicast datagram (destination: the group) go to the line of each receiver, not all to the group's one. */
  @Test
  void theCopiesOfAMulticastDatagramSpreadOverTheShards() throws InterruptedException {
    int members = 16;
    java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    CountDownLatch done = new CountDownLatch(members);
    DelayLine.Sink sink = new DelayLine.Sink() {
      @Override
      public void deliver(Packet packet, long latenessNanos) {
        threads.add(Thread.currentThread().getName());
        done.countDown();
      }

      @Override
      public void overflow(Packet packet) {
        throw new AssertionError("no overflow expected");
      }
    };
    TransportAddress from = TransportAddress.parse("10.1.0.1:3863");
    TransportAddress group = TransportAddress.parse("239.0.0.50:3863");
    try (DelayLine line = ShardedDelayLine.factory(3, 1 << 14, 1 << 14).start(EmulationClock.scaled(1), sink)) {
      for (int m = 0; m < members; m++) {
        TransportAddress member = TransportAddress.parse("10.1.128." + (m + 1) + ":3863");
        assertTrue(line.schedule(1_000_000, new Packet(from, group, new CalcAppMessage.KeepAlive(m), member)));
      }
      assertTrue(done.await(10, TimeUnit.SECONDS));
    }
    assertTrue(threads.size() > 1, "delivered by " + threads);
  }
}

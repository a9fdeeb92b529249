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
}

package org.rserpool.emulator.registrar;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.rserpool.emulator.handlespace.Handlespace;
import org.rserpool.emulator.time.EmulationClock;
import org.slf4j.Logger;

/**
 * What the parts of one registrar share: who it is, its settings, its handlespace and peer list, where
 * it sends from, its statistics, the emulation clock, its log and its random source. All of it belongs
 * to the registrar actor and is used on its thread only.
 *
 * @param random draws that are not the pool policies' (announce cycles, update loss); seeded from the
 *     server ID, so a scenario and seed give the same run
 */
record RegistrarContext(
    String name,
    int serverId,
    RegistrarSettings settings,
    Handlespace handlespace,
    PeerList peers,
    RegistrarSockets sockets,
    RegistrarMetrics metrics,
    EmulationClock clock,
    Logger log,
    RandomGenerator random) {

  long now() {
    return clock.nanos();
  }

  static long nanos(Duration d) {
    return d.toNanos();
  }

  /**
   * rsplib registrarRandomizeCycle: a cycle drawn uniformly from [0.875, 1.125] times its length, so
   * that registrars started together do not announce in lockstep.
   */
  Duration randomized(Duration cycle) {
    double factor = 0.875 + 0.25 * random.nextDouble();
    return Duration.ofNanos((long) (cycle.toNanos() * factor));
  }
}

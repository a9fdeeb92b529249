package org.rserpool.emulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.capture.PcapTap;
import org.rserpool.emulator.protocol.pcap.Tshark;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * A short emulation over two sites with delay, jitter and loss, captured with {@code
 * rserpool.network.capture} (what {@code ./emulate --capture FILE} sets) and dissected by Wireshark's
 * own dissectors: no malformed or expert-flagged frame, the emulated addresses, ASAP on port 3863 with
 * PPID 11 and CalcApp with PPID 34. Skipped, saying why, when tshark is not installed; the capture is
 * left in {@code target/wireshark/} for a look in Wireshark.
 */
class CaptureTest {
  static final Path FILE = Path.of("target", "wireshark", "emulation.pcap");
  static String tshark;

  @BeforeAll
  static void findTshark() {
    tshark = Tshark.version();
    if (tshark == null) System.err.println("CaptureTest: SKIPPED: " + Tshark.MISSING);
  }

  @Test
  void aCapturedEmulationIsDissectedByWiresharkWithoutErrors() throws Exception {
    Assumptions.assumeTrue(tshark != null, Tshark.MISSING);
    Files.deleteIfExists(FILE);
    long written;
    try (Emulation emulation = Emulation.start(ScenarioLoader.loadString("""
        scenario {
          time-scale = 20
          sites = [
            { registrars = 1, pool-elements = 3, pool-users = 10 }
            { registrars = 1, pool-elements = 3, pool-users = 10 }
          ]
          network { lan-delay = 1ms, wan-delay = 20ms, link { jitter = 1ms, loss = 1% } }
        }
        rserpool.metrics.port = 0
        """, Map.of("rserpool.network.capture", FILE.toString())))) {
      ActorTestKit probes = ActorTestKit.create(emulation.system());
      probes.createTestProbe().awaitAssert(Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
        assertTrue(emulation.statistics().jobsCompleted() >= 2, "jobs completed");
        return null;
      });
      emulation.stop(Duration.ofSeconds(20));
      PcapTap tap = emulation.capture().orElseThrow();
      written = tap.written();
      assertTrue(written > 0);
    }

    assertEquals(List.of(), Tshark.run(FILE, "-Y", "_ws.malformed || _ws.expert", "-T", "fields",
        "-e", "frame.number", "-e", "_ws.col.Info", "-e", "_ws.expert.message"),
        "malformed or expert-flagged frames (frame number, info, expert message)");
    List<String> frames = Tshark.run(FILE, "-T", "fields", "-E", "occurrence=f",
        "-e", "ip.src", "-e", "ip.dst", "-e", "sctp.srcport", "-e", "sctp.dstport", "-e", "sctp.data_payload_proto_id",
        "-e", "sctp.checksum.status", "-e", "asap.message_type", "-e", "calcappprotocol.message_type", "-e", "frame.time_delta",
        "-e", "enrp.message_type", "-e", "udp.dstport");
    assertEquals(written, frames.size(), "one frame per delivered packet");
    int asap = 0;
    int enrp = 0;
    int calcapp = 0;
    int announces = 0;
    for (String frame : frames) {
      String[] f = (frame + "\t").split("\t", -1);
      assertTrue(f[0].startsWith("10.") && (f[1].startsWith("10.") || f[1].startsWith("239.")), "emulated addresses: " + frame);
      assertTrue(!f[8].startsWith("-"), "frames in time order: " + frame);
      if (!f[10].isEmpty()) {
        // Announces (ASAP_SERVER_ANNOUNCE, ENRP_PRESENCE) go to their multicast group over UDP (RFC 5352 §3.6).
        announces++;
        assertTrue(f[1].startsWith("239."), "UDP only to a multicast group: " + frame);
        assertTrue(!f[6].isEmpty() || !f[9].isEmpty(), "dissected as ASAP or ENRP: " + frame);
        continue;
      }
      assertEquals("1", f[5], "SCTP CRC32c good: " + frame);
      if (f[4].equals("11")) {
        asap++;
        assertTrue(f[2].equals("3863") || f[3].equals("3863"), "ASAP on port 3863: " + frame);
        assertTrue(!f[6].isEmpty(), "dissected as ASAP: " + frame);
      } else if (f[4].equals("12")) {
        enrp++;
        assertTrue(f[2].equals("9901") && f[3].equals("9901"), "ENRP between ports 9901: " + frame);
        assertTrue(!f[9].isEmpty(), "dissected as ENRP: " + frame);
      } else {
        assertEquals("34", f[4], "ASAP (11), ENRP (12) or CalcApp (34) PPID: " + frame);
        calcapp++;
        assertTrue(!f[7].isEmpty(), "dissected as CalcApp: " + frame);
      }
    }
    assertTrue(asap > 0, "ASAP frames");
    assertTrue(calcapp > 0, "CalcApp frames");
    assertTrue(enrp > 0, "ENRP frames between the two sites' registrars");
    assertTrue(announces > 0, "announces to multicast groups");
  }
}

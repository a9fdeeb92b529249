package org.rserpool.emulator.network.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.rserpool.emulator.network.Packet;
import org.rserpool.emulator.network.PacketTap;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.codec.MessageCodec;
import org.rserpool.emulator.protocol.pcap.PcapWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the packets the network delivers to a pcap file ({@code ./emulate --capture FILE}): each
 * message encoded by the wire codec, in an SCTP DATA chunk with its Payload Protocol Identifier
 * (ASAP 11, ENRP 12, CalcApp 34), between its emulated IPv4 addresses and ports, stamped with the
 * emulated time of delivery; multicast packets as UDP datagrams to their group, one per member reached.
 * Wireshark dissects it as ASAP, ENRP and CalcApp.
 *
 * <p>Packets appear when they reach their receiver: lost, partitioned and unroutable packets are not
 * in the capture, a duplicated one appears twice. A write error stops the capture (logged once)
 * without disturbing the emulation.
 */
public final class PcapTap implements PacketTap, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PcapTap.class);
  private final Path file;
  private final PcapWriter writer;
  private final Instant epoch;
  private final AtomicLong written = new AtomicLong();
  private volatile boolean failed;
  private long lastNanos = Long.MIN_VALUE;

  /**
   * @param epoch the wall-clock instant of emulated time zero (frame time = epoch + emulated time)
   * @throws IOException when the file cannot be created
   */
  public PcapTap(Path file, Instant epoch) throws IOException {
    this.file = file;
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    this.writer = new PcapWriter(Files.newOutputStream(file));
    this.epoch = epoch;
  }

  @Override
  public void delivered(long emulatedNanos, Packet packet) {
    if (failed) return;
    Message m = packet.message();
    try {
      byte[] payload = MessageCodec.encode(m);
      synchronized (this) {
        // Packets are delivered on several threads (the delay line, and senders for zero delays): the
        // frames' times never go back, so the file reads in time order.
        lastNanos = Math.max(lastNanos, emulatedNanos);
        if (packet.multicast()) {
          // Announcements travel as UDP datagrams to their group (rsplib; RFC 5352 §3.6), one per member.
          writer.writeUdp(epoch.plusNanos(lastNanos), packet.source().address(), packet.source().port(),
              packet.destination().address(), packet.destination().port(), payload);
        } else {
          writer.writeSctp(epoch.plusNanos(lastNanos),
              packet.source().address(), packet.source().port(),
              packet.destination().address(), packet.destination().port(),
              m.protocol().ppid(), payload);
        }
      }
      written.incrementAndGet();
    } catch (IOException | UncheckedIOException e) {
      failed = true;
      LOG.error("packet capture to {} stopped after {} packets: {}", file, written.get(), e.toString());
    } catch (RuntimeException e) {
      // A message the codec cannot encode is a bug elsewhere; keep capturing the others.
      LOG.warn("packet capture: cannot encode {}: {}", m, e.toString());
    }
  }

  /** Packets written so far. */
  public long written() {
    return written.get();
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}

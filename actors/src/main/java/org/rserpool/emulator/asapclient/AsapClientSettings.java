package org.rserpool.emulator.asapclient;

import com.typesafe.config.Config;
import java.time.Duration;
import org.rserpool.emulator.config.ConfigChecks;
import org.rserpool.emulator.network.TransportAddress;

/**
 * How pool elements, pool users and attackers find registrars ({@code rserpool.asap-client} in
 * reference.conf): besides their static registrar list, from ASAP_SERVER_ANNOUNCEs heard on the
 * announce group (rsplib's defaults).
 *
 * @param useAnnounces whether to join the announce group and learn registrars from it
 * @param announceGroup the multicast group and port registrars announce on (rsplib 239.0.0.50:3863)
 * @param announceTimeout how long an announced registrar stays known without a new announce (rsplib 5 s)
 * @param huntFailureMemory how long a server hunt avoids a registrar that did not answer (0 = never, as
 *     RSPSIM)
 */
public record AsapClientSettings(boolean useAnnounces, TransportAddress announceGroup, Duration announceTimeout, Duration huntFailureMemory) {

  public AsapClientSettings {
    if (!announceGroup.address().isMulticast()) throw new IllegalArgumentException("not a multicast group: " + announceGroup);
  }

  public static AsapClientSettings fromConfig(Config config) {
    Config c = config.getConfig("rserpool.asap-client");
    String path = "rserpool.asap-client.";
    TransportAddress group;
    try {
      group = TransportAddress.parse(c.getString("announce-group"));
    } catch (IllegalArgumentException e) {
      throw ConfigChecks.bad(path + "announce-group", e.getMessage());
    }
    if (!group.address().isMulticast()) {
      throw ConfigChecks.bad(path + "announce-group", "must be a multicast group (224.0.0.0/4) and port, got " + group);
    }
    return new AsapClientSettings(
        c.getBoolean("use-announces"),
        group,
        ConfigChecks.positive(c.getDuration("announce-timeout"), path + "announce-timeout"),
        ConfigChecks.nonNegative(c.getDuration("hunt-failure-memory"), path + "hunt-failure-memory"));
  }

  /** A registrar table over {@code statics} with these settings' announce timeout and failure memory. */
  public RegistrarTable table(java.util.List<TransportAddress> statics) {
    return new RegistrarTable(statics, announceTimeout.toNanos(), huntFailureMemory.toNanos());
  }
}

package org.rserpool.emulator.registrar;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.rserpool.emulator.config.ConfigChecks;
import org.rserpool.emulator.config.Profiles;
import org.rserpool.emulator.handlespace.CauseSet;
import org.rserpool.emulator.handlespace.HandleTableExtraction;
import org.rserpool.emulator.network.TransportAddress;

/**
 * Registrar parameters ({@code rserpool.registrar} in reference.conf). Defaults are rsplib's registrar
 * (rspregistrar.h, REGISTRAR_DEFAULT_*); RSPSIM's registrar options are offered where rsplib has none.
 * All durations are emulated time.
 *
 * @param maxHandleResolutionItems pool elements per HANDLE_RESOLUTION_RESPONSE when the request has no
 *     Handle Resolution option, or asks for 0 (rsplib MaxHandleResolutionItems); always capped at 128
 * @param randomizeHandleResolutionItems RSPSIM's registrarRandomizeMaxHandleResolutionItems: draw the
 *     number of items per resolution
 * @param maxIncrement how many selected entries advance the policy state per selection; 0 = the policy's default
 * @param errorCauses the cause codes of refused registrations: RFC 5354's or rsplib's
 * @param policyUpdateOnRelink rsplib's policy update on every re-link of an entry (true), or once per selection
 * @param noServiceDuringStartup RSPSIM's asapNoServiceDuringStartup: refuse registrations and handle
 *     resolutions until the startup phase ends
 * @param maxBadPeReports ASAP_ENDPOINT_UNREACHABLE reports after which a pool element is removed
 * @param keepAliveTransmissionInterval time between ENDPOINT_KEEP_ALIVEs to an owned pool element
 * @param keepAliveTimeoutInterval wait for the ENDPOINT_KEEP_ALIVE_ACK before removing the pool element
 * @param handleResolutionRate MaxHRRate: handle resolutions per second and pool user before refusing
 * @param endpointUnreachableRate MaxEURate: unreachability reports per second and pool user before ignoring
 * @param answerRefusedHandleResolutions answer a handle resolution over the rate with Unknown Pool Handle
 *     as rsplib does (true), or not at all as RSPSIM does (false)
 * @param asapAnnounceAddress the group ASAP_SERVER_ANNOUNCEs go to; {@code null} sends none
 * @param serverAnnounceCycle time between announces (randomized by ±12.5 % as rsplib)
 * @param enrpMulticastAddress the group heartbeat ENRP_PRESENCEs also go to; {@code null} for unicast only
 * @param peerHeartbeatCycle time between ENRP_PRESENCEs to all peers (randomized by ±12.5 %)
 * @param peerMaxTimeLastHeard silence of a peer before it is asked for a PRESENCE
 * @param peerMaxTimeNoResponse wait for that PRESENCE before the peer is considered dead
 * @param mentorDiscoveryTimeout length of the startup phase without a mentor
 * @param takeoverExpiryInterval wait for all ENRP_INIT_TAKEOVER_ACKs
 * @param takeoverArbitration which of two concurrent initiators wins
 * @param takeoverOnExpiry when the acknowledgements do not all arrive in time: take over anyway (RSPSIM,
 *     true) or give up (rsplib, false)
 * @param takeoverSuggestion RSPSIM's asapUseTakeoverSuggestion / rsplib's -supporttakeoversuggestion
 * @param maxElementsPerHandleTableRequest pool elements per ENRP_HANDLE_TABLE_RESPONSE (1..1024)
 * @param handleTableSyncTimeout how long a handle table transfer may stall before it is given up
 * @param updateLossProbability RSPSIM's registrarUpdateLossProbability: incoming ENRP_HANDLE_UPDATEs dropped
 * @param keepRegistrationLife keep the first registration's life on re-registrations and updates
 *     (rsplib poolElementNodeUpdate) instead of taking the new one (RFC 5352 §3.1)
 * @param greetWithReplyRequired greet a newly heard peer with a PRESENCE with R=1 (rsplib
 *     registrarHandleENRPPresence) instead of R=0 (RSPSIM)
 * @param restartExpiryOnHandleTableAndTakeover handle table entries and TAKEOVER_SERVER restart a
 *     foreign pool element's expiry (RSPSIM), or leave a running one (rsplib)
 * @param acceptAnyKeepAliveAck an ENDPOINT_KEEP_ALIVE_ACK re-arms the keep-alive of any pool element
 *     found (rsplib), not only of an owned one whose ack is awaited (RSPSIM)
 * @param distanceStep rsplib's DistanceStep: the DPF policies' distance (half the round-trip time) is
 *     rounded to a multiple of it (whole milliseconds, at least 1)
 */
public record RegistrarSettings(
    int maxHandleResolutionItems,
    boolean randomizeHandleResolutionItems,
    int maxIncrement,
    CauseSet errorCauses,
    boolean policyUpdateOnRelink,
    boolean noServiceDuringStartup,
    int maxBadPeReports,
    Duration keepAliveTransmissionInterval,
    Duration keepAliveTimeoutInterval,
    RateLimit handleResolutionRate,
    RateLimit endpointUnreachableRate,
    boolean answerRefusedHandleResolutions,
    TransportAddress asapAnnounceAddress,
    Duration serverAnnounceCycle,
    TransportAddress enrpMulticastAddress,
    Duration peerHeartbeatCycle,
    Duration peerMaxTimeLastHeard,
    Duration peerMaxTimeNoResponse,
    Duration mentorDiscoveryTimeout,
    Duration takeoverExpiryInterval,
    TakeoverArbitration takeoverArbitration,
    boolean takeoverOnExpiry,
    boolean takeoverSuggestion,
    int maxElementsPerHandleTableRequest,
    Duration handleTableSyncTimeout,
    double updateLossProbability,
    boolean keepRegistrationLife,
    boolean greetWithReplyRequired,
    boolean restartExpiryOnHandleTableAndTakeover,
    boolean acceptAnyKeepAliveAck,
    Duration distanceStep) {

  /** rsplib's MAX_MAX_HANDLE_RESOLUTION_ITEMS. */
  public static final int MAX_ITEMS = 128;
  private static final String PATH = "rserpool.registrar.";
  private static final String OFF = "off";

  /**
   * A rate limit of rsplib's and RSPSIM's DoS countermeasures (rspregistrar-security.c,
   * timestamphashtable.c): per pool user a hash table of {@code buckets} buckets with the last
   * {@code maxEntries} time stamps each.
   *
   * @param maxRate requests per second; 0 or less disables the limit (rsplib's default -1)
   */
  public record RateLimit(double maxRate, int buckets, int maxEntries) {
    public boolean enabled() {
      return maxRate > 0;
    }
  }

  /** The ASAP side's settings of an earlier version, with rsplib's defaults for everything else. */
  public RegistrarSettings(int maxHandleResolutionItems, int maxIncrement, CauseSet errorCauses, boolean policyUpdateOnRelink) {
    this(maxHandleResolutionItems, Defaults.VALUE.randomizeHandleResolutionItems, maxIncrement, errorCauses, policyUpdateOnRelink,
        Defaults.VALUE.noServiceDuringStartup, Defaults.VALUE.maxBadPeReports, Defaults.VALUE.keepAliveTransmissionInterval,
        Defaults.VALUE.keepAliveTimeoutInterval, Defaults.VALUE.handleResolutionRate, Defaults.VALUE.endpointUnreachableRate,
        Defaults.VALUE.answerRefusedHandleResolutions, Defaults.VALUE.asapAnnounceAddress, Defaults.VALUE.serverAnnounceCycle,
        Defaults.VALUE.enrpMulticastAddress, Defaults.VALUE.peerHeartbeatCycle, Defaults.VALUE.peerMaxTimeLastHeard,
        Defaults.VALUE.peerMaxTimeNoResponse, Defaults.VALUE.mentorDiscoveryTimeout, Defaults.VALUE.takeoverExpiryInterval,
        Defaults.VALUE.takeoverArbitration, Defaults.VALUE.takeoverOnExpiry, Defaults.VALUE.takeoverSuggestion,
        Defaults.VALUE.maxElementsPerHandleTableRequest, Defaults.VALUE.handleTableSyncTimeout, Defaults.VALUE.updateLossProbability,
        Defaults.VALUE.keepRegistrationLife, Defaults.VALUE.greetWithReplyRequired,
        Defaults.VALUE.restartExpiryOnHandleTableAndTakeover, Defaults.VALUE.acceptAnyKeepAliveAck, Defaults.VALUE.distanceStep);
  }

  /** The defaults of reference.conf, read once. */
  private static final class Defaults {
    static final RegistrarSettings VALUE = fromConfig(ConfigFactory.defaultReference());
  }

  /** The defaults of reference.conf. */
  public static RegistrarSettings defaults() {
    return Defaults.VALUE;
  }

  public static RegistrarSettings fromConfig(Config config) {
    Config c = Profiles.apply(config).getConfig("rserpool.registrar");
    return new RegistrarSettings(
        ConfigChecks.atLeast(c.getInt("max-handle-resolution-items"), 1, PATH + "max-handle-resolution-items"),
        c.getBoolean("randomize-handle-resolution-items"),
        ConfigChecks.atLeast(c.getInt("max-increment"), 0, PATH + "max-increment"),
        errorCauses(c.getString("error-causes"), PATH + "error-causes"),
        c.getBoolean("policy-update-on-relink"),
        c.getBoolean("no-service-during-startup"),
        ConfigChecks.atLeast(c.getInt("max-bad-pe-reports"), 1, PATH + "max-bad-pe-reports"),
        positive(c, "endpoint-keep-alive-transmission-interval"),
        positive(c, "endpoint-keep-alive-timeout-interval"),
        rateLimit(c, "max-handle-resolution-rate", "handle-resolution-rate-buckets", "handle-resolution-rate-max-entries"),
        rateLimit(c, "max-endpoint-unreachable-rate", "endpoint-unreachable-rate-buckets", "endpoint-unreachable-rate-max-entries"),
        c.getBoolean("answer-refused-handle-resolutions"),
        group(c, "asap-announce"),
        positive(c, "server-announce-cycle"),
        group(c, "enrp-multicast"),
        positive(c, "peer-heartbeat-cycle"),
        positive(c, "peer-max-time-last-heard"),
        positive(c, "peer-max-time-no-response"),
        positive(c, "mentor-discovery-timeout"),
        positive(c, "takeover-expiry-interval"),
        arbitration(c.getString("takeover-arbitration"), PATH + "takeover-arbitration"),
        c.getBoolean("takeover-on-expiry"),
        c.getBoolean("takeover-suggestion"),
        maxElements(c.getInt("max-elements-per-handle-table-request")),
        positive(c, "handle-table-sync-timeout"),
        ConfigChecks.inRange(c.getDouble("update-loss-probability"), 0, 1, PATH + "update-loss-probability"),
        c.getBoolean("keep-registration-life"),
        c.getBoolean("greet-with-reply-required"),
        c.getBoolean("restart-expiry-on-handle-table-and-takeover"),
        c.getBoolean("accept-any-keep-alive-ack"),
        distanceStep(c));
  }

  private static Duration positive(Config c, String key) {
    return ConfigChecks.positive(c.getDuration(key), PATH + key);
  }

  /** rsplib -distancestep: whole milliseconds, at least 1 (rsplib raises anything smaller to 1). */
  private static Duration distanceStep(Config c) {
    String key = "distance-step";
    Duration d = c.getDuration(key);
    if (d.toMillis() < 1 || d.toNanos() % 1_000_000 != 0) {
      throw ConfigChecks.bad(PATH + key, "must be a whole number of milliseconds, at least 1ms (rsplib DistanceStep), got " + d);
    }
    return d;
  }

  private static RateLimit rateLimit(Config c, String rateKey, String bucketsKey, String entriesKey) {
    return new RateLimit(
        c.getDouble(rateKey),
        ConfigChecks.atLeast(c.getInt(bucketsKey), 1, PATH + bucketsKey),
        ConfigChecks.atLeast(c.getInt(entriesKey), 2, PATH + entriesKey));
  }

  /** A multicast group as "address:port", or "off". */
  private static TransportAddress group(Config c, String key) {
    String value = c.getString(key).trim();
    if (value.equalsIgnoreCase(OFF)) return null;
    TransportAddress address;
    try {
      address = TransportAddress.parse(value);
    } catch (IllegalArgumentException e) {
      throw ConfigChecks.bad(PATH + key, "must be a multicast group as address:port (e.g. 239.0.0.50:3863) or \"off\", got '" + value + "'");
    }
    if (!address.address().isMulticast()) {
      throw ConfigChecks.bad(PATH + key, "must be a multicast address (224.0.0.0/4) or \"off\", got " + address);
    }
    return address;
  }

  private static int maxElements(int value) {
    String key = PATH + "max-elements-per-handle-table-request";
    if (value < 1 || value > HandleTableExtraction.MAX_ENTRIES_PER_CHUNK) {
      throw ConfigChecks.bad(key, "must be in 1.." + HandleTableExtraction.MAX_ENTRIES_PER_CHUNK + " (rsplib's limit), got " + value);
    }
    return value;
  }

  private static CauseSet errorCauses(String value, String key) {
    try {
      return CauseSet.fromName(value);
    } catch (IllegalArgumentException e) {
      throw ConfigChecks.bad(key, e.getMessage());
    }
  }

  private static TakeoverArbitration arbitration(String value, String key) {
    try {
      return TakeoverArbitration.fromName(value);
    } catch (IllegalArgumentException e) {
      throw ConfigChecks.bad(key, e.getMessage());
    }
  }
}

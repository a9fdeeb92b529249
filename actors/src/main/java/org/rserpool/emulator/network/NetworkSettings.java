package org.rserpool.emulator.network;

import com.typesafe.config.Config;
import org.rserpool.emulator.config.ConfigChecks;
import org.rserpool.emulator.network.delivery.DelayLine;
import org.rserpool.emulator.network.delivery.ShardedDelayLine;

/**
 * How a node's network delivers ({@code rserpool.network} in reference.conf): the delay line's
 * threads and its memory bounds.
 *
 * @param delayLineThreads threads handing due packets to receivers (packets to one address always use the same one)
 * @param inboxCapacity packets that may wait between senders and one delay-line thread
 * @param maxInFlight packets that may wait for their due time, over all delay-line threads
 */
public record NetworkSettings(int delayLineThreads, int inboxCapacity, int maxInFlight) {

  public static NetworkSettings fromConfig(Config config) {
    Config c = config.getConfig("rserpool.network.delay-line");
    String path = "rserpool.network.delay-line.";
    int threads = ConfigChecks.atLeast(c.getInt("threads"), 1, path + "threads");
    if (threads > 64) throw ConfigChecks.bad(path + "threads", "must be at most 64, got " + threads);
    return new NetworkSettings(threads,
        ConfigChecks.atLeast(c.getInt("inbox-capacity"), 1024, path + "inbox-capacity"),
        ConfigChecks.atLeast(c.getInt("max-in-flight"), 1024, path + "max-in-flight"));
  }

  /** The real-time delay line these settings describe. */
  public DelayLine.Factory delayLine() {
    return ShardedDelayLine.factory(delayLineThreads, inboxCapacity, Math.max(1, maxInFlight / delayLineThreads));
  }
}

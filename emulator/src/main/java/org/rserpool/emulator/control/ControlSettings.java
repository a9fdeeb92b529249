package org.rserpool.emulator.control;

import com.typesafe.config.Config;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Where the control endpoint listens and whether it needs a token ({@code rserpool.control}).
 *
 * @param token the bearer token, or empty for none
 */
public record ControlSettings(boolean enabled, String host, int port, String token, Duration eventPollInterval) {

  public ControlSettings {
    if (port < 0 || port > 65535) throw new IllegalArgumentException("rserpool.control.port: a TCP port in 0..65535, got " + port);
    token = token == null ? "" : token.trim();
  }

  public static ControlSettings fromConfig(Config c) {
    Config k = c.getConfig("rserpool.control");
    return new ControlSettings(k.getBoolean("enabled"), k.getString("host"), k.getInt("port"), k.getString("token"),
        k.getDuration("event-poll-interval"));
  }

  public ControlSettings withHost(String h) {
    return new ControlSettings(enabled, h, port, token, eventPollInterval);
  }

  public ControlSettings withPort(int p) {
    return new ControlSettings(enabled, host, p, token, eventPollInterval);
  }

  public ControlSettings withToken(String t) {
    return new ControlSettings(enabled, host, port, t, eventPollInterval);
  }

  public ControlSettings withEnabled(boolean e) {
    return new ControlSettings(e, host, port, token, eventPollInterval);
  }

  /**
   * Refuses an endpoint that anyone on the network could use: bound to anything but loopback it needs a
   * token (the emulation's faults are an open door otherwise).
   *
   * @throws IllegalArgumentException saying what to do
   */
  public void check() {
    if (!token.isEmpty()) return;
    if (!isLoopback(host)) {
      throw new IllegalArgumentException("the control endpoint on " + host + " is reachable from the network; give a token with "
          + "--control-token or EMULATOR_CONTROL_TOKEN, or bind it to 127.0.0.1 (--control-host)");
    }
  }

  static boolean isLoopback(String host) {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) return false;
      }
      return true;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("rserpool.control.host: unknown host '" + host + "'");
    }
  }
}

package org.rserpool.emulator.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.rserpool.emulator.scenario.Scenario;

/**
 * The fingerprint nodes compare before they run one emulation together: SHA-256 of the resolved
 * {@code scenario} and {@code rserpool} settings, without those that belong to one node (its name,
 * metrics, control endpoint, cluster address and capture file).
 */
public final class ScenarioHash {
  private ScenarioHash() {}

  public static String of(Scenario scenario) {
    Config c = scenario.config();
    Config rserpool = c.getConfig("rserpool").withoutPath("node").withoutPath("metrics").withoutPath("control")
        .withoutPath("cluster").withoutPath("network.capture");
    String text = c.getConfig("scenario").root().render(ConfigRenderOptions.concise().setJson(true))
        + "\n" + rserpool.root().render(ConfigRenderOptions.concise().setJson(true))
        + "\n" + scenario.timeScale() + " " + scenario.duration() + " " + scenario.seed();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

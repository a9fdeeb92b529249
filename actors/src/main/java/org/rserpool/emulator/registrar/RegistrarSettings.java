package org.rserpool.emulator.registrar;

import com.typesafe.config.Config;
import org.rserpool.emulator.config.ConfigChecks;
import org.rserpool.emulator.handlespace.CauseSet;

/**
 * Registrar parameters ({@code rserpool.registrar} in reference.conf), with rsplib's defaults.
 *
 * @param maxHandleResolutionItems pool elements per HANDLE_RESOLUTION_RESPONSE when the request has no
 *     Handle Resolution option (rsplib MaxHandleResolutionItems); always capped at 128
 * @param maxIncrement how many selected entries advance the policy state per selection; 0 = the policy's default
 * @param errorCauses the cause codes of refused registrations: RFC 5354's or rsplib's
 * @param policyUpdateOnRelink rsplib's policy update on every re-link of an entry (true), or once per selection
 */
public record RegistrarSettings(int maxHandleResolutionItems, int maxIncrement, CauseSet errorCauses, boolean policyUpdateOnRelink) {
  /** rsplib's MAX_MAX_HANDLE_RESOLUTION_ITEMS. */
  public static final int MAX_ITEMS = 128;

  public static RegistrarSettings fromConfig(Config config) {
    Config c = config.getConfig("rserpool.registrar");
    String path = "rserpool.registrar.";
    return new RegistrarSettings(
        ConfigChecks.atLeast(c.getInt("max-handle-resolution-items"), 1, path + "max-handle-resolution-items"),
        ConfigChecks.atLeast(c.getInt("max-increment"), 0, path + "max-increment"),
        errorCauses(c.getString("error-causes"), path + "error-causes"),
        c.getBoolean("policy-update-on-relink"));
  }

  private static CauseSet errorCauses(String value, String key) {
    try {
      return CauseSet.fromName(value);
    } catch (IllegalArgumentException e) {
      throw ConfigChecks.bad(key, e.getMessage());
    }
  }
}

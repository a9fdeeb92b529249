package org.rserpool.emulator.protocol.param;

/**
 * Pool Element parameter (RFC 5354 §3.10, type 0xa): one pool element's identity, home registrar,
 * registration life, user transport, member selection policy and, in ENRP messages and registrar
 * state, the ASAP transport through which its registrar reaches it.
 *
 * @param identifier the PE identifier, unsigned 32 bits; 0 is rsplib's "undefined" and is refused at registration
 * @param homeEnrpServerIdentifier the home registrar's ID, 0 while undetermined
 * @param registrationLife signed 32 bits. RFC 5354 says seconds (-1 = infinite); rsplib and Wireshark
 *     use milliseconds and treat -1 like any other value. The emulator follows rsplib: milliseconds.
 * @param userTransport where pool users reach the pool element
 * @param policy the pool member selection policy and its values
 * @param asapTransport the ASAP (registrator) transport, or {@code null} when absent, as in a
 *     REGISTRATION or a HANDLE_RESOLUTION_RESPONSE
 */
public record PoolElementParameter(
    int identifier,
    int homeEnrpServerIdentifier,
    int registrationLife,
    TransportParameter userTransport,
    SelectionPolicy policy,
    SctpTransport asapTransport) {
  public static final int TYPE = 0x000a;

  public PoolElementParameter {
    if (userTransport == null) throw new IllegalArgumentException("user transport is required");
    if (policy == null) throw new IllegalArgumentException("member selection policy is required");
  }

  public PoolElementParameter withPolicy(SelectionPolicy newPolicy) {
    return new PoolElementParameter(identifier, homeEnrpServerIdentifier, registrationLife, userTransport, newPolicy, asapTransport);
  }

  public PoolElementParameter withRegistrationLife(int newRegistrationLife) {
    return new PoolElementParameter(identifier, homeEnrpServerIdentifier, newRegistrationLife, userTransport, policy, asapTransport);
  }

  public PoolElementParameter withHome(int newHome) {
    return new PoolElementParameter(identifier, newHome, registrationLife, userTransport, policy, asapTransport);
  }

  public PoolElementParameter withAsapTransport(SctpTransport newAsapTransport) {
    return new PoolElementParameter(identifier, homeEnrpServerIdentifier, registrationLife, userTransport, policy, newAsapTransport);
  }

  @Override
  public String toString() {
    return "PE " + Identifiers.hex(identifier) + " (home " + Identifiers.hex(homeEnrpServerIdentifier)
        + ", life " + registrationLife + " ms, " + userTransport + ", " + policy
        + (asapTransport == null ? "" : ", ASAP " + asapTransport) + ")";
  }
}

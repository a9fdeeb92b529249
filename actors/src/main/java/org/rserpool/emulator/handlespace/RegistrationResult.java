package org.rserpool.emulator.handlespace;

import org.rserpool.emulator.protocol.param.SelectionPolicy;
import org.rserpool.emulator.protocol.param.TransportParameter;

/**
 * The outcome of {@link Handlespace#register}: an accepted registration (a new entry or an update of
 * an existing one) or a refusal with its reason and cause code.
 *
 * @param entry the registered entry; {@code null} when refused
 * @param newEntry whether the registration created the entry (rather than updating it)
 * @param relinked whether an update changed the entry's policy values or reset its degradation
 * @param previousOwner the entry's home registrar before the registration (0 for a new entry), so a
 *     registrar sees when a pool element moved to it from another registrar
 * @param refusal why it was refused; {@code null} when accepted
 * @param cause the cause code of the refusal in the handlespace's cause set; 0 when accepted
 * @param poolPolicy for {@link RegistrationRefusal#INCONSISTENT_POOLING_POLICY}: the pool's policy, the
 *     cause information RFC 5354 §3.12 asks for (type only, values 0); otherwise {@code null}
 * @param poolTransport for {@link RegistrationRefusal#INCONSISTENT_TRANSPORT_TYPE}: a transport of the
 *     pool (its first element's), the cause information RFC 5354 §3.12 asks for; otherwise {@code null}
 */
public record RegistrationResult(
    PoolElementEntry entry,
    boolean newEntry,
    boolean relinked,
    int previousOwner,
    RegistrationRefusal refusal,
    int cause,
    SelectionPolicy poolPolicy,
    TransportParameter poolTransport) {

  static RegistrationResult added(PoolElementEntry entry) {
    return new RegistrationResult(entry, true, true, 0, null, 0, null, null);
  }

  static RegistrationResult updated(PoolElementEntry entry, boolean relinked, int previousOwner) {
    return new RegistrationResult(entry, false, relinked, previousOwner, null, 0, null, null);
  }

  static RegistrationResult refused(RegistrationRefusal refusal, CauseSet causes, SelectionPolicy poolPolicy, TransportParameter poolTransport) {
    return new RegistrationResult(null, false, false, 0, refusal, refusal.cause(causes), poolPolicy, poolTransport);
  }

  public boolean accepted() {
    return refusal == null;
  }
}

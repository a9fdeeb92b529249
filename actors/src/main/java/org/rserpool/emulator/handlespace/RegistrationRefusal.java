package org.rserpool.emulator.handlespace;

import org.rserpool.emulator.protocol.param.CauseCode;

/**
 * Why a handlespace refuses a registration, in the order rsplib checks
 * (poolhandlespacemanagement-template_impl.h: RegisterPoolElement, then poolnode-template_impl.h:
 * poolNodeCheckPoolElementNodeCompatibility), with the cause code of each cause set. The first pool
 * element of a pool fixes its transport type, data/control configuration and policy type
 * (RFC 5352 §3.1); a re-registration is checked like a new registration.
 *
 * <p>RFC 5354 has no code of its own for a malformed pool handle, identifier or transport: those get
 * "Invalid Values" (0x3), whose cause information is the offending parameter.
 */
public enum RegistrationRefusal {
  /** Pool handle shorter than 1 or longer than 32 bytes (rsplib MAX_POOLHANDLESIZE). */
  INVALID_POOL_HANDLE(CauseCode.INVALID_VALUES, CauseCode.RSPLIB_INVALID_POOL_HANDLE),
  /** PE identifier 0, which rsplib reserves for "undefined". */
  INVALID_IDENTIFIER(CauseCode.INVALID_VALUES, CauseCode.RSPLIB_INVALID_ID),
  /** User transport of another protocol than the pool's (RFC 5352 §3.1; rsplib RSPERR_WRONG_PROTOCOL). */
  INCONSISTENT_TRANSPORT_TYPE(CauseCode.INCONSISTENT_TRANSPORT_TYPE, CauseCode.RSPLIB_WRONG_PROTOCOL),
  /** ASAP transport with the control-channel use, without addresses, with more than 64, or port 0. */
  INVALID_ASAP_TRANSPORT(CauseCode.INVALID_VALUES, CauseCode.RSPLIB_INVALID_REGISTRATOR),
  /** User transport without addresses, with more than 64, or port 0. */
  INVALID_USER_TRANSPORT(CauseCode.INVALID_VALUES, CauseCode.RSPLIB_INVALID_ADDRESSES),
  /** Transport use (data only / data plus control) other than the pool's. */
  INCONSISTENT_DATA_CONTROL_CONFIGURATION(
      CauseCode.INCONSISTENT_DATA_CONTROL_CONFIGURATION, CauseCode.INCONSISTENT_DATA_CONTROL_CONFIGURATION),
  /** Member selection policy type other than the pool's. */
  INCONSISTENT_POOLING_POLICY(CauseCode.INCONSISTENT_POOLING_POLICY, CauseCode.INCONSISTENT_POOLING_POLICY);

  private final int rfcCause;
  private final int rsplibCause;

  RegistrationRefusal(int rfcCause, int rsplibCause) {
    this.rfcCause = rfcCause;
    this.rsplibCause = rsplibCause;
  }

  /** The cause code to send under the given cause set. */
  public int cause(CauseSet set) {
    return set == CauseSet.RSPLIB ? rsplibCause : rfcCause;
  }
}

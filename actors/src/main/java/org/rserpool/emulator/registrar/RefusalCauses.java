package org.rserpool.emulator.registrar;

import org.rserpool.emulator.handlespace.CauseSet;
import org.rserpool.emulator.handlespace.RegistrationResult;
import org.rserpool.emulator.protocol.codec.ErrorCauses;
import org.rserpool.emulator.protocol.param.CauseCode;
import org.rserpool.emulator.protocol.param.ErrorCause;
import org.rserpool.emulator.protocol.param.OperationError;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.TransportParameter;

/**
 * The Operation Error of a refused registration, with the cause-specific information RFC 5354 §3.12
 * wants: the pool's policy for Inconsistent Pooling Policy (0x5), the pool's transport for Inconsistent
 * Transport Type (0x7), the offending parameter for Invalid Values (0x3). rsplib sends 0x5 without its
 * policy, which Wireshark flags as malformed; the emulator always attaches it, so captures stay clean.
 * rsplib's own codes (0xf000, 0x100a, ...) carry no information, as rsplib sends them.
 */
final class RefusalCauses {
  private RefusalCauses() {}

  static OperationError of(RegistrationResult r, PoolHandle handle, PoolElementParameter pe) {
    int code = r.cause();
    ErrorCause cause = switch (r.refusal()) {
      case INVALID_POOL_HANDLE -> code == CauseCode.INVALID_VALUES ? ErrorCauses.invalidValues(code, handle) : ErrorCause.of(code);
      case INVALID_IDENTIFIER -> code == CauseCode.INVALID_VALUES ? ErrorCauses.invalidValues(code, pe) : ErrorCause.of(code);
      case INVALID_ASAP_TRANSPORT -> code == CauseCode.INVALID_VALUES ? ErrorCauses.invalidValues(code, pe.asapTransport()) : ErrorCause.of(code);
      case INVALID_USER_TRANSPORT -> code == CauseCode.INVALID_VALUES ? ErrorCauses.invalidValues(code, pe.userTransport()) : ErrorCause.of(code);
      case INCONSISTENT_TRANSPORT_TYPE -> code == CauseCode.INCONSISTENT_TRANSPORT_TYPE
          ? ErrorCauses.inconsistentTransportType(r.poolTransport()) : ErrorCause.of(code);
      case INCONSISTENT_POOLING_POLICY -> ErrorCauses.inconsistentPoolingPolicy(r.poolPolicy());
      case INCONSISTENT_DATA_CONTROL_CONFIGURATION -> ErrorCause.of(code);
    };
    return OperationError.of(cause);
  }

  /**
   * No address of the user transport is one the registration came from (rsplib
   * transportAddressBlockFilter, a subset rule, RFC 5352 §2.2.1): Invalid Values quoting the transport, or
   * rsplib's RSPERR_NO_USABLE_USER_ADDRESSES (0xf008).
   */
  static OperationError noUsableUserAddress(CauseSet causes, TransportParameter userTransport) {
    return OperationError.of(causes == CauseSet.RSPLIB
        ? ErrorCause.of(CauseCode.RSPLIB_NO_USABLE_USER_ADDRESSES)
        : ErrorCauses.invalidValues(CauseCode.INVALID_VALUES, userTransport));
  }
}

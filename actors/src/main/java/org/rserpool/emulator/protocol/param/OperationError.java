package org.rserpool.emulator.protocol.param;

import java.util.List;

/** Operation Error parameter (RFC 5354 §3.12, type 0xc): one or more error causes. */
public record OperationError(List<ErrorCause> causes) {
  public static final int TYPE = 0x000c;

  public OperationError {
    causes = List.copyOf(causes);
    if (causes.isEmpty()) throw new IllegalArgumentException("an operation error carries at least one cause");
  }

  public static OperationError of(int causeCode) {
    return new OperationError(List.of(ErrorCause.of(causeCode)));
  }

  public static OperationError of(ErrorCause cause) {
    return new OperationError(List.of(cause));
  }

  /** The code of the first cause, which is what rsplib sends and reads. */
  public int firstCode() {
    return causes.get(0).code();
  }
}

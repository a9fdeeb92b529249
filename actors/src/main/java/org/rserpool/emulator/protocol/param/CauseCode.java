package org.rserpool.emulator.protocol.param;

/**
 * Error cause codes: those of RFC 5354 §3.12 (Table 2) and the internal codes rsplib puts on the wire
 * (rserpoolerror.h). Codes are plain {@code int}s because any 16-bit value can arrive.
 */
public final class CauseCode {
  private CauseCode() {}

  // RFC 5354 §3.12
  public static final int UNSPECIFIED_ERROR = 0x0000;
  public static final int UNRECOGNIZED_PARAMETER = 0x0001;
  public static final int UNRECOGNIZED_MESSAGE = 0x0002;
  public static final int INVALID_VALUES = 0x0003;
  public static final int NON_UNIQUE_PE_IDENTIFIER = 0x0004;
  public static final int INCONSISTENT_POOLING_POLICY = 0x0005;
  public static final int LACK_OF_RESOURCES = 0x0006;
  public static final int INCONSISTENT_TRANSPORT_TYPE = 0x0007;
  public static final int INCONSISTENT_DATA_CONTROL_CONFIGURATION = 0x0008;
  public static final int UNKNOWN_POOL_HANDLE = 0x0009;
  public static final int REJECTED_SECURITY = 0x000a;

  // rsplib's internal codes, which it sends as cause codes
  public static final int RSPLIB_INVALID_MESSAGE = 0x0010;
  public static final int RSPLIB_INVALID_VALUE = 0x0011;
  public static final int RSPLIB_BUFFERSIZE_EXCEEDED = 0x1001;
  public static final int RSPLIB_WRONG_PROTOCOL = 0x100a;
  public static final int RSPLIB_UNSUPPORTED_POOL_POLICY = 0x100b;
  public static final int RSPLIB_INVALID_ID = 0xf000;
  public static final int RSPLIB_DUPLICATE_ID = 0xf002;
  public static final int RSPLIB_INVALID_POOL_POLICY = 0xf003;
  public static final int RSPLIB_INVALID_POOL_HANDLE = 0xf004;
  public static final int RSPLIB_INVALID_ADDRESSES = 0xf005;
  public static final int RSPLIB_INVALID_REGISTRATOR = 0xf006;
  public static final int RSPLIB_NO_USABLE_ASAP_ADDRESSES = 0xf007;
  public static final int RSPLIB_NO_USABLE_USER_ADDRESSES = 0xf008;

  /** A readable name with the code, e.g. {@code Unknown Pool Handle (0x0009)}. */
  public static String describe(int code) {
    String name = switch (code) {
      case UNSPECIFIED_ERROR -> "Unspecified Error";
      case UNRECOGNIZED_PARAMETER -> "Unrecognized Parameter";
      case UNRECOGNIZED_MESSAGE -> "Unrecognized Message";
      case INVALID_VALUES -> "Invalid Values";
      case NON_UNIQUE_PE_IDENTIFIER -> "Non-unique PE Identifier";
      case INCONSISTENT_POOLING_POLICY -> "Inconsistent Pooling Policy";
      case LACK_OF_RESOURCES -> "Lack of Resources";
      case INCONSISTENT_TRANSPORT_TYPE -> "Inconsistent Transport Type";
      case INCONSISTENT_DATA_CONTROL_CONFIGURATION -> "Inconsistent Data/Control Configuration";
      case UNKNOWN_POOL_HANDLE -> "Unknown Pool Handle";
      case REJECTED_SECURITY -> "Rejected due to security considerations";
      case RSPLIB_INVALID_MESSAGE -> "Invalid Message (rsplib)";
      case RSPLIB_INVALID_VALUE -> "Invalid Value (rsplib)";
      case RSPLIB_BUFFERSIZE_EXCEEDED -> "Buffer Size Exceeded (rsplib)";
      case RSPLIB_WRONG_PROTOCOL -> "Wrong Protocol (rsplib)";
      case RSPLIB_UNSUPPORTED_POOL_POLICY -> "Unsupported Pool Policy (rsplib)";
      case RSPLIB_INVALID_ID -> "Invalid ID (rsplib)";
      case RSPLIB_DUPLICATE_ID -> "Duplicate ID (rsplib)";
      case RSPLIB_INVALID_POOL_POLICY -> "Invalid Pool Policy (rsplib)";
      case RSPLIB_INVALID_POOL_HANDLE -> "Invalid Pool Handle (rsplib)";
      case RSPLIB_INVALID_ADDRESSES -> "Invalid Addresses (rsplib)";
      case RSPLIB_INVALID_REGISTRATOR -> "Invalid Registrator (rsplib)";
      case RSPLIB_NO_USABLE_ASAP_ADDRESSES -> "No Usable ASAP Addresses (rsplib)";
      case RSPLIB_NO_USABLE_USER_ADDRESSES -> "No Usable User Addresses (rsplib)";
      default -> "Cause";
    };
    return String.format("%s (0x%04x)", name, code);
  }
}

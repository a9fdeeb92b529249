package org.rserpool.emulator.protocol.enrp;

import java.util.List;
import org.rserpool.emulator.protocol.Message;
import org.rserpool.emulator.protocol.PayloadProtocol;
import org.rserpool.emulator.protocol.param.OperationError;
import org.rserpool.emulator.protocol.param.PeChecksum;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolEntry;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.ServerInformation;

/**
 * The 10 ENRP messages (RFC 5353 §2), SCTP PPID 12. Every one carries the sending and the receiving
 * server's ID straight after the common header; the receiving ID is 0 when group-cast (RFC 5353 §2.1).
 * Flags are named booleans; optional parameters are {@code null} when absent.
 */
public sealed interface EnrpMessage extends Message {

  @Override
  default PayloadProtocol protocol() {
    return PayloadProtocol.ENRP;
  }

  int senderServerId();

  int receiverServerId();

  /**
   * ENRP_PRESENCE (0x01, RFC 5353 §2.1). {@code replyRequired} is the R flag. The RFC makes both
   * parameters optional (the checksum SHOULD be present; the server information MUST be when replying to
   * a reply-required presence); rsplib always sends and requires both.
   */
  record Presence(
      boolean replyRequired, int senderServerId, int receiverServerId, PeChecksum checksum, ServerInformation serverInformation)
      implements EnrpMessage {
    public static final int TYPE = 0x01;

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** ENRP_HANDLE_TABLE_REQUEST (0x02, RFC 5353 §2.2). {@code ownChildrenOnly} is the W flag. */
  record HandleTableRequest(boolean ownChildrenOnly, int senderServerId, int receiverServerId) implements EnrpMessage {
    public static final int TYPE = 0x02;

    @Override
    public int type() {
      return TYPE;
    }
  }

  /**
   * ENRP_HANDLE_TABLE_RESPONSE (0x03, RFC 5353 §2.3). {@code reject} is the R flag (then no entries),
   * {@code moreToSend} the M flag (the table continues in a further response).
   */
  record HandleTableResponse(
      boolean reject, boolean moreToSend, int senderServerId, int receiverServerId, List<PoolEntry> poolEntries)
      implements EnrpMessage {
    public static final int TYPE = 0x03;

    public HandleTableResponse {
      poolEntries = List.copyOf(poolEntries);
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /**
   * ENRP_HANDLE_UPDATE (0x04, RFC 5353 §2.4). {@code takeoverSuggested} is rsplib's T flag
   * (draft-dreibholz-rserpool-enrpupdate); the RFC defines no flags here.
   */
  record HandleUpdate(
      boolean takeoverSuggested,
      int senderServerId,
      int receiverServerId,
      UpdateAction updateAction,
      PoolHandle poolHandle,
      PoolElementParameter poolElement)
      implements EnrpMessage {
    public static final int TYPE = 0x04;

    public HandleUpdate {
      if (updateAction == null || poolHandle == null || poolElement == null) {
        throw new IllegalArgumentException("update action, pool handle and pool element are required");
      }
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** ENRP_LIST_REQUEST (0x05, RFC 5353 §2.5). */
  record ListRequest(int senderServerId, int receiverServerId) implements EnrpMessage {
    public static final int TYPE = 0x05;

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** ENRP_LIST_RESPONSE (0x06, RFC 5353 §2.6). {@code reject} is the R flag (then no server information). */
  record ListResponse(boolean reject, int senderServerId, int receiverServerId, List<ServerInformation> servers)
      implements EnrpMessage {
    public static final int TYPE = 0x06;

    public ListResponse {
      servers = List.copyOf(servers);
    }

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** ENRP_INIT_TAKEOVER (0x07, RFC 5353 §2.7): the sender wants to take over the target's pool elements. */
  record InitTakeover(int senderServerId, int receiverServerId, int targetServerId) implements EnrpMessage {
    public static final int TYPE = 0x07;

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** ENRP_INIT_TAKEOVER_ACK (0x08, RFC 5353 §2.8). */
  record InitTakeoverAck(int senderServerId, int receiverServerId, int targetServerId) implements EnrpMessage {
    public static final int TYPE = 0x08;

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** ENRP_TAKEOVER_SERVER (0x09, RFC 5353 §2.9): the sender has taken over the target's pool elements. */
  record TakeoverServer(int senderServerId, int receiverServerId, int targetServerId) implements EnrpMessage {
    public static final int TYPE = 0x09;

    @Override
    public int type() {
      return TYPE;
    }
  }

  /** ENRP_ERROR (0x0a, RFC 5353 §2.10). */
  record Error(int senderServerId, int receiverServerId, OperationError error) implements EnrpMessage {
    public static final int TYPE = 0x0a;

    public Error {
      if (error == null) throw new IllegalArgumentException("operation error is required");
    }

    @Override
    public int type() {
      return TYPE;
    }
  }
}

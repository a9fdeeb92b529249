package org.rserpool.emulator.protocol.codec;

import java.util.ArrayList;
import java.util.List;
import org.rserpool.emulator.protocol.enrp.EnrpMessage;
import org.rserpool.emulator.protocol.enrp.EnrpMessage.HandleTableRequest;
import org.rserpool.emulator.protocol.enrp.EnrpMessage.HandleTableResponse;
import org.rserpool.emulator.protocol.enrp.EnrpMessage.HandleUpdate;
import org.rserpool.emulator.protocol.enrp.EnrpMessage.InitTakeover;
import org.rserpool.emulator.protocol.enrp.EnrpMessage.InitTakeoverAck;
import org.rserpool.emulator.protocol.enrp.EnrpMessage.ListRequest;
import org.rserpool.emulator.protocol.enrp.EnrpMessage.ListResponse;
import org.rserpool.emulator.protocol.enrp.EnrpMessage.Presence;
import org.rserpool.emulator.protocol.enrp.EnrpMessage.TakeoverServer;
import org.rserpool.emulator.protocol.enrp.UpdateAction;
import org.rserpool.emulator.protocol.param.PeChecksum;
import org.rserpool.emulator.protocol.param.PoolElementParameter;
import org.rserpool.emulator.protocol.param.PoolEntry;
import org.rserpool.emulator.protocol.param.PoolHandle;
import org.rserpool.emulator.protocol.param.ServerInformation;

/**
 * The 10 ENRP messages (RFC 5353 §2) on the wire: the common header, the Sending and Receiving Server's
 * IDs, then each message's fields and parameters in the order of its layout. TAKEOVER_SERVER and ERROR
 * follow rsplib and Wireshark, which agree (reference §15).
 */
final class EnrpCodec {
  private EnrpCodec() {}

  /** Flag bits of RFC 5353 §2.1-§2.6 and rsplib's T flag (draft-dreibholz-rserpool-enrpupdate). */
  private static final int R_REPLY_REQUIRED = 0x01;
  private static final int W_OWN_CHILDREN_ONLY = 0x01;
  private static final int R_REJECT = 0x01;
  private static final int M_MORE_TO_SEND = 0x02;
  private static final int T_TAKEOVER_SUGGESTED = 0x01;

  /** Header plus the two server IDs. */
  private static final int IDS_END = 12;

  static void encode(WireWriter w, EnrpMessage m, WireConvention convention) {
    w.beginMessage(m.type(), flags(m));
    w.u32(m.senderServerId());
    w.u32(m.receiverServerId());
    if (m instanceof Presence p) {
      if (p.checksum() != null) ParameterEncoder.peChecksum(w, p.checksum());
      if (p.serverInformation() != null) ParameterEncoder.serverInformation(w, p.serverInformation());
    } else if (m instanceof HandleTableResponse h) {
      for (PoolEntry entry : h.poolEntries()) {
        ParameterEncoder.poolHandle(w, entry.poolHandle());
        ParameterEncoder.poolElements(w, entry.poolElements());
      }
    } else if (m instanceof HandleUpdate u) {
      w.u16(u.updateAction().code());
      w.u16(0);
      ParameterEncoder.poolHandle(w, u.poolHandle());
      ParameterEncoder.poolElement(w, u.poolElement());
    } else if (m instanceof ListResponse l) {
      for (ServerInformation s : l.servers()) ParameterEncoder.serverInformation(w, s);
    } else if (m instanceof InitTakeover t) {
      w.u32(t.targetServerId());
    } else if (m instanceof InitTakeoverAck t) {
      w.u32(t.targetServerId());
    } else if (m instanceof TakeoverServer t) {
      w.u32(t.targetServerId());
    } else if (m instanceof EnrpMessage.Error e) {
      ParameterEncoder.operationError(w, e.error(), convention);
    }
    // HANDLE_TABLE_REQUEST and LIST_REQUEST end with the IDs.
  }

  private static int flags(EnrpMessage m) {
    if (m instanceof Presence p) return p.replyRequired() ? R_REPLY_REQUIRED : 0;
    if (m instanceof HandleTableRequest h) return h.ownChildrenOnly() ? W_OWN_CHILDREN_ONLY : 0;
    if (m instanceof HandleTableResponse h) return (h.reject() ? R_REJECT : 0) | (h.moreToSend() ? M_MORE_TO_SEND : 0);
    if (m instanceof HandleUpdate u) return u.takeoverSuggested() ? T_TAKEOVER_SUGGESTED : 0;
    if (m instanceof ListResponse l) return l.reject() ? R_REJECT : 0;
    return 0;
  }

  static EnrpMessage decode(DecodeContext c) throws CodecException {
    int length = c.messageLength();
    int type = c.u8(0);
    int flags = c.u8(1);
    if (length >= IDS_END) c.senderServerId(c.u32(4)); // so that an error reply can be addressed
    if (!MessageTypes.isKnown(c.protocol(), type)) throw c.unrecognizedMessage(length);
    AsapCodec.requireFixedFields(c, length, IDS_END, "the Sending and Receiving Server's IDs");
    int sender = c.u32(4);
    int receiver = c.u32(8);
    boolean bit0 = (flags & 0x01) != 0;
    return switch (type) {
      case Presence.TYPE -> {
        ParameterReader r = new ParameterReader(c, null, IDS_END, length);
        var checksum = r.takeIf(ParameterType.PE_CHECKSUM);
        PeChecksum pc = checksum == null ? null : ParameterDecoder.peChecksum(c, checksum);
        var info = r.takeIf(ParameterType.SERVER_INFORMATION);
        ServerInformation si = info == null ? null : ParameterDecoder.serverInformation(c, info);
        r.finish();
        yield new Presence(bit0, sender, receiver, pc, si);
      }
      case HandleTableRequest.TYPE -> {
        new ParameterReader(c, null, IDS_END, length).finish();
        yield new HandleTableRequest(bit0, sender, receiver);
      }
      case HandleTableResponse.TYPE -> {
        ParameterReader r = new ParameterReader(c, null, IDS_END, length);
        List<PoolEntry> entries = new ArrayList<>();
        while (!r.atEnd()) {
          PoolHandle handle = AsapCodec.poolHandle(c, r);
          List<PoolElementParameter> pes = new ArrayList<>();
          pes.add(ParameterDecoder.poolElement(c, r.take(ParameterType.POOL_ELEMENT))); // RFC 5353 §2.3: one or more
          pes.addAll(ParameterDecoder.poolElements(c, r));
          entries.add(new PoolEntry(handle, pes));
        }
        yield new HandleTableResponse(bit0, (flags & M_MORE_TO_SEND) != 0, sender, receiver, entries);
      }
      case HandleUpdate.TYPE -> {
        AsapCodec.requireFixedFields(c, length, IDS_END + 4, "the Update Action and its reserved field");
        int code = c.u16(IDS_END);
        UpdateAction action = UpdateAction.fromCode(code);
        if (action == null) throw c.unspecified(IDS_END, "Update Action 0x%04x is neither ADD_PE (0) nor DEL_PE (1)", code);
        ParameterReader r = new ParameterReader(c, null, IDS_END + 4, length);
        PoolHandle handle = AsapCodec.poolHandle(c, r);
        PoolElementParameter pe = ParameterDecoder.poolElement(c, r.take(ParameterType.POOL_ELEMENT));
        r.finish();
        yield new HandleUpdate(bit0, sender, receiver, action, handle, pe);
      }
      case ListRequest.TYPE -> {
        new ParameterReader(c, null, IDS_END, length).finish();
        yield new ListRequest(sender, receiver);
      }
      case ListResponse.TYPE -> {
        ParameterReader r = new ParameterReader(c, null, IDS_END, length);
        List<ServerInformation> servers = new ArrayList<>();
        while (!r.atEnd()) servers.add(ParameterDecoder.serverInformation(c, r.take(ParameterType.SERVER_INFORMATION)));
        yield new ListResponse(bit0, sender, receiver, servers);
      }
      case InitTakeover.TYPE -> new InitTakeover(sender, receiver, target(c, length));
      case InitTakeoverAck.TYPE -> new InitTakeoverAck(sender, receiver, target(c, length));
      case TakeoverServer.TYPE -> new TakeoverServer(sender, receiver, target(c, length));
      case EnrpMessage.Error.TYPE -> {
        ParameterReader r = new ParameterReader(c, null, IDS_END, length);
        EnrpMessage.Error m = new EnrpMessage.Error(sender, receiver,
            ParameterDecoder.operationError(c, r.take(ParameterType.OPERATION_ERROR)));
        r.finish();
        yield m;
      }
      default -> throw c.unrecognizedMessage(length);
    };
  }

  /** The Targeting Server's ID of the three takeover messages, the last field (RFC 5353 §2.7-§2.9). */
  private static int target(DecodeContext c, int length) throws CodecException {
    AsapCodec.requireFixedFields(c, length, IDS_END + 4, "the Targeting Server's ID");
    new ParameterReader(c, null, IDS_END + 4, length).finish();
    return c.u32(IDS_END);
  }
}

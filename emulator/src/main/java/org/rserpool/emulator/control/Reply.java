package org.rserpool.emulator.control;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import akka.util.ByteString;

/**
 * A handler's answer: a status and either a JSON value, a text document, or a stream (the events).
 *
 * @param json serialized with {@link Json#MAPPER}, or {@code null}
 */
record Reply(int status, Object json, String text, String contentType, Source<ByteString, NotUsed> stream) {

  static Reply ok(Object json) {
    return new Reply(200, json, null, null, null);
  }

  static Reply created(Object json) {
    return new Reply(201, json, null, null, null);
  }

  static Reply accepted(Object json) {
    return new Reply(202, json, null, null, null);
  }

  static Reply text(String contentType, String text) {
    return new Reply(200, null, text, contentType, null);
  }

  static Reply events(Source<ByteString, NotUsed> stream) {
    return new Reply(200, null, null, "text/event-stream", stream);
  }
}

package org.rserpool.emulator.control;

import akka.event.LoggingAdapter;
import akka.http.javadsl.model.HttpResponse;
import akka.http.scaladsl.model.ErrorInfo;
import akka.http.scaladsl.model.StatusCode;
import akka.http.scaladsl.settings.ServerSettings;

/**
 * The answer to a request so malformed that Akka HTTP cannot hand it to the server (an illegal
 * request target, a header it cannot parse, a request line too long): an RFC 9457 problem like every
 * other refusal, instead of Akka HTTP's plain text. Named by {@code akka.http.server.parsing.error-handler}
 * in the control server's settings, which creates it by its no-argument constructor.
 */
public final class ParsingProblems extends akka.http.ParsingErrorHandler {
  @Override
  public HttpResponse handle(StatusCode status, ErrorInfo error, LoggingAdapter log, ServerSettings settings) {
    int code = status.intValue();
    // Akka HTTP's own statuses here are 4xx (400, 414, 431, 505...); anything else is still the client's request.
    if (code < 400 || code >= 600) code = 400;
    String title = code == 400 ? "Malformed request" : status.reason();
    log.debug("control: unparsable request: {}", error.formatPretty());
    return ControlServer.problem(new ProblemException(code, title, "the request cannot be parsed: " + error.summary(), null));
  }
}

package org.rserpool.emulator.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.runtime.Emulation;
import org.rserpool.emulator.scenario.ScenarioLoader;

/**
 * The OpenAPI document the server serves is valid OpenAPI 3.1 (swagger-parser), lists exactly the
 * routes the server has, and every documented route answers without a server error.
 */
class OpenApiTest {
  static Emulation emulation;
  static ControlServer server;
  static ControlClient client;

  @BeforeAll
  static void start() {
    emulation = Emulation.start(ScenarioLoader.loadString("""
        scenario.sites = [{ registrars = 1, pool-elements = 2, pool-users = 2 }]
        """, Map.of("rserpool.metrics.port", 0, "scenario.time-scale", 10)));
    server = ControlClient.serve(emulation, null);
    client = new ControlClient(server.port(), null);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    emulation.close();
  }

  static OpenAPI document() {
    ControlClient.Answer a = client.get("/api/openapi.yaml");
    assertEquals(200, a.status());
    assertTrue(a.contentType().startsWith("application/yaml"), a.contentType());
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult r = new OpenAPIV3Parser().readContents(a.body(), null, options);
    assertTrue(r.getMessages() == null || r.getMessages().isEmpty(), "parser messages: " + r.getMessages());
    assertNotNull(r.getOpenAPI(), "parsed");
    assertEquals("3.1.0", r.getOpenAPI().getOpenapi());
    return r.getOpenAPI();
  }

  static Set<String> documented(OpenAPI api) {
    Set<String> routes = new TreeSet<>();
    for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
      for (PathItem.HttpMethod m : p.getValue().readOperationsMap().keySet()) routes.add(m.name() + " " + p.getKey());
    }
    return routes;
  }

  @Test
  void everyRouteIsDocumentedAndNothingElse() {
    assertEquals(new TreeSet<>(server.routes()), documented(document()));
  }

  @Test
  void everyDocumentedRouteAnswers() {
    Map<String, String> examples = Map.of("{name}", "pe-1-1", "{id}", "f-1");
    for (String route : documented(document())) {
      String[] mp = route.split(" ", 2);
      String path = mp[1];
      if (path.contains("/registrars/")) path = path.replace("{name}", "registrar-1-1");
      for (Map.Entry<String, String> e : examples.entrySet()) path = path.replace(e.getKey(), e.getValue());
      if (path.equals("/api/events")) continue; // a stream that never ends; ControlApiTest reads it
      ControlClient.Answer a = client.method(mp[0], path, mp[0].equals("POST") && path.equals("/api/faults") ? "{\"type\": \"loss\", \"from\": {\"site\": 1}, \"loss\": \"1%\"}" : null);
      assertTrue(a.status() < 500, route + " -> " + a);
      assertTrue(a.status() != 404 || path.contains("f-1") , route + " exists: " + a);
      assertTrue(a.status() != 405, route + " allows its method: " + a);
    }
  }
}

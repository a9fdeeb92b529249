package org.rserpool.emulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rserpool.emulator.network.TransportAddress;
import org.rserpool.emulator.network.link.DelayDistribution;
import org.rserpool.emulator.network.link.LinkModel;
import org.rserpool.emulator.network.link.LinkProfile;
import org.rserpool.emulator.network.link.LossModel;
import org.rserpool.emulator.network.link.Rate;

class LinkPlanTest {
  static final String THREE_SITES = "scenario.sites = [{registrars = 1}, {registrars = 1}, {registrars = 1}]\n";

  static LinkPlan plan(String network) {
    return ScenarioLoader.loadString(THREE_SITES + network, Map.of()).network();
  }

  static ConfigException rejected(String network) {
    return assertThrows(ConfigException.class, () -> plan(network));
  }

  @Test
  void siteDelaysFollowRspsimsChainOfLans() {
    LinkPlan p = plan("scenario.network { lan-delay = 2ms, wan-delay = 10ms }");
    assertEquals(Duration.ofMillis(2), p.profile(2, 2).delay());
    assertEquals(Duration.ofMillis(12), p.profile(1, 2).delay());
    assertEquals(Duration.ofMillis(22), p.profile(3, 1).delay());
    assertTrue(p.profile(1, 3).isConstant());
  }

  @Test
  void theDefaultLinkKeysApplyToEveryPairAndPairsOverrideThem() {
    LinkPlan p = plan("""
        scenario.network {
          lan-delay = 1ms
          wan-delay = 5ms
          link { jitter = 1ms, delay-correlation = 25%, loss = "random 0.5% 10%", rate = 10mbit, queue-limit = 50 }
          site-pairs = [
            { from = 1, to = 3, delay = 40ms, distribution = pareto, loss = "gemodel 1% 10% 70% 0.1%" }
            { from = 2, to = 3, bidirectional = false, duplicate = 1% }
          ]
        }
        """);
    LinkProfile inside = p.profile(1, 1);
    assertEquals(Duration.ofMillis(1), inside.delay());
    assertEquals(Duration.ofMillis(1), inside.jitter());
    assertEquals(0.25, inside.delayCorrelation(), 1e-12);
    assertEquals(DelayDistribution.NORMAL, inside.distribution());
    assertEquals(new LossModel.Random(0.005, 0.1), inside.loss());
    assertEquals(new Rate(10_000_000), inside.rate());
    assertEquals(50, inside.queueLimit());
    for (LinkProfile wan : new LinkProfile[] {p.profile(1, 3), p.profile(3, 1)}) {
      assertEquals(Duration.ofMillis(40), wan.delay());
      assertEquals(DelayDistribution.PARETO, wan.distribution());
      assertEquals(new LossModel.GilbertElliott(0.01, 0.1, 0.7, 0.001), wan.loss());
      assertEquals(Duration.ofMillis(1), wan.jitter(), "kept from the defaults");
    }
    assertEquals(0.01, p.profile(2, 3).duplicate(), 1e-12);
    assertEquals(0, p.profile(3, 2).duplicate(), "one way only");
    assertEquals(Duration.ofMillis(6), p.profile(3, 2).delay());
  }

  @Test
  void aComponentOverridesOnlyItsOwnTraffic() {
    LinkPlan p = plan("""
        scenario.network.components = [
          { address = "10.2.16.1", direction = egress, loss = 100% }
        ]
        """);
    LinkModel model = p.model(1);
    TransportAddress pe = TransportAddress.parse("10.2.16.1:1024");
    TransportAddress pr = TransportAddress.parse("10.2.0.1:3863");
    assertEquals(new LossModel.Random(1, 0), model.link(pe, pr).profile().loss());
    assertTrue(model.link(pr, pe).isConstant());
    assertEquals(Duration.ofMillis(1), model.link(pe, pr).profile().delay(), "the site pair's delay stays");
  }

  @Test
  void theDefaultsAreAnIdealLanOfOneMillisecond() {
    LinkPlan p = ScenarioLoader.loadDefault(Map.of()).network();
    assertEquals(LinkProfile.constant(Duration.ofMillis(1)), p.profile(1, 1));
    assertNull(p.profile(1, 1).rate());
  }

  @Test
  void badValuesAreNamedWithWhatIsAllowed() {
    ConfigException e = rejected("scenario.network.link.loss = \"sometimes\"");
    assertTrue(e.getMessage().contains("scenario.network.link.loss"), e.getMessage());
    e = rejected("scenario.network.link.duplicate = 150%");
    assertTrue(e.getMessage().contains("scenario.network.link.duplicate") && e.getMessage().contains("[0, 1]"), e.getMessage());
    e = rejected("scenario.network.link.rate = fast");
    assertTrue(e.getMessage().contains("scenario.network.link.rate") && e.getMessage().contains("mbit"), e.getMessage());
    e = rejected("scenario.network.link.distribution = gamma");
    assertTrue(e.getMessage().contains("paretonormal"), e.getMessage());
    e = rejected("scenario.network.wan-delay = -1ms");
    assertTrue(e.getMessage().contains("scenario.network.wan-delay"), e.getMessage());
    e = rejected("scenario.network.site-pairs = [{ from = 1, to = 4 }]");
    assertTrue(e.getMessage().contains("scenario.network.site-pairs[0].to") && e.getMessage().contains("1..3"), e.getMessage());
    e = rejected("scenario.network.site-pairs = [{ from = 1, to = 2, latency = 5ms }]");
    assertTrue(e.getMessage().contains("scenario.network.site-pairs[0].latency") && e.getMessage().contains("unknown key"), e.getMessage());
    e = rejected("scenario.network.site-pairs = [{ from = 1, to = 2 }, { from = 2, to = 1 }]");
    assertTrue(e.getMessage().contains("scenario.network.site-pairs[1]") && e.getMessage().contains("second entry"), e.getMessage());
    e = rejected("scenario.network.components = [{ address = \"10.9.16.1\", loss = 1% }]");
    assertTrue(e.getMessage().contains("scenario.network.components[0].address") && e.getMessage().contains("no site"), e.getMessage());
    e = rejected("scenario.network.components = [{ address = \"10.1.16.1\", direction = sideways }]");
    assertTrue(e.getMessage().contains("egress, ingress or both"), e.getMessage());
    e = rejected("scenario.network.components = [{ address = \"10.1.16.1\" }, { address = \"10.1.16.1\", direction = ingress }]");
    assertTrue(e.getMessage().contains("two link overrides"), e.getMessage());
  }

  @Test
  void theLinkBlockHasNoDelayOfItsOwnAndTheOldKeyIsUnknown() {
    ConfigException e = rejected("scenario.network.link.delay = 5ms");
    assertTrue(e.getMessage().contains("scenario.network.link.delay"), e.getMessage());
    e = rejected("scenario.network.delay = 5ms");
    assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
  }
}

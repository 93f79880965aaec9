package org.perflab.scaling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the configuration tells HAProxy, and (where haproxy is installed) that HAProxy accepts it. */
class HaProxyConfigTest {

    private static final List<Upstream> UPSTREAMS = List.of(new Upstream("a", "127.0.0.1", 8081, 3),
            new Upstream("b", "127.0.0.1", 8082, 1));

    private static HaProxyConfig.Builder base() {
        return HaProxyConfig.builder().listenPort(18080).statsSocket(Path.of("/tmp/perflab-test/admin.sock"))
                .upstreams(UPSTREAMS);
    }

    @ParameterizedTest
    @EnumSource(HaProxyConfig.Algorithm.class)
    void eachAlgorithmWritesItsBalanceDirectiveAndHaProxyAcceptsIt(HaProxyConfig.Algorithm algorithm)
            throws Exception {
        String text = base().algorithm(algorithm).build().render();

        String expected = switch (algorithm) {
            case ROUND_ROBIN, WEIGHTED -> "balance roundrobin";
            case LEAST_CONNECTIONS -> "balance leastconn";
            case IP_HASH -> "balance source";
            case POWER_OF_TWO_CHOICES -> "balance random(2)";
        };
        assertTrue(text.contains("\n    " + expected + "\n"), text);
        assertTrue(text.contains("bind 127.0.0.1:18080"), text);
        assertTrue(text.contains("stats socket /tmp/perflab-test/admin.sock mode 600 level admin"), text);
        assertTrue(text.contains("server a 127.0.0.1:8081"), text);
        assertTrue(text.contains("server b 127.0.0.1:8082"), text);
        // Only the weighted algorithm passes the weights on.
        assertEquals(algorithm == HaProxyConfig.Algorithm.WEIGHTED, text.contains("server a 127.0.0.1:8081 weight 3"),
                text);
        assertEquals(algorithm == HaProxyConfig.Algorithm.WEIGHTED, text.contains("server b 127.0.0.1:8082 weight 1"),
                text);
        HaProxyTestSupport.checkAcceptedIfInstalled(base().algorithm(algorithm).build());
    }

    @Test
    void activeChecksPassiveChecksStickyCookieAndMaxconnAreWrittenAndAccepted() throws Exception {
        HaProxyConfig config = base().activeHealthCheck("/health", Duration.ofMillis(250), 2, 3)
                .passiveHealthCheck(4).stickyCookie("SERVERID").maxConnectionsPerServer(8).build();
        String text = config.render();

        assertTrue(text.contains("option httpchk GET /health"), text);
        assertTrue(text.contains("cookie SERVERID insert indirect nocache"), text);
        assertTrue(text.contains("server a 127.0.0.1:8081 maxconn 8 check inter 250ms fall 2 rise 3"
                + " observe layer7 error-limit 4 on-error mark-down cookie a"), text);
        HaProxyTestSupport.checkAcceptedIfInstalled(config);
    }

    @Test
    void passiveChecksAloneAddAConnectCheckSoAServerCanComeBack() throws Exception {
        HaProxyConfig config = base().passiveHealthCheck(3).build();
        String text = config.render();

        assertFalse(text.contains("httpchk"), text);
        assertTrue(text.contains("server a 127.0.0.1:8081 check inter 1000ms observe layer7 error-limit 3"
                + " on-error mark-down"), text);
        HaProxyTestSupport.checkAcceptedIfInstalled(config);
    }

    @Test
    void timeoutsRetriesAndRedispatchAreWritten() throws Exception {
        HaProxyConfig config = base().connectTimeout(Duration.ofMillis(300)).serverTimeout(Duration.ofSeconds(3))
                .clientTimeout(Duration.ofSeconds(4)).queueTimeout(Duration.ofMillis(700)).retries(1).redispatch(true)
                .build();
        String text = config.render();

        assertTrue(text.contains("timeout connect 300ms"), text);
        assertTrue(text.contains("timeout server 3000ms"), text);
        assertTrue(text.contains("timeout client 4000ms"), text);
        assertTrue(text.contains("timeout queue 700ms"), text);
        assertTrue(text.contains("retries 1"), text);
        assertTrue(text.contains("option redispatch"), text);
        assertFalse(base().build().render().contains("option redispatch"));
        HaProxyTestSupport.checkAcceptedIfInstalled(config);
    }

    @Test
    void toBuilderKeepsEverySetting() {
        HaProxyConfig config = base().algorithm(HaProxyConfig.Algorithm.IP_HASH)
                .activeHealthCheck("/health", Duration.ofMillis(250), 2, 3).stickyCookie("S").build();

        assertEquals(config.render(), config.toBuilder().build().render());
        assertTrue(config.toBuilder().listenPort(19090).build().render().contains("bind 127.0.0.1:19090"));
    }

    @Test
    void badInputFailsWithAMessageNamingTheFix() {
        IllegalStateException noPort = assertThrows(IllegalStateException.class,
                () -> HaProxyConfig.builder().upstreams(UPSTREAMS).build().render());
        assertTrue(noPort.getMessage().contains("listenPort"), noPort.getMessage());
        IllegalStateException noUpstreams = assertThrows(IllegalStateException.class,
                () -> HaProxyConfig.builder().build());
        assertTrue(noUpstreams.getMessage().contains("upstream"), noUpstreams.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> HaProxyConfig.builder().upstream(UPSTREAMS.get(0)).upstream(UPSTREAMS.get(0)));
        assertTrue(twice.getMessage().contains("two upstreams are named a"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Upstream("a b", "127.0.0.1", 80, 1));
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> new Upstream("a", "127.0.0.1", 0, 1));
        assertTrue(port.getMessage().startsWith("upstream a port must be between 1 and 65535, was 0: "), port.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Upstream("a", "127.0.0.1", 80, 257));
        assertThrows(IllegalArgumentException.class, () -> base().activeHealthCheck("health", Duration.ofSeconds(1), 1, 1));
        assertThrows(IllegalArgumentException.class, () -> base().stickyCookie("a;b"));
    }
}

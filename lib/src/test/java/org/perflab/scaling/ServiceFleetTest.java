package org.perflab.scaling;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fleet's settings are checked before anything starts. Fleets of instance JVMs are
 * {@link ServiceFleetIT}.
 */
class ServiceFleetTest {

    @Test
    void badSettingsFailBeforeAnythingStarts() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceFleet.builder().workers(0))
                .getMessage().contains("workers must be between 1 and 1000, was 0: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceFleet.builder().instances(33))
                .getMessage().contains("instances must be between 1 and 32"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceFleet.external(List.of()))
                .getMessage().startsWith("upstreams must be at least one upstream, was []: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceFleet.builder().startTimeout(Duration.ZERO))
                .getMessage().startsWith("startTimeout must be > 0, was PT0S: "));
        assertThrows(IllegalArgumentException.class, () -> new Upstream("a", "127.0.0.1", 0, 1));
    }
}

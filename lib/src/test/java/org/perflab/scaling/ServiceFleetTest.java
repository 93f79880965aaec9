package org.perflab.scaling;

import org.junit.jupiter.api.Test;

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
                .getMessage().contains("workers must be between 1 and 1000, got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceFleet.builder().instances(33))
                .getMessage().contains("instances must be between 1 and 32"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceFleet.external(List.of()))
                .getMessage().contains("at least one upstream"));
        assertThrows(IllegalArgumentException.class, () -> new Upstream("a", "127.0.0.1", 0, 1));
    }
}

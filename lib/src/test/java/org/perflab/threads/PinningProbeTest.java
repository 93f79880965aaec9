package org.perflab.threads;

import org.junit.jupiter.api.Test;
import org.perflab.env.InstalledJdks;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The probe on every JDK of 21 or later on this machine (CI's machines have Temurin 25): JDK 21 to 23
 * pin the carrier inside synchronized, JDK 24 and later do not. 8 threads, 2 carriers, 200 ms each:
 * 800 ms pinned against 200 ms not, far apart on any machine.
 */
class PinningProbeTest {

    @Test
    void eachJdkPinsOrNotAsItsReleaseSays() throws Exception {
        List<InstalledJdks.InstalledJdk> withVirtualThreads = InstalledJdks.find().stream()
                .filter(jdk -> jdk.feature() >= 21).toList();
        assumeFalse(withVirtualThreads.isEmpty(), "no JDK 21 or later on this machine");
        for (InstalledJdks.InstalledJdk jdk : withVirtualThreads) {
            PinningProbe.Result result = PinningProbe.runOn(jdk, 2, 8, Duration.ofMillis(200));
            assertEquals(jdk.feature() < 24, result.pinned(), jdk + " took " + result.elapsedMillis() + " ms");
        }
    }

    @Test
    void aJdkWithoutVirtualThreadsIsRefusedWithTheReason() {
        InstalledJdks.InstalledJdk old = new InstalledJdks.InstalledJdk(java.nio.file.Path.of("/nowhere"), 17, "17");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PinningProbe.runOn(old, 2, 8, Duration.ofMillis(10)));
        assertEquals(true, e.getMessage().contains("JDK 21"), e.getMessage());
    }
}

package org.perflab.env;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstalledJdksTest {

    @Test
    void featureReleasesReadFromVersionStrings() {
        assertEquals(17, InstalledJdks.featureOf("17.0.15"));
        assertEquals(25, InstalledJdks.featureOf("25"));
        assertEquals(21, InstalledJdks.featureOf("21.0.5+11"));
        assertEquals(8, InstalledJdks.featureOf("1.8.0_402"));
    }

    @Test
    void theRunningJdkIsAmongThoseFoundEachOnceOldestFirst() throws Exception {
        List<InstalledJdks.InstalledJdk> jdks = InstalledJdks.find();
        Path running = Path.of(System.getProperty("java.home")).toRealPath();
        assertTrue(jdks.stream().anyMatch(j -> j.home().equals(running) && j.feature() == Runtime.version().feature()),
                jdks + " lacks " + running);
        assertEquals(jdks.size(), jdks.stream().map(InstalledJdks.InstalledJdk::home).distinct().count());
        for (int i = 1; i < jdks.size(); i++) {
            assertTrue(jdks.get(i - 1).feature() <= jdks.get(i).feature(), jdks.toString());
        }
    }
}

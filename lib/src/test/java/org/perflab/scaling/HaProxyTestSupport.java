package org.perflab.scaling;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;

/** The haproxy program for tests: skipped without it, except under CI=true, where CI must install it. */
final class HaProxyTestSupport {

    private HaProxyTestSupport() {
    }

    static void requireHaProxy() {
        if (HaProxy.executable().isEmpty()) {
            String message = "haproxy is not installed (" + HaProxy.INSTALL_HINT + ")";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message + "; CI must install it");
            }
            Assumptions.abort(message + "; skipped outside CI");
        }
    }

    /** {@code haproxy -c} on the configuration when haproxy is installed (required under CI). */
    static void checkAcceptedIfInstalled(HaProxyConfig config) throws IOException {
        if (HaProxy.executable().isEmpty() && !"true".equals(System.getenv("CI"))) {
            return;
        }
        requireHaProxy();
        HaProxy.check(config);
    }
}

package org.perflab.scaling;

import org.perflab.testing.Requirement;

import java.io.IOException;

/** The haproxy program for tests: skipped without it, except under CI=true, where CI must install it. */
final class HaProxyTestSupport {

    private HaProxyTestSupport() {
    }

    static void requireHaProxy() {
        Requirement.require(HaProxy.executable().isPresent(), "haproxy", HaProxy.INSTALL_HINT);
    }

    /** {@code haproxy -c} on the configuration when haproxy is installed (required under CI). */
    static void checkAcceptedIfInstalled(HaProxyConfig config) throws IOException {
        if (HaProxy.executable().isEmpty() && !Requirement.inCi()) {
            return;
        }
        requireHaProxy();
        HaProxy.check(config);
    }
}

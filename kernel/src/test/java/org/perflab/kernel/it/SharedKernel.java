package org.perflab.kernel.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.perflab.kernel.client.KernelClient;
import org.perflab.kernel.client.KernelLauncher;
import org.perflab.kernel.client.KernelProcess;

/**
 * One packaged kernel for all tests of a class: started before the first test, shut down (with its
 * child JVM) after the last. Register with {@code @RegisterExtension static SharedKernel kernel}.
 */
final class SharedKernel implements BeforeAllCallback, AfterAllCallback {

    private final String[] environment;
    private KernelProcess process;

    /** {@code environment} alternates names and values, e.g. "PERFLAB_CHILD_JVM_OPTS", "-Xmx256m". */
    SharedKernel(String... environment) {
        this.environment = environment.clone();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        KernelLauncher.Builder launcher = KernelLauncher.builder(InstalledKernel.kernelCommand());
        for (int i = 0; i + 1 < environment.length; i += 2) {
            launcher.environment(environment[i], environment[i + 1]);
        }
        process = launcher.launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (process != null) {
            process.close();
        }
    }

    KernelProcess process() {
        return process;
    }

    KernelClient client() {
        return process.client();
    }
}

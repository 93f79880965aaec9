package org.perflab.kernel.install;

import java.util.regex.Pattern;

/**
 * The name of the kernelspec a kernel was started from. The installer writes it into kernel.json's
 * environment; the kernel and the cells' JVM read it back, so output can refer to files the
 * kernelspec serves (its plotly.js).
 */
public final class KernelName {

    /** The kernel.json environment variable that carries the name. */
    public static final String ENV = "PERFLAB_KERNEL_NAME";

    /** Jupyter's own rule for kernel names, which also makes them safe inside a URL and a JS string. */
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9._-]+");

    private KernelName() {
    }

    /** Whether Jupyter accepts {@code name} as a kernel name. */
    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /**
     * The name this process's kernelspec was installed under; the default name when the kernel was
     * started some other way (the {@code run} command, tests), which is what a user's install uses.
     */
    public static String current() {
        String name = System.getenv(ENV);
        return isValid(name) ? name : KernelspecInstaller.NAME;
    }
}

package org.perflab.env;

/** The JDK a notebook runs on, and what it needs of it. */
public final class Jdk {

    private Jdk() {
    }

    /** This JVM's feature release: 17, 21, 25. */
    public static int feature() {
        return Runtime.version().feature();
    }

    /**
     * Ends the notebook here, cleanly ({@link NotebookStopped}), when this JVM is older than
     * {@code minimumFeature}, naming what needs it and how to get a kernel on a newer JDK.
     */
    public static void require(int minimumFeature, String neededFor) {
        if (feature() < minimumFeature) {
            throw new NotebookStopped("this notebook needs JDK " + minimumFeature + " or later for " + neededFor
                    + ", and this kernel runs on JDK " + feature() + " (" + System.getProperty("java.home") + "). "
                    + "Install the kernel with a newer java: /path/to/jdk-" + minimumFeature
                    + "/bin/java -jar kernel/target/perflab-kernel.jar install, then pick that kernel and run again.");
        }
    }
}

package org.perflab.kernel.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * plotly.js from the {@code org.webjars.npm:plotly.js-dist} WebJar on the kernel's class path,
 * copied into the kernelspec directory. Jupyter serves a kernelspec's files at
 * {@code <base_url>kernelspecs/<name>/<file>}, so a chart's HTML can load plotly.js from the
 * notebook server itself in frontends without a Plotly renderer, with no CDN and no network.
 */
final class PlotlyScript {

    /** The file name in the kernelspec; charts' HTML loads {@code kernelspecs/<name>/plotly.js}. */
    static final String FILE_NAME = "plotly.js";

    private static final String WEBJAR = "plotly.js-dist";
    private static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/" + WEBJAR + "/pom.properties";

    private PlotlyScript() {
    }

    /** Copies plotly.js into {@code kernelspecDirectory}; answers the file written. */
    static Path copyInto(Path kernelspecDirectory) throws IOException {
        String resource = "META-INF/resources/webjars/" + WEBJAR + "/" + webjarVersion() + "/plotly.js";
        try (InputStream script = classLoader().getResourceAsStream(resource)) {
            if (script == null) {
                throw new IOException("plotly.js is missing from the kernel's class path (" + resource
                        + "): rebuild the kernel with 'mvn -B package -DskipTests'");
            }
            Path target = kernelspecDirectory.resolve(FILE_NAME);
            Files.copy(script, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }

    /** The WebJar's version, from its Maven metadata, so the pom alone decides which plotly.js ships. */
    static String webjarVersion() throws IOException {
        try (InputStream in = classLoader().getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                throw new IOException("the " + WEBJAR + " WebJar is not on the kernel's class path: rebuild the kernel"
                        + " with 'mvn -B package -DskipTests' (its lib/ directory must sit beside perflab-kernel.jar)");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }

    private static ClassLoader classLoader() {
        return PlotlyScript.class.getClassLoader();
    }
}

package org.perflab.kernel.install;

import org.perflab.db.OptionalBackends;
import org.perflab.kernel.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Installs the "Java (PerfLab)" kernelspec: a directory holding kernel.json, the kernel jar and
 * its dependencies, so the installed kernel keeps working after {@code mvn clean}. With Jupyter on
 * the PATH it hands the directory to {@code jupyter kernelspec install}; without it, it writes the
 * directory where Jupyter looks for kernels.
 */
public final class KernelspecInstaller {

    public static final String NAME = "perflab-java";
    public static final String DISPLAY_NAME = "Java (PerfLab)";

    /** Kernel JVM options: a small, fast-starting JVM; the cells run in a child JVM of their own. */
    public static final List<String> KERNEL_JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xss2m");

    private KernelspecInstaller() {
    }

    /** Entry point of {@code install}; answers the process exit code. */
    public static int main(String[] args) {
        return Cli.execute(new InstallCommand(), args, System.out, System.err);
    }

    /** The command line of {@code install}; of --user, --sys-prefix and --prefix the last one given counts. */
    @Command(name = "install", sortOptions = false,
            description = "Installs the \"" + DISPLAY_NAME + "\" kernelspec: kernel.json, the kernel jar and its dependencies.")
    public static final class InstallCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Cli.HelpOption help;

        String scope = "--user";
        Path prefix;

        @Option(names = "--name", order = 4, paramLabel = "NAME", description = "The kernelspec's name (default: ${DEFAULT-VALUE}).")
        String name = NAME;

        @Option(names = "--child-jvm-opts", order = 5, paramLabel = "\"OPTIONS\"",
                description = "JVM options for the JVM that runs the cells, e.g. \"-Xmx768m\" (default: none).")
        String childJvmOptions = "";

        @Option(names = "--no-cds", order = 6, description = "Do not record class-data archives (a slower start-up).")
        boolean noTraining;

        @Option(names = "--with-testcontainers", order = 7, description = "Also install Testcontainers (22 MB), so"
                + " notebooks start throwaway PostgreSQL and Redis containers where a Docker engine answers.")
        boolean withTestcontainers;

        @Option(names = "--user", order = 1, description = "Install for the current user (the default).")
        void user(boolean ignored) {
            scope = "--user";
        }

        @Option(names = "--sys-prefix", order = 2, description = "Install into the active Python environment (sys.prefix).")
        void sysPrefix(boolean ignored) {
            scope = "--sys-prefix";
        }

        @Option(names = "--prefix", order = 3, paramLabel = "DIR", description = "Install under DIR/share/jupyter/kernels.")
        void prefix(Path directory) {
            scope = "--prefix";
            prefix = directory;
        }

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (!KernelName.isValid(name)) {
                throw Cli.usage(spec, "--name " + name
                        + " is not a kernel name Jupyter accepts: use letters, digits, '.', '_' and '-'");
            }
            return install(scope, prefix, name, childJvmOptions, noTraining, withTestcontainers);
        }
    }

    private static int install(String scope, Path prefix, String name, String childJvmOptions, boolean noTraining,
                               boolean withTestcontainers) throws IOException, InterruptedException {
        KernelspecJars jars = new KernelspecJars(withTestcontainers);
        Path staging = stage(name, childJvmOptions, jars);
        try {
            if (!jars.leftOut().isEmpty()) {
                System.out.println("Left out for this platform (" + KernelspecJars.megabytes(jars.bytesLeftOut()) + "): "
                        + String.join("; ", jars.leftOut()) + ".");
            }
            if (!withTestcontainers && OptionalBackends.dockerEndpoint().isPresent()) {
                System.out.println("A Docker engine is configured here (" + OptionalBackends.dockerEndpoint().get()
                        + "): install with --with-testcontainers to let notebooks use throwaway containers.");
            }
            Path installed = hasJupyter() ? installWithJupyter(staging, scope, prefix, name)
                    : installDirectly(staging, scope, prefix, name);
            if (!noTraining && ClassDataTraining.record(installed)) {
                Files.writeString(installed.resolve("kernel.json"), kernelJson(name, childJvmOptions, true));
                System.out.println("Recorded class-data archives for a faster start-up.");
            }
            System.out.println("Installed kernelspec '" + name + "' (" + DISPLAY_NAME + ") in " + installed);
            return 0;
        } finally {
            deleteTree(staging.getParent());   // the temporary directory stage() made, not only the kernelspec in it
        }
    }

    /** Writes the kernelspec directory: kernel.json, the kernel jar and lib/ with the dependencies {@code jars} picks. */
    static Path stage(String name, String childJvmOptions, KernelspecJars jars) throws IOException {
        Path jar = kernelJar();
        Path libs = jar.getParent().resolve("lib");
        if (!Files.isDirectory(libs)) {
            throw new IOException("no lib/ directory beside " + jar + ": build the kernel with 'mvn package' first");
        }
        Path staging = Files.createTempDirectory("perflab-kernelspec").resolve(name);
        Files.createDirectories(staging.resolve("lib"));
        Files.copy(jar, staging.resolve("perflab-kernel.jar"), StandardCopyOption.REPLACE_EXISTING);
        jars.copy(libs, staging.resolve("lib"));
        PlotlyScript.copyInto(staging);
        Files.writeString(staging.resolve("kernel.json"), kernelJson(name, childJvmOptions, false));
        return staging;
    }

    /**
     * The kernelspec's kernel.json. Its environment tells the kernel (and the cells' JVM, which
     * inherits it) its own kernelspec name, so charts' HTML can load the plotly.js installed beside it.
     */
    static String kernelJson(String name, String childJvmOptions, boolean withArchive) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(KERNEL_JVM_OPTIONS);
        if (withArchive) {
            argv.add("-XX:SharedArchiveFile={resource_dir}/" + ClassDataTraining.KERNEL_ARCHIVE);
        }
        argv.add("-jar");
        argv.add("{resource_dir}/perflab-kernel.jar");
        argv.add("kernel");
        argv.add("{connection_file}");
        StringBuilder json = new StringBuilder("{\n  \"argv\": [");
        for (int i = 0; i < argv.size(); i++) {
            json.append(i == 0 ? "" : ", ").append(quote(argv.get(i)));
        }
        json.append("],\n  \"display_name\": ").append(quote(DISPLAY_NAME))
                .append(",\n  \"language\": \"java\",\n  \"interrupt_mode\": \"message\",\n  \"env\": {\"PERFLAB_CHILD_JVM_OPTS\": ")
                .append(quote(childJvmOptions))
                .append(", ").append(quote(KernelName.ENV)).append(": ").append(quote(name))
                .append("},\n  \"metadata\": {\"debugger\": false}\n}\n");
        return json.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Path kernelJar() throws IOException {
        try {
            Path location = Path.of(KernelspecInstaller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                throw new IOException("the kernel runs from " + location + ", not from its jar: run "
                        + "'mvn -q package -DskipTests' and then 'java -jar kernel/target/perflab-kernel.jar install'");
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static boolean hasJupyter() {
        try {
            Process p = new ProcessBuilder("jupyter", "kernelspec", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path installWithJupyter(Path staging, String scope, Path prefix, String name)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("jupyter", "kernelspec", "install", "--replace", "--name", name));
        if (scope.equals("--prefix")) {
            command.add("--prefix");
            command.add(prefix.toAbsolutePath().toString());
        } else {
            command.add(scope);
        }
        command.add(staging.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jupyter kernelspec install failed: " + output.strip());
        }
        // "[InstallKernelSpec] Installed kernelspec perflab-java in /path"
        int at = output.lastIndexOf(" in ");
        return at >= 0 ? Path.of(output.substring(at + 4).strip()) : staging;
    }

    private static Path installDirectly(Path staging, String scope, Path prefix, String name) throws IOException {
        Path kernels;
        switch (scope) {
            case "--prefix":
                kernels = prefix.toAbsolutePath().resolve("share/jupyter/kernels");
                break;
            case "--sys-prefix":
                kernels = sysPrefix().resolve("share/jupyter/kernels");
                break;
            default:
                kernels = userDataDir().resolve("kernels");
        }
        Path target = kernels.resolve(name);
        deleteTree(target);
        Files.createDirectories(target.getParent());
        copyTree(staging, target);
        return target;
    }

    /** Python's sys.prefix as Jupyter would see it: the active conda or virtual environment, else /usr/local. */
    private static Path sysPrefix() {
        for (String variable : new String[] {"CONDA_PREFIX", "VIRTUAL_ENV"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return Path.of(value);
            }
        }
        return Path.of("/usr/local");
    }

    /** Jupyter's user data directory on this operating system. */
    static Path userDataDir() {
        String configured = System.getenv("JUPYTER_DATA_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Jupyter");
        }
        if (os.contains("win")) {
            return Path.of(System.getenv().getOrDefault("APPDATA", home), "jupyter");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve("jupyter");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}

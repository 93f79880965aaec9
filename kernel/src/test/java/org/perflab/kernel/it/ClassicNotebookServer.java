package org.perflab.kernel.it;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's classic Jupyter Notebook 6 on a free loopback port, with a random token and Jupyter
 * directories of its own (kernelspecs from {@code jupyterPath} only; data, config and runtime under
 * {@code home}), so it neither sees nor touches the user's. {@link #close} stops it and every
 * process it started (its kernels and their JVMs).
 */
final class ClassicNotebookServer implements AutoCloseable {

    static final Path JUPYTER = Path.of("/usr/bin/jupyter");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final String token;
    private final Path log;

    private ClassicNotebookServer(Process process, int port, String token, Path log) {
        this.process = process;
        this.port = port;
        this.token = token;
        this.log = log;
    }

    /** Why the classic Notebook cannot run here, or null when it can. */
    static String missing() {
        if (!Files.isExecutable(JUPYTER)) {
            return "no " + JUPYTER + " (apt-get install jupyter-notebook)";
        }
        try {
            Process p = new ProcessBuilder(JUPYTER.toString(), "notebook", "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "'jupyter notebook --version' failed (apt-get install jupyter-notebook): " + version;
            }
            return version.startsWith("6.") ? null : "jupyter notebook is " + version + ", not the classic Notebook 6";
        } catch (IOException | InterruptedException e) {
            return "cannot run jupyter notebook: " + e;
        }
    }

    static ClassicNotebookServer start(Path jupyterPath, Path notebookDir, Path home) throws Exception {
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        int port = freePort();
        Path log = home.resolve("jupyter-notebook.log");
        List<String> command = new ArrayList<>(List.of(JUPYTER.toString(), "notebook", "--no-browser",
                "--ip", "127.0.0.1", "--port", Integer.toString(port), "--NotebookApp.port_retries=0",
                "--NotebookApp.token=" + token, "--notebook-dir", notebookDir.toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--allow-root"); // CI containers run as root; the server refuses to otherwise
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JUPYTER_PATH", jupyterPath.toString());
        builder.environment().put("JUPYTER_DATA_DIR", Files.createDirectories(home.resolve("data")).toString());
        builder.environment().put("JUPYTER_CONFIG_DIR", Files.createDirectories(home.resolve("config")).toString());
        builder.environment().put("JUPYTER_RUNTIME_DIR", Files.createDirectories(home.resolve("runtime")).toString());
        builder.environment().put("IPYTHONDIR", Files.createDirectories(home.resolve("ipython")).toString());
        ClassicNotebookServer server = new ClassicNotebookServer(builder.start(), port, token, log);
        try {
            server.awaitReady();
            return server;
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
    }

    /** The page of a notebook in the notebook directory, with the token that logs the browser in. */
    String notebookUrl(String name) {
        return "http://127.0.0.1:" + port + "/notebooks/" + name + "?token=" + token;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        URI status = URI.create("http://127.0.0.1:" + port + "/api/status?token=" + token);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("jupyter notebook exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) status.toURL().openConnection();
                connection.setConnectTimeout(1_000);
                connection.setReadTimeout(2_000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("jupyter notebook did not answer within " + START_TIMEOUT + ":\n" + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** SIGTERM first, so the server shuts its kernels down itself; then whatever is left, forcibly. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> started = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : started) {
            child.destroyForcibly();
        }
        for (ProcessHandle child : started) {
            child.onExit().toCompletableFuture().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
        }
    }
}

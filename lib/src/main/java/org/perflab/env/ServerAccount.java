package org.perflab.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The operating-system account a throwaway server (embedded PostgreSQL, embedded redis-server) runs
 * as. Normally that is whoever runs this JVM. When this JVM is root (a container, a CI runner),
 * PostgreSQL's initdb and postgres refuse to run, and no server needs root anyway, so the server runs
 * as the unprivileged account {@value #UNPRIVILEGED} through util-linux's {@code setpriv}, and owns
 * the directories it writes.
 */
public final class ServerAccount {

    /** The account every Linux system has for processes that should own nothing. */
    public static final String UNPRIVILEGED = "nobody";

    private final String name;
    private final List<String> commandPrefix;
    /** The account's numeric user and group ids when it is not this JVM's own account; else null. */
    private final Integer uid;
    private final Integer gid;

    private ServerAccount(String name, List<String> commandPrefix, Integer uid, Integer gid) {
        this.name = name;
        this.commandPrefix = List.copyOf(commandPrefix);
        this.uid = uid;
        this.gid = gid;
    }

    /** This JVM's own account, or {@value #UNPRIVILEGED} when this JVM is root. */
    public static ServerAccount forServers() {
        if (!isRoot()) {
            return new ServerAccount(System.getProperty("user.name"), List.of(), null, null);
        }
        Path setpriv = Executables.find("setpriv", List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv")))
                .orElseThrow(() -> new IllegalStateException("this JVM runs as root and a server must not, but"
                        + " setpriv (util-linux) is not on the PATH to switch to the account " + UNPRIVILEGED
                        + "; install util-linux or run as an ordinary user"));
        int uid = Integer.parseInt(runId("-u"));
        int gid = Integer.parseInt(runId("-g"));
        return new ServerAccount(UNPRIVILEGED, List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + gid,
                "--clear-groups", "--"), uid, gid);
    }

    /** The account's name, e.g. {@code nobody}. */
    public String name() {
        return name;
    }

    /** {@code command} as this account runs it: unchanged, or behind {@code setpriv}. */
    public List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(commandPrefix);
        full.addAll(command);
        return full;
    }

    /** Makes the account own {@code path} (and nothing changes when it is this JVM's own account). */
    public void own(Path path) throws IOException {
        if (uid == null) {
            return;
        }
        Files.setAttribute(path, "unix:uid", uid);
        Files.setAttribute(path, "unix:gid", gid);
    }

    /** How a note names the account, e.g. "as nobody (this JVM is root)". */
    public String describe() {
        return "as " + name + (uid != null ? " (this JVM is root, and servers refuse root)" : "");
    }

    /** {@code id FLAG nobody}: the account's numeric user or group id, as the system resolves it. */
    private static String runId(String flag) {
        try {
            Process process = new ProcessBuilder("id", flag, UNPRIVILEGED).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (process.waitFor() != 0 || output.isEmpty()) {
                throw new IllegalStateException("this JVM runs as root and a server must not, but the account "
                        + UNPRIVILEGED + " was not found (id " + flag + " " + UNPRIVILEGED + ": " + output + ")");
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("could not run id to look up the account " + UNPRIVILEGED + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up the account " + UNPRIVILEGED, e);
        }
    }

    /** The effective uid is 0; /proc says it on Linux, user.name is the fallback elsewhere. */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return ids.length > 1 && ids[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: fall through.
        }
        return "root".equals(System.getProperty("user.name"));
    }
}

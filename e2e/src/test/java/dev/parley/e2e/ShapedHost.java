package dev.parley.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * A participant's own host on a slow link: a network namespace of the test's own, joined to the test's (loopback-only)
 * namespace by a veth pair with addresses that exist only between the two, each direction shaped with {@code tbf}
 * (this kernel has no {@code netem}; ../TESTING.md has the recipe and what it measured). The server side of the veth
 * must exist before the server starts, so the server advertises its address. A browser runs there through a wrapper
 * that enters the namespace. Needs root and a private mount namespace for {@code /run/netns} (scripts/test runs the
 * suite in one). Closing it removes the namespace and the veth.
 */
final class ShapedHost implements AutoCloseable {

    final String name;
    /** The server's address on this host's link, and the host's own. */
    final String serverAddress;
    final String hostAddress;
    private final Path wrapper;

    private ShapedHost(String name, String serverAddress, String hostAddress, Path wrapper) {
        this.name = name;
        this.serverAddress = serverAddress;
        this.hostAddress = hostAddress;
        this.wrapper = wrapper;
    }

    /**
     * A host behind a link of {@code downlinkKbit} towards it and {@code uplinkKbit} from it (0: not shaped), its
     * veth on subnet 10.77.{@code subnet}.0/24.
     */
    static ShapedHost create(String name, int subnet, int downlinkKbit, int uplinkKbit) throws IOException {
        String server = "10.77." + subnet + ".1";
        String host = "10.77." + subnet + ".2";
        String srv = "vs-" + name;
        String peer = "vh-" + name;
        if (!Files.isDirectory(Path.of("/run/netns")) || !isMountPoint("/run/netns")) {
            run("mkdir", "-p", "/run/netns");
            run("mount", "-t", "tmpfs", "tmpfs", "/run/netns"); // private to the test's mount namespace
        }
        run("ip", "netns", "add", name);
        run("ip", "link", "add", srv, "type", "veth", "peer", "name", peer);
        run("ip", "link", "set", peer, "netns", name);
        run("ip", "addr", "add", server + "/24", "dev", srv);
        run("ip", "link", "set", srv, "up");
        run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
        run("ip", "netns", "exec", name, "ip", "addr", "add", host + "/24", "dev", peer);
        run("ip", "netns", "exec", name, "ip", "link", "set", peer, "up");
        if (downlinkKbit > 0) {
            run("tc", "qdisc", "add", "dev", srv, "root", "tbf", "rate", downlinkKbit + "kbit", "burst", "16kb",
                    "latency", "300ms");
        }
        if (uplinkKbit > 0) {
            run("ip", "netns", "exec", name, "tc", "qdisc", "add", "dev", peer, "root", "tbf", "rate",
                    uplinkKbit + "kbit", "burst", "16kb", "latency", "300ms");
        }
        Path wrapper = Files.createTempFile("chromium-" + name, ".sh",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(wrapper, "#!/bin/sh\nexec ip netns exec " + name + " " + Browsers.chromiumBinary()
                + " \"$@\"\n", StandardCharsets.US_ASCII);
        return new ShapedHost(name, server, host, wrapper);
    }

    /** An executable that starts Chromium inside this host's namespace (Playwright's pipes survive the exec). */
    Path chromium() {
        return wrapper;
    }

    @Override
    public void close() throws IOException {
        try {
            run("ip", "link", "del", "vs-" + name);
        } finally {
            run("ip", "netns", "del", name);
            Files.deleteIfExists(wrapper);
        }
    }

    private static boolean isMountPoint(String dir) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 1 && f[1].equals(dir)) {
                return true;
            }
        }
        return false;
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out.strip());
        }
    }
}

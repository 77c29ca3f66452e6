package dev.parley.e2e;

import com.microsoft.playwright.Browser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An SFU meeting server with one participant on a shaped link, for a test class (register it with
 * {@code @RegisterExtension}): before the class, a {@link ShapedHost} made before the server (which then advertises
 * its veth address), the server listening on every interface of the test's namespace, and a Chromium that runs inside
 * the host; after it, all three stopped and the server's data directory removed. The others join from the usual
 * loopback browser.
 */
final class ShapedMeeting implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private final int subnet;
    private final int downlinkKbit;
    private final int uplinkKbit;
    private ShapedHost host;
    private Path dataDir;
    private Meetings meetings;
    private Browser browser;

    /** A host {@code name} on 10.77.{@code subnet}.0/24, {@code downlinkKbit} towards it, {@code uplinkKbit} from it. */
    ShapedMeeting(String name, int subnet, int downlinkKbit, int uplinkKbit) {
        this.name = name;
        this.subnet = subnet;
        this.downlinkKbit = downlinkKbit;
        this.uplinkKbit = uplinkKbit;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        host = ShapedHost.create(name, subnet, downlinkKbit, uplinkKbit);
        dataDir = Files.createTempDirectory("parley-shaped-");
        meetings = Meetings.start(Meetings.sfuConfig(dataDir).withBind(null));
        browser = Browsers.chromium(meetings.playwright, Browsers.CHROMIUM_FLAGS, host.chromium());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
            if (meetings != null) {
                meetings.close();
            }
        } finally {
            if (host != null) {
                host.close();
            }
            deleteTree(dataDir);
        }
    }

    Meetings meetings() {
        return meetings;
    }

    /** {@code person} joins {@code room} from the shaped host, over HTTPS at the server's address on its link. */
    Person joinShaped(String room, String person) {
        String url = "https://" + host.serverAddress + ":" + meetings.server.httpsPort() + "/r/" + room;
        Person p = meetings.track(Person.openLobby(browser, url, person,
                new Browser.NewContextOptions().setIgnoreHTTPSErrors(true)));
        p.joinFromLobby();
        return p;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

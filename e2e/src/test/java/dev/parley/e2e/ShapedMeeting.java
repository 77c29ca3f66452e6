package dev.parley.e2e;

import com.microsoft.playwright.Browser;
import java.nio.file.Path;

/**
 * An SFU meeting server with one participant on a shaped link: a {@link ShapedHost} made before the server (which
 * then advertises its veth address), the server listening on every interface of the test's namespace, and a Chromium
 * that runs inside the host. The others join from the usual loopback browser. Closing it stops all three.
 */
final class ShapedMeeting implements AutoCloseable {

    final ShapedHost host;
    final Meetings meetings;
    private final Browser browser;

    private ShapedMeeting(ShapedHost host, Meetings meetings, Browser browser) {
        this.host = host;
        this.meetings = meetings;
        this.browser = browser;
    }

    static ShapedMeeting start(Path dataDir, String name, int subnet, int downlinkKbit, int uplinkKbit)
            throws Exception {
        ShapedHost host = ShapedHost.create(name, subnet, downlinkKbit, uplinkKbit);
        Meetings meetings = null;
        try {
            meetings = Meetings.start(Meetings.sfuConfig(dataDir).withBind(null));
            return new ShapedMeeting(host, meetings,
                    Browsers.chromium(meetings.playwright, Browsers.CHROMIUM_FLAGS, host.chromium()));
        } catch (Exception | Error e) {
            if (meetings != null) {
                meetings.close();
            }
            host.close();
            throw e;
        }
    }

    /** {@code name} joins {@code room} from the shaped host, over HTTPS at the server's address on its link. */
    Person joinShaped(String room, String name) {
        String url = "https://" + host.serverAddress + ":" + meetings.server.httpsPort() + "/r/" + room;
        Person person = meetings.track(Person.openLobby(browser, url, name,
                new Browser.NewContextOptions().setIgnoreHTTPSErrors(true)));
        person.joinFromLobby();
        return person;
    }

    @Override
    public void close() throws Exception {
        try {
            browser.close();
            meetings.close();
        } finally {
            host.close();
        }
    }
}

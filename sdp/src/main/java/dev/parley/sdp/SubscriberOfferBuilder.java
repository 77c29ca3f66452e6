package dev.parley.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the offer the SFU sends to a subscriber: one {@code sendonly} section per forwarded track (RFC 8829 §5.2.1
 * for the shape of an offer), idle sections {@code inactive}, stopped ones with port 0. Every live section is in one
 * BUNDLE group, carries {@code a=rtcp-mux}, {@code a=rtcp-rsize}, the SFU's credentials and fingerprint with
 * {@code a=setup:actpass} (RFC 5763 §5: an offerer must), and its track's msid and SSRCs. On renegotiation pass
 * the previous sections in the same order with the same mids and a higher origin version (RFC 8829 §5.2.2).
 *
 * <p>Not thread-safe; build on the session's executor.
 */
public final class SubscriberOfferBuilder {

    private static final String PROTO = "UDP/TLS/RTP/SAVPF";

    private final Origin origin;
    private LocalTransport transport;
    private final List<SubscriberSection> sections = new ArrayList<>();

    private SubscriberOfferBuilder(Origin origin) {
        this.origin = Objects.requireNonNull(origin);
    }

    public static SubscriberOfferBuilder offer(Origin origin) {
        return new SubscriberOfferBuilder(origin);
    }

    public SubscriberOfferBuilder transport(LocalTransport t) {
        this.transport = t;
        return this;
    }

    public SubscriberOfferBuilder section(SubscriberSection s) {
        sections.add(s);
        return this;
    }

    public SessionDescription build() {
        if (transport == null) {
            throw new IllegalStateException("transport must be set");
        }
        Set<String> mids = new HashSet<>();
        List<String> bundled = new ArrayList<>();
        SessionDescription.Builder b = SessionDescription.builder(origin).iceLite(true).msidSemantic("WMS *");
        List<MediaDescription> media = new ArrayList<>();
        for (SubscriberSection s : sections) {
            if (!mids.add(s.mid())) {
                throw new IllegalArgumentException("mid " + s.mid() + " used twice (RFC 5888 §4)");
            }
            if (!s.stopped()) {
                bundled.add(s.mid());
            }
            media.add(write(s));
        }
        if (!bundled.isEmpty()) {
            b.group(new Group(Group.BUNDLE, bundled));
        }
        media.forEach(b::media);
        return b.build();
    }

    private MediaDescription write(SubscriberSection s) {
        MediaDescription.Builder b = MediaDescription.builder(s.kind(), 0, PROTO).mid(s.mid());
        if (s.stopped()) {
            // RFC 8829 §5.2.2: a stopped transceiver's section keeps port 0 and a format; 0 is as good as any.
            return b.format("0").connection(Connection.UNSPECIFIED).direction(Direction.INACTIVE).build();
        }
        transport.writeTo(b, Setup.ACTPASS);
        b.direction(s.direction()).rtcpMux(true).rtcpRsize(true);
        s.extensions().forEach(b::extmap);
        Codecs.write(b, s.codecs());
        if (s.track() != null) {
            s.track().writeTo(b);
        }
        return b.build();
    }
}

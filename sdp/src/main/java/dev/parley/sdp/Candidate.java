package dev.parley.sdp;

import dev.parley.sdp.internal.Fields;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code a=candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> [raddr <a>]
 * [rport <p>] *(<name> <value>)} (RFC 8839 §5.1). {@code relatedAddress} and {@code relatedPort} are null when
 * absent; extensions such as {@code generation 0}, {@code ufrag x} or {@code tcptype passive} keep their order.
 * The address may be an mDNS name ({@code <uuid>.local}), so it is kept as text.
 */
public record Candidate(String foundation, int component, String transport, long priority, String address, int port,
        String type, String relatedAddress, Integer relatedPort, Map<String, String> extensions) {

    public Candidate {
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /**
     * A host candidate for component 1 (RTP; RTCP is muxed). Priority per RFC 8445 §5.1.2.1 with type preference 126
     * (host), local preference 65535 (the only address) and component 1: 2^24·126 + 2^8·65535 + 255 = 2130706431.
     */
    public static Candidate host(String foundation, String transport, String address, int port) {
        long priority = (126L << 24) + (65535L << 8) + (256 - 1);
        Map<String, String> ext = transport.equalsIgnoreCase("tcp") ? Map.of("tcptype", "passive") : Map.of();
        return new Candidate(foundation, 1, transport, priority, address, port, "host", null, null, ext);
    }

    /** Parses the attribute value, with or without its leading {@code candidate:} (trickled candidates carry it). */
    public static Candidate parse(String value) throws SdpParseException {
        String v = value.startsWith("candidate:") ? value.substring("candidate:".length()) : value;
        List<String> f = Fields.fields(v, 8, true, "a=candidate");
        if (!f.get(6).equals("typ")) {
            throw SdpParseException.badValue("a=candidate has no 'typ' at its seventh field");
        }
        if (f.size() % 2 != 0) {
            throw SdpParseException.badValue("a=candidate extensions are not name/value pairs");
        }
        String relatedAddress = null;
        Integer relatedPort = null;
        Map<String, String> ext = new LinkedHashMap<>();
        for (int i = 8; i < f.size(); i += 2) {
            String name = f.get(i);
            String val = f.get(i + 1);
            switch (name) {
                case "raddr" -> relatedAddress = val;
                case "rport" -> relatedPort = Fields.integer(val, 0, 65535, "rport");
                default -> ext.put(name, val);
            }
        }
        return new Candidate(Fields.token(f.get(0), "foundation"), Fields.integer(f.get(1), 1, 256, "component"),
                f.get(2), Fields.number(f.get(3), 0, 0xFFFF_FFFFL, "priority"), f.get(4),
                Fields.integer(f.get(5), 0, 65535, "port"), Fields.token(f.get(7), "candidate type"),
                relatedAddress, relatedPort, ext);
    }

    public boolean isUdp() {
        return transport.toLowerCase(Locale.ROOT).equals("udp");
    }

    /** The attribute value, without {@code candidate:}. */
    public String encode() {
        StringBuilder sb = new StringBuilder()
                .append(foundation).append(' ').append(component).append(' ').append(transport).append(' ')
                .append(priority).append(' ').append(address).append(' ').append(port).append(" typ ").append(type);
        if (relatedAddress != null) {
            sb.append(" raddr ").append(relatedAddress);
        }
        if (relatedPort != null) {
            sb.append(" rport ").append(relatedPort);
        }
        extensions.forEach((k, val) -> sb.append(' ').append(k).append(' ').append(val));
        return sb.toString();
    }
}

package dev.parley.sdp;

import dev.parley.sdp.internal.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code a=simulcast:send <streams> [recv <streams>]} (RFC 8853 §5.1). Streams are separated by {@code ;}, each
 * stream lists alternative rids separated by {@code ,}, and a {@code ~} prefix marks a paused rid. Parsed so
 * simulcast offers are understood; layer selection comes later.
 */
public record Simulcast(List<List<Alternative>> send, List<List<Alternative>> recv) {

    /** One rid in a stream's list of alternatives. */
    public record Alternative(String rid, boolean paused) {}

    public Simulcast {
        send = send.stream().map(List::copyOf).toList();
        recv = recv.stream().map(List::copyOf).toList();
    }

    public static Simulcast parse(String value) throws SdpParseException {
        List<String> f = Fields.split(value);
        if (f.isEmpty() || f.size() % 2 != 0 || f.size() > 4) {
            throw SdpParseException.badValue("a=simulcast is not <direction> <streams> pairs");
        }
        List<List<Alternative>> send = List.of();
        List<List<Alternative>> recv = List.of();
        for (int i = 0; i < f.size(); i += 2) {
            List<List<Alternative>> streams = streams(f.get(i + 1));
            switch (f.get(i).toLowerCase(Locale.ROOT)) {
                case "send" -> {
                    if (!send.isEmpty()) {
                        throw SdpParseException.badValue("a=simulcast repeats send");
                    }
                    send = streams;
                }
                case "recv" -> {
                    if (!recv.isEmpty()) {
                        throw SdpParseException.badValue("a=simulcast repeats recv");
                    }
                    recv = streams;
                }
                default -> throw SdpParseException.badValue("a=simulcast direction is neither send nor recv");
            }
        }
        return new Simulcast(send, recv);
    }

    private static List<List<Alternative>> streams(String text) throws SdpParseException {
        List<List<Alternative>> streams = new ArrayList<>();
        for (String stream : text.split(";", -1)) {
            List<Alternative> alternatives = new ArrayList<>();
            for (String alt : stream.split(",", -1)) {
                boolean paused = alt.startsWith("~");
                alternatives.add(new Alternative(Fields.token(paused ? alt.substring(1) : alt, "simulcast rid"),
                        paused));
            }
            streams.add(alternatives);
        }
        return streams;
    }

    /** Every rid named for sending, in order. */
    public List<String> sendRids() {
        return send.stream().flatMap(List::stream).map(Alternative::rid).toList();
    }

    public String encode() {
        List<String> parts = new ArrayList<>();
        if (!send.isEmpty()) {
            parts.add("send " + format(send));
        }
        if (!recv.isEmpty()) {
            parts.add("recv " + format(recv));
        }
        return String.join(" ", parts);
    }

    private static String format(List<List<Alternative>> streams) {
        return streams.stream()
                .map(s -> s.stream().map(a -> (a.paused() ? "~" : "") + a.rid()).collect(Collectors.joining(",")))
                .collect(Collectors.joining(";"));
    }
}

package dev.parley.sdp;

import java.util.List;
import java.util.Optional;

/** An answer for the browser and, per offered section in offer order, what it settled. */
public record SfuAnswer(SessionDescription description, List<NegotiatedSection> sections) {

    public SfuAnswer {
        sections = List.copyOf(sections);
    }

    public Optional<NegotiatedSection> section(String mid) {
        return sections.stream().filter(s -> mid.equals(s.mid())).findFirst();
    }
}

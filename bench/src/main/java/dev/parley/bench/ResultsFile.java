package dev.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds a run's block to the end of one section of the benchmarks file ("Signaling" unless told otherwise), creating the
 * section (or file) if missing and leaving every other section as it was. Stateless.
 */
final class ResultsFile {

    static final String HEADING = "## Signaling";
    private static final String INTRO = "Measured with `bench/run`; each run adds a block below.";

    private ResultsFile() {
    }

    static void add(Path file, String block) throws IOException {
        add(file, HEADING, INTRO, block);
    }

    /** Adds {@code block} to the section {@code heading}; a new section starts with {@code intro}. */
    static void add(Path file, String heading, String intro, String block) throws IOException {
        String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        Files.writeString(file, insert(before, heading, intro, block), StandardCharsets.UTF_8);
    }

    /** {@code document} with {@code block} appended to its Signaling section. */
    static String insert(String document, String block) {
        return insert(document, HEADING, INTRO, block);
    }

    /** {@code document} with {@code block} appended to section {@code heading}, made with {@code intro} if missing. */
    static String insert(String document, String heading, String intro, String block) {
        List<String> lines = new ArrayList<>(document.isEmpty() ? List.of() : List.of(document.split("\n", -1)));
        if (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        int at = lines.indexOf(heading);
        if (at < 0) {
            if (lines.isEmpty()) {
                lines.add("# Benchmarks");
            }
            trimTrailingBlank(lines, lines.size());
            lines.add("");
            lines.add(heading);
            lines.add("");
            lines.add(intro);
            at = lines.size() - 3;
        }
        int end = at + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        int insertAt = trimTrailingBlank(lines, end);
        List<String> add = new ArrayList<>();
        add.add("");
        add.addAll(List.of(block.strip().split("\n", -1)));
        if (insertAt < lines.size()) {
            add.add("");
        }
        lines.addAll(insertAt, add);
        return String.join("\n", lines) + "\n";
    }

    /** Removes blank lines just before index {@code end}; returns the new index of what was at {@code end}. */
    private static int trimTrailingBlank(List<String> lines, int end) {
        while (end > 0 && lines.get(end - 1).isBlank()) {
            lines.remove(end - 1);
            end--;
        }
        return end;
    }
}

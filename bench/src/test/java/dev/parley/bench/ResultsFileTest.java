package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultsFileTest {

    @Test
    void blockGoesToTheEndOfTheSignalingSectionLeavingOtherSectionsAlone() {
        String doc = """
                # Benchmarks

                ## Signaling

                Method.

                ### run 1
                table 1

                ## Media

                Other numbers.
                """;

        String out = ResultsFile.insert(doc, "### run 2\ntable 2\n");

        assertThat(out).isEqualTo("""
                # Benchmarks

                ## Signaling

                Method.

                ### run 1
                table 1

                ### run 2
                table 2

                ## Media

                Other numbers.
                """);
    }

    @Test
    void missingSectionIsAddedAtTheEnd() {
        String out = ResultsFile.insert("# Benchmarks\n\n## Media\n\nOther numbers.\n", "### run 1\ntable\n");

        assertThat(out).startsWith("# Benchmarks\n\n## Media\n\nOther numbers.\n\n## Signaling\n\n")
                .endsWith("\n\n### run 1\ntable\n");
    }

    @Test
    void missingFileGetsATitle() {
        assertThat(ResultsFile.insert("", "### run 1\n")).startsWith("# Benchmarks\n\n## Signaling\n")
                .endsWith("\n\n### run 1\n");
    }

    @Test
    void otherSectionsCanBeNamed() {
        String doc = "# Benchmarks\n\n## Signaling\n\n### run 1\n\n## SFU forwarding\n\nMethod.\n\n## Media\n\nx\n";

        String out = ResultsFile.insert(doc, "## SFU forwarding", "unused", "### run 2\n");

        assertThat(out).isEqualTo("# Benchmarks\n\n## Signaling\n\n### run 1\n\n## SFU forwarding\n\nMethod.\n\n"
                + "### run 2\n\n## Media\n\nx\n");
        assertThat(ResultsFile.insert("# Benchmarks\n", "## SFU forwarding", "Intro.", "### run 1\n"))
                .isEqualTo("# Benchmarks\n\n## SFU forwarding\n\nIntro.\n\n### run 1\n");
    }
}

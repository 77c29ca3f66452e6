package dev.parley.e2e;

import dev.parley.server.sfu.SfuOptions;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code --sfu-video-codec vp9} and browsers that all take VP9, video travels through the SFU as VP9. */
class SfuVideoCodecIT {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path mediaDir;
    static Meetings meetings;

    @BeforeAll
    static void start() throws Exception {
        // A small camera keeps three encoders and six decoders light on two shared cores (see SfuCallIT).
        Path camera = Browsers.writeTestPattern(mediaDir.resolve("camera.y4m"), 320, 240, 15, 30);
        meetings = Meetings.start(Meetings.sfuConfig(dataDir).withSfu(SfuOptions.forTests().withVideoCodec("vp9")),
                Browsers.chromiumFlagsWithCamera(camera));
    }

    @AfterAll
    static void stop() {
        if (meetings != null) {
            meetings.close();
        }
    }

    @Test
    void threeChromiumsInAnSfuRoomReceiveEachOthersVideoAsVp9() {
        List<Person> three = meetings.join(Meetings.newRoom("vp9"), "Ada", "Bob", "Cleo");
        for (Person person : three) {
            List<String> others = three.stream().map(p -> p.name).filter(n -> !n.equals(person.name)).toList();
            person.expectMediaThroughServerFrom(others);
            @SuppressWarnings("unchecked")
            List<String> codecs = (List<String>) person.page.evaluate("""
                    async () => {
                      const stats = await window.parley.sfuConnection().getStats();
                      const codecs = [];
                      stats.forEach((r) => {
                        if (r.type === 'inbound-rtp' && r.kind === 'video' && r.framesDecoded > 0) {
                          codecs.push(stats.get(r.codecId).mimeType);
                        }
                      });
                      return codecs;
                    }""");
            Assertions.assertThat(codecs).as("decoded video codecs at %s", person.name).hasSizeGreaterThanOrEqualTo(2)
                    .containsOnly("video/VP9");
        }
    }
}

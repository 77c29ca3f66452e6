package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.rtp.GenericNack;
import dev.parley.rtp.PictureLossIndication;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Stateful fuzzing of the SFU engine after the handshake, on the engine harness: participants with real SRTP keys
 * send any sequence of RTP and RTCP (fuzzed headers, extensions, payloads, compound packets, NACKs and PLIs for real
 * sections), raw datagrams come from anywhere, people join and leave, time moves on. The engine never meets an
 * internal error, everything it sends a participant decrypts, and when everyone has left nothing is left behind. A
 * plain test run replays the seeds in {@code src/test/resources/dev/parley/sfu/SfuEngineFuzzTestInputs/}.
 */
class SfuEngineFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyMediaFromConnectedParticipantsKeepsTheEngineHealthy(FuzzedDataProvider data) throws Exception {
        EngineHarness h = new EngineHarness(50);
        EngineHarness.Client alice = h.join("r", "alice");
        EngineHarness.Client bob = h.join("r", "bob");
        alice.publish(2);
        bob.publish(2);
        EngineHarness.Client carol = null;
        for (int step = 0; step < 40 && data.remainingBytes() > 0; step++) {
            EngineHarness.Client from = data.consumeBoolean() ? alice : bob;
            EngineHarness.Client to = from == alice ? bob : alice;
            switch (data.consumeInt(0, 8)) {
                case 0 -> from.trySendPlain(rtp(data), false);
                case 1 -> from.trySendPlain(data.consumeBytes(300), false);
                case 2 -> from.trySendPlain(data.consumeBytes(300), true);
                case 3 -> {
                    long section = Math.max(1, from.ssrcOf(to, Source.CAMERA));
                    List<Integer> lost = List.of(data.consumeInt(0, 65535), data.consumeInt(0, 65535));
                    from.sendRtcp(List.of(GenericNack.of(data.consumeLong(0, 0xffff_ffffL),
                            data.consumeBoolean() ? section : data.consumeLong(0, 0xffff_ffffL), lost)));
                }
                case 4 -> from.sendRtcp(List.of(new PictureLossIndication(1, Math.max(1, from.ssrcOf(to, Source.CAMERA)))));
                case 5 -> {
                    byte[] raw = data.consumeBytes(300);
                    InetSocketAddress source = data.consumeBoolean() ? from.address
                            : new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 98, 0, 1}), 5);
                    h.engine.onDatagram(raw, raw.length, source);
                    h.drain();
                }
                case 6 -> {
                    h.advance(data.consumeLong(0, 3_000));
                    h.tick();
                }
                case 7 -> {
                    if (carol == null) {
                        carol = h.join("r", "carol");
                        carol.publish(1);
                    } else {
                        h.leave(carol);
                        carol = null;
                    }
                }
                default -> from.publish(data.consumeInt(0, 3));
            }
            assertThat(h.metrics.drops(DropReason.INTERNAL_ERROR)).as("internal errors").isZero();
            assertThat(alice.undecryptable + bob.undecryptable).as("undecryptable output").isZero();
        }
        if (carol != null) {
            h.leave(carol);
        }
        h.leave(alice);
        h.leave(bob);
        assertThat(h.metrics.transports()).isZero();
        assertThat(h.metrics.tracks()).isZero();
        assertThat(h.engine.addressCount()).isZero();
        assertThat(h.openDtlsSessions()).isZero();
    }

    /** An RTP header with fuzzed fields (version 2 kept, so SRTP takes it), extension and payload. */
    private static byte[] rtp(FuzzedDataProvider data) {
        boolean extension = data.consumeBoolean();
        int csrcs = data.consumeInt(0, 2);
        byte[] ext = extension ? data.consumeBytes(4 * data.consumeInt(0, 4)) : new byte[0];
        byte[] payload = data.consumeBytes(200);
        byte[] p = new byte[12 + 4 * csrcs + (extension ? 4 + ext.length : 0) + payload.length];
        p[0] = (byte) (0x80 | (extension ? 0x10 : 0) | csrcs);
        p[1] = (byte) (data.consumeBoolean() ? 96 : data.consumeInt(0, 127));
        int seq = data.consumeInt(0, 65535);
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        long ssrc = data.consumeLong(0, 0xffff_ffffL);
        for (int i = 0; i < 4; i++) {
            p[8 + i] = (byte) (ssrc >> (24 - 8 * i));
        }
        int at = 12 + 4 * csrcs;
        if (extension) {
            p[at] = (byte) 0xbe;
            p[at + 1] = (byte) 0xde;
            p[at + 3] = (byte) (ext.length / 4);
            System.arraycopy(ext, 0, p, at + 4, ext.length);
            at += 4 + ext.length;
        }
        System.arraycopy(payload, 0, p, at, payload.length);
        return p;
    }
}

package dev.parley.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;

/**
 * Fuzzing the DTLS endpoint from the network side: any sequence of datagrams (raw, or plausible records with fuzzed
 * bodies) and time steps, sent to a server endpoint by a peer that cannot hold the expected certificate, never
 * throws out of {@code receive} or {@code tick}, never completes a handshake, and ends with the endpoint's thread
 * gone once it is closed. A plain test run replays the seeds in
 * {@code src/test/resources/dev/parley/dtls/DtlsEndpointFuzzTestInputs/}.
 */
class DtlsEndpointFuzzTest {

    private static final DtlsCertificate SERVER = DtlsCertificate.generate();
    private static final DtlsCertificate EXPECTED_CLIENT = DtlsCertificate.generate();

    @FuzzTest(maxDuration = "30s")
    void anyDatagramsFromTheNetworkLeaveTheEndpointUnconnectedAndItsThreadGone(FuzzedDataProvider data)
            throws InterruptedException {
        Outputs out = new Outputs();
        DtlsRole role = data.consumeBoolean() ? DtlsRole.SERVER : DtlsRole.CLIENT;
        DtlsEndpoint endpoint = new DtlsEndpoint(role, SERVER, EXPECTED_CLIENT.fingerprint(), DtlsSettings.DEFAULT, out);
        long now = 1_000;
        endpoint.start(now);
        try {
            for (int step = 0; step < 16 && data.remainingBytes() > 0; step++) {
                switch (data.consumeInt(0, 2)) {
                    case 0 -> {
                        byte[] d = data.consumeBytes(1500);
                        endpoint.receive(d, 0, d.length, now);
                    }
                    case 1 -> {
                        // A record header that passes the first checks (handshake, DTLS 1.2, epoch 0), fuzzed body.
                        byte[] body = data.consumeBytes(600);
                        byte[] d = new byte[13 + body.length];
                        d[0] = 22;
                        d[1] = (byte) 0xfe;
                        d[2] = (byte) 0xfd;
                        d[11] = (byte) (body.length >> 8);
                        d[12] = (byte) body.length;
                        System.arraycopy(body, 0, d, 13, body.length);
                        endpoint.receive(d, 0, d.length, now);
                    }
                    default -> {
                        now += data.consumeLong(0, 6_000);
                        endpoint.tick(now);
                    }
                }
            }
        } finally {
            endpoint.close();
        }
        assertThat(endpoint.awaitThreadExit(Duration.ofSeconds(20))).as("the handshake thread ends").isTrue();
        assertThat(out.events).noneMatch(e -> e instanceof DtlsEvent.HandshakeComplete);
        assertThat(endpoint.state()).isNotEqualTo(DtlsEndpoint.State.CONNECTED);
    }
}

package dev.parley.srtp;

import dev.parley.rtp.RtpPacketBuilder;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * SRTP protect + unprotect of one 1,200-byte RTP packet, ours against the raw JCA work the same profile needs,
 * on the same buffers in the same run. Not a test: run it with a main (see docs/benchmarks.md, "SRTP"):
 *
 * <pre>
 * ./mvnw -B -q -pl srtp -am install -DskipTests
 * ./mvnw -B -q -pl srtp dependency:build-classpath -Dmdep.outputFile=/tmp/srtp-cp.txt -Dmdep.includeScope=test
 * java -cp srtp/target/test-classes:srtp/target/classes:$(cat /tmp/srtp-cp.txt) dev.parley.srtp.SrtpThroughputBenchmark
 * </pre>
 *
 * Every operation copies the plaintext into the working buffer, bumps the sequence number (so the replay window
 * accepts the packet), protects, then unprotects. The raw variants do the same copy and the same cryptography with
 * {@code Cipher}/{@code Mac} instances made once: AES-CTR + HMAC-SHA1-80 over header || payload || ROC, or AES-GCM
 * with the header as AAD.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SrtpThroughputBenchmark {

    private static final int PACKET = 1200;

    private byte[] plain;
    private int headerLength;
    private final byte[] buffer = new byte[PACKET + 16];
    private int seq;

    private SrtpContext cmSender;
    private SrtpContext cmReceiver;
    private SrtpContext gcmSender;
    private SrtpContext gcmReceiver;

    private Cipher rawCtr;
    private Mac rawMac;
    private Cipher rawGcm;
    private SecretKeySpec aesKey;
    private final byte[] ctrIv = new byte[16];
    private final byte[] gcmIv = new byte[12];
    private final byte[] digest = new byte[20];
    private final byte[] roc = new byte[4];

    @Setup
    public void setUp() throws Exception {
        RtpPacketBuilder builder = new RtpPacketBuilder().payloadType(96).ssrc(0x0b0c0d0eL).timestamp(90_000)
                .extension(3, new byte[] {0, 1});
        headerLength = builder.encodedLength();
        byte[] payload = new byte[PACKET - headerLength];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        plain = builder.payload(payload).build();
        byte[] key = new byte[16];
        byte[] salt14 = new byte[14];
        byte[] salt12 = new byte[12];
        cmSender = SrtpContext.create(SrtpProfile.AES128_CM_HMAC_SHA1_80, key, salt14);
        cmReceiver = SrtpContext.create(SrtpProfile.AES128_CM_HMAC_SHA1_80, key, salt14);
        gcmSender = SrtpContext.create(SrtpProfile.AEAD_AES_128_GCM, key, salt12);
        gcmReceiver = SrtpContext.create(SrtpProfile.AEAD_AES_128_GCM, key, salt12);
        aesKey = new SecretKeySpec(key, "AES");
        rawCtr = Cipher.getInstance("AES/CTR/NoPadding");
        rawMac = Mac.getInstance("HmacSHA1");
        rawMac.init(new SecretKeySpec(new byte[20], "HmacSHA1"));
        rawGcm = Cipher.getInstance("AES/GCM/NoPadding");
    }

    private void nextPacket() {
        System.arraycopy(plain, 0, buffer, 0, PACKET);
        seq++;
        buffer[2] = (byte) (seq >>> 8);
        buffer[3] = (byte) seq;
    }

    @Benchmark
    public int oursAesCmHmacSha1() throws Exception {
        nextPacket();
        int n = cmSender.protectRtp(buffer, 0, PACKET, buffer, 0);
        return cmReceiver.unprotectRtp(buffer, 0, n, buffer, 0);
    }

    @Benchmark
    public int rawAesCtrHmacSha1() throws Exception {
        nextPacket();
        ctrIv[13] = (byte) seq;
        ctrIv[12] = (byte) (seq >>> 8);
        rawCtr.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(ctrIv));
        rawCtr.doFinal(buffer, headerLength, PACKET - headerLength, buffer, headerLength);
        rawMac.update(buffer, 0, PACKET);
        rawMac.update(roc);
        rawMac.doFinal(digest, 0);
        System.arraycopy(digest, 0, buffer, PACKET, 10);
        rawMac.update(buffer, 0, PACKET);
        rawMac.update(roc);
        rawMac.doFinal(digest, 0);
        int diff = 0;
        for (int i = 0; i < 10; i++) {
            diff |= digest[i] ^ buffer[PACKET + i];
        }
        rawCtr.init(Cipher.DECRYPT_MODE, aesKey, new IvParameterSpec(ctrIv));
        return diff + rawCtr.doFinal(buffer, headerLength, PACKET - headerLength, buffer, headerLength);
    }

    @Benchmark
    public int oursAesGcm() throws Exception {
        nextPacket();
        int n = gcmSender.protectRtp(buffer, 0, PACKET, buffer, 0);
        return gcmReceiver.unprotectRtp(buffer, 0, n, buffer, 0);
    }

    @Benchmark
    public int rawAesGcm() throws Exception {
        nextPacket();
        gcmIv[11] = (byte) seq;
        gcmIv[10] = (byte) (seq >>> 8);
        gcmIv[9] = (byte) (seq >>> 16);
        rawGcm.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, gcmIv));
        rawGcm.updateAAD(buffer, 0, headerLength);
        int sealed = rawGcm.doFinal(buffer, headerLength, PACKET - headerLength, buffer, headerLength);
        rawGcm.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(128, gcmIv));
        rawGcm.updateAAD(buffer, 0, headerLength);
        return rawGcm.doFinal(buffer, headerLength, sealed, buffer, headerLength);
    }

    /**
     * Runs the four benchmarks with the settings above, or with JMH command-line options given as arguments
     * (e.g. {@code -wi 5 -w 2s} for a longer warm-up on a busy machine), and prints packets/s and ours ÷ raw per
     * profile.
     */
    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(SrtpThroughputBenchmark.class.getSimpleName())
                .build()).run();
        Map<String, Double> score = new TreeMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            score.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("SRTP protect+unprotect, 1,200-byte packets, one thread (packets/s):");
        score.forEach((name, ops) -> System.out.printf("  %-20s %,12.0f%n", name, ops));
        System.out.printf("  AES-CM+HMAC-SHA1-80 ours/raw = %.2f%n",
                score.get("oursAesCmHmacSha1") / score.get("rawAesCtrHmacSha1"));
        System.out.printf("  AEAD-AES-128-GCM    ours/raw = %.2f%n", score.get("oursAesGcm") / score.get("rawAesGcm"));
    }
}

package dev.parley.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The SFU benchmark's parameters, immutable. Defaults: 4 rooms of 2 publishers and 18 receive-only subscribers (80
 * connections; each publisher's camera goes to 19 others), 150 packets/s per publisher (1,200-byte packets: about
 * 1.5 Mbit/s, a 720p camera) for 20 s after a 5 s warm-up, then saturation steps of 5 s at 300 to 2,400 packets/s per
 * publisher.
 *
 * @param rooms               rooms on the SFU
 * @param publishers          clients per room that publish a camera (and receive the others')
 * @param subscribers         clients per room that only receive
 * @param rate                packets/s per publisher in the paced phase
 * @param durationSeconds     measured window of the paced phase
 * @param warmupSeconds       unmeasured sending before each window (the first phase's lets the JIT compile the loop)
 * @param saturationRates     packets/s per publisher of each saturation step; empty skips them
 * @param saturationSeconds   measured window of each saturation step
 * @param verifyEvery         receivers decrypt and check one forwarded packet in this many (0: none)
 * @param receiveBufferBytes  SO_RCVBUF asked for each client socket
 * @param connectConcurrency  clients connecting (offer to DTLS done) at a time
 * @param setupTimeoutSeconds connecting every client (offer, answer, ICE, DTLS) must take less
 * @param sfuRecording        a Java Flight Recording of the SFU's JVM (profile settings) goes to this file; null: none
 * @param results             file the result block is added to, or null to print only
 */
record SfuBenchOptions(int rooms, int publishers, int subscribers, double rate, int durationSeconds, int warmupSeconds,
                       List<Double> saturationRates, int saturationSeconds, int verifyEvery, int receiveBufferBytes,
                       int connectConcurrency, int setupTimeoutSeconds, Path sfuRecording, Path results) {

    /** The SFU's default limit of connections per room. */
    static final int MAX_PER_ROOM = 50;

    static final String USAGE = """
            Usage: bench/sfu [options]
              --rooms N              rooms (default 4)
              --publishers N         clients per room sending a camera, 1.. (default 2)
              --subscribers N        receive-only clients per room (default 18); publishers + subscribers <= 50
              --rate R               packets/s per publisher, paced phase (default 150: 1,200-byte packets, ~1.5 Mbit/s)
              --duration S           measured window of the paced phase in seconds (default 20)
              --warmup S             sending before each measured window (default 5; 2 for saturation steps)
              --saturation R1,R2,..  packets/s per publisher of each saturation step (default 300,600,1200,2400)
              --no-saturation        skip the saturation steps
              --saturation-duration S  measured window of each step (default 5)
              --verify-every N       receivers decrypt and check 1 packet in N, 0 for none (default 4)
              --receive-buffer N     SO_RCVBUF of each client socket in bytes (default 1048576)
              --connect-concurrency N  clients connecting at a time (default 4)
              --setup-timeout S      limit for connecting every client (default 120)
              --sfu-recording FILE   record the SFU JVM with Java Flight Recorder (profile settings) into FILE
              --results FILE         add the block to FILE's "SFU forwarding" section (bench/sfu: docs/benchmarks.md)
              --no-results           print only
            """;

    static SfuBenchOptions defaults() {
        return new SfuBenchOptions(4, 2, 18, 150, 20, 5, List.of(300.0, 600.0, 1200.0, 2400.0), 5, 4, 1 << 20, 4,
                120, null, null);
    }

    static SfuBenchOptions parse(String... args) {
        SfuBenchOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--no-results")) {
                o = o.with(name, null);
                continue;
            }
            if (name.equals("--no-saturation")) {
                o = o.with("--saturation", "");
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + name);
            }
            o = o.with(name, args[++i]);
        }
        if (o.publishers < 1 || o.publishers + o.subscribers < 2 || o.publishers + o.subscribers > MAX_PER_ROOM) {
            throw new IllegalArgumentException("a room needs at least 1 publisher and 2 clients, and at most "
                    + MAX_PER_ROOM + " clients (the SFU's limit)");
        }
        return o;
    }

    private SfuBenchOptions with(String name, String value) {
        int rooms = this.rooms;
        int publishers = this.publishers;
        int subscribers = this.subscribers;
        double rate = this.rate;
        int duration = this.durationSeconds;
        int warmup = this.warmupSeconds;
        List<Double> saturation = this.saturationRates;
        int saturationSeconds = this.saturationSeconds;
        int verify = this.verifyEvery;
        int buffer = this.receiveBufferBytes;
        int concurrency = this.connectConcurrency;
        int setup = this.setupTimeoutSeconds;
        Path recording = this.sfuRecording;
        Path results = this.results;
        switch (name) {
            case "--rooms" -> rooms = positive(name, value);
            case "--publishers" -> publishers = positive(name, value);
            case "--subscribers" -> subscribers = whole(name, value);
            case "--rate" -> rate = rate(name, value);
            case "--duration" -> duration = positive(name, value);
            case "--warmup" -> warmup = whole(name, value);
            case "--saturation" -> saturation = rates(name, value);
            case "--saturation-duration" -> saturationSeconds = positive(name, value);
            case "--verify-every" -> verify = whole(name, value);
            case "--receive-buffer" -> buffer = positive(name, value);
            case "--connect-concurrency" -> concurrency = positive(name, value);
            case "--setup-timeout" -> setup = positive(name, value);
            case "--sfu-recording" -> recording = Path.of(value);
            case "--results" -> results = Path.of(value);
            case "--no-results" -> results = null;
            default -> throw new IllegalArgumentException("Unknown option " + name);
        }
        return new SfuBenchOptions(rooms, publishers, subscribers, rate, duration, warmup, saturation,
                saturationSeconds, verify, buffer, concurrency, setup, recording, results);
    }

    int clients() {
        return rooms * (publishers + subscribers);
    }

    private static List<Double> rates(String name, String value) {
        List<Double> rates = new ArrayList<>();
        if (value.isBlank()) {
            return rates;
        }
        for (String r : value.split(",")) {
            rates.add(rate(name, r.trim()));
        }
        return List.copyOf(rates);
    }

    private static double rate(String name, String value) {
        try {
            double d = Double.parseDouble(value.replace("_", ""));
            if (!(d > 0) || d > 100_000) {
                throw new IllegalArgumentException(name + " takes packets/s in (0, 100000]");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number, not " + value);
        }
    }

    private static int positive(String name, String value) {
        int n = whole(name, value);
        if (n == 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return n;
    }

    private static int whole(String name, String value) {
        try {
            int n = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (n < 0) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, not " + value);
        }
    }
}

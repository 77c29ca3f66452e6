package dev.parley.server.sfu;

/**
 * The SFU's options (docs/configuration.md, "SFU"). The topology threshold ({@code --p2p-max}) lives in
 * {@link dev.parley.rooms.RoomsConfig#p2pMax()}, since rooms decide when to switch.
 *
 * @param enabled         run the SFU; without it rooms stay peer to peer
 * @param port            the one UDP media port (0: any free port)
 * @param maxParticipants SFU connections per room
 * @param videoCodec      "VP8", "VP9" or "H264": a room's video codec while all its connections take it, else VP8
 */
public record SfuOptions(boolean enabled, int port, int maxParticipants, String videoCodec) {

    public SfuOptions {
        if (port < 0 || port > 65535 || maxParticipants < 1) {
            throw new IllegalArgumentException("--sfu-port is 0-65535 and --sfu-max-participants at least 1");
        }
        videoCodec = videoCodec.toUpperCase(java.util.Locale.ROOT);
        if (!dev.parley.sfu.SfuSettings.VIDEO_CODECS.contains(videoCodec)) {
            throw new IllegalArgumentException("--sfu-video-codec is vp8, vp9 or h264");
        }
    }

    public static SfuOptions disabled() {
        return new SfuOptions(false, 0, 50, "VP8");
    }

    /** On, on any free port: for tests. */
    public static SfuOptions forTests() {
        return new SfuOptions(true, 0, 50, "VP8");
    }

    public SfuOptions withVideoCodec(String codec) {
        return new SfuOptions(enabled, port, maxParticipants, codec);
    }
}

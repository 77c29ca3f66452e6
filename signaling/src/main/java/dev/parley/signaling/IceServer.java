package dev.parley.signaling;

import java.util.List;

/** One entry of RTCPeerConnection's {@code iceServers}; {@code username}/{@code credential} may be null. */
public record IceServer(List<String> urls, String username, String credential) {

    public IceServer {
        urls = List.copyOf(urls);
    }
}

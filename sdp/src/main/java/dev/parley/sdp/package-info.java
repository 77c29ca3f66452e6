/**
 * Session descriptions as WebRTC browsers write them and as an ICE-lite SFU answers and offers them. Sans-I/O: text
 * in, values out, values in, text out; nothing here touches a socket, a clock or a random source.
 *
 * <h2>Model</h2>
 * A {@link dev.parley.sdp.SessionDescription} holds session-level lines and attributes and an ordered list of
 * {@link dev.parley.sdp.MediaDescription}s. Every attribute the SFU needs is a typed record with {@code parse} and
 * {@code encode} (one per file: {@link dev.parley.sdp.RtpMap}, {@link dev.parley.sdp.Fmtp},
 * {@link dev.parley.sdp.RtcpFb}, {@link dev.parley.sdp.Extmap}, {@link dev.parley.sdp.SsrcAttribute},
 * {@link dev.parley.sdp.SsrcGroup}, {@link dev.parley.sdp.Msid}, {@link dev.parley.sdp.Rid},
 * {@link dev.parley.sdp.Simulcast}, {@link dev.parley.sdp.Candidate}, {@link dev.parley.sdp.Fingerprint}, ...).
 * ICE and DTLS attributes may stand at either level and are grouped as {@link dev.parley.sdp.TransportParameters};
 * {@link dev.parley.sdp.SessionDescription#transportOf} resolves a section's against the session's. Attributes not
 * modelled are kept verbatim as {@link dev.parley.sdp.Attribute}s, other lines as text, so
 * {@code parse(d.encode()).equals(d)} holds for any parsed {@code d}. Only the order of different attribute kinds
 * within a level is normalised on writing.
 *
 * <h2>Parsing</h2>
 * {@link dev.parley.sdp.SessionDescription#parse} accepts CRLF or LF, skips blank lines, and refuses with a
 * {@link dev.parley.sdp.SdpParseException} (reason and 1-based line) anything malformed: a line not
 * {@code x=value}, a missing {@code v o s t} line, a number out of range, a control character, a repeated singular
 * attribute. {@link dev.parley.sdp.SdpLimits} bound total size, line count and line length before work is done.
 *
 * <h2>Codecs</h2>
 * {@link dev.parley.sdp.Codecs#of} turns a section's rtpmap/fmtp/rtcp-fb lines into {@link dev.parley.sdp.Codec}s,
 * RTX folded into the codec its {@code apt} names. A {@link dev.parley.sdp.CodecPolicy} says what the SFU forwards
 * (Opus and VP8 always; VP9 and H.264 by profile), which RTCP feedback it acts on and which header extensions it
 * understands. {@link dev.parley.sdp.CodecNegotiator} keeps the offered formats compatible with the policy in the
 * offerer's numbering. Two peers number the same codec differently, so the SFU rewrites payload types per
 * subscriber: {@link dev.parley.sdp.PayloadTypes#assign} numbers a track's codecs for a subscriber (reusing the
 * subscriber's own numbers where it has a compatible codec), and {@link dev.parley.sdp.PayloadTypeMap#between} gives
 * the publisher-to-subscriber table the forwarder applies per packet, RTX included.
 *
 * <h2>Building blocks for negotiation</h2>
 * Both directions share one {@link dev.parley.sdp.LocalTransport} per peer (ICE-lite credentials, the DTLS
 * fingerprint, host candidates), written into every section.
 * <ul>
 *   <li>{@link dev.parley.sdp.SfuAnswerBuilder} answers a browser's offer: ICE-lite, {@code a=setup:passive} to
 *       {@code actpass}, BUNDLE echoing the accepted mids, rtcp-mux, codecs and extensions negotiated, directions from
 *       {@link dev.parley.sdp.Direction#answerTo} (by default the SFU only receives), rejected sections with port 0.
 *       It returns the description and a {@link dev.parley.sdp.NegotiatedSection} per offered section.</li>
 *   <li>{@link dev.parley.sdp.SubscriberOfferBuilder} writes the SFU's offer to a subscriber: one
 *       {@link dev.parley.sdp.SubscriberSection} per forwarded track, {@code sendonly} with msid and SSRC lines from a
 *       {@link dev.parley.sdp.ForwardedTrack}, {@code inactive} when idle, port 0 when stopped; sections keep their
 *       mids and order across renegotiations.</li>
 * </ul>
 * Which connection publishes and which subscribes, and when renegotiation happens, is decided by the signaling
 * layer; this package only guarantees that what it writes is something Chrome and Firefox accept.
 *
 * <h2>Threads</h2>
 * Records and {@link dev.parley.sdp.CodecNegotiator} are immutable and thread-safe; builders are not and belong to
 * one session's executor.
 */
package dev.parley.sdp;

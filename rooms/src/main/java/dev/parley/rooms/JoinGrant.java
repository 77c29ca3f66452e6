package dev.parley.rooms;

import java.util.List;

/**
 * What a participant learns on joining or resuming.
 *
 * @param membership  the handle for later operations
 * @param name        the display name after de-duplication
 * @param resumeToken single-use token for {@link RoomRegistry#resume}
 * @param others      the other participants of the room
 * @param chat        the room's recent chat history, oldest first
 * @param topology    how the room's media flows now
 */
public record JoinGrant(Membership membership, String name, String resumeToken, boolean resumed,
                        List<ParticipantView> others, List<ChatMessage> chat, Topology topology) {
}

package dev.parley.signaling;

import dev.parley.rooms.ChatMessage;
import java.util.List;

/**
 * The newest chat messages that fit in {@link #BUDGET_BYTES} once encoded, oldest first, and whether older ones were
 * left out. {@code joined} carries one page and {@code chat-history} pages further back, so no frame grows with the
 * history: 200 messages of 4,096 characters made a 1.6 MB {@code joined}, now at most about 40 KiB of chat.
 *
 * @param messages the page, oldest first
 * @param more     older messages exist beyond it
 */
record ChatPage(List<ChatMessage> messages, boolean more) {

    /**
     * 32 KiB of chat per frame: with a full roster (16 participants, about 200 bytes each), the ICE servers and the
     * fixed fields a {@code joined} stays under 40 KiB, inside the 64 KiB frame clients are promised; and at least
     * one message always fits, since a message is at most 4,096 characters (up to about 24 KiB escaped).
     */
    static final int BUDGET_BYTES = 32 * 1024;

    static ChatPage newest(List<ChatMessage> history, MessageCodec codec) {
        int used = 0;
        int first = history.size();
        while (first > 0) {
            int size = codec.encodedSize(history.get(first - 1));
            if (used + size > BUDGET_BYTES && first < history.size()) {
                break;
            }
            used += size;
            first--;
        }
        return new ChatPage(List.copyOf(history.subList(first, history.size())), first > 0);
    }
}

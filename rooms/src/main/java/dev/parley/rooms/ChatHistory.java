package dev.parley.rooms;

import java.util.ArrayDeque;
import java.util.List;

/** The last {@code capacity} chat messages of a room, oldest first. Not thread-safe: owned by its {@link Room}. */
final class ChatHistory {

    private final int capacity;
    private final ArrayDeque<ChatMessage> messages;

    ChatHistory(int capacity) {
        this.capacity = capacity;
        this.messages = new ArrayDeque<>(Math.min(capacity, 256));
    }

    void add(ChatMessage message) {
        if (capacity == 0) {
            return;
        }
        if (messages.size() == capacity) {
            messages.removeFirst();
        }
        messages.addLast(message);
    }

    List<ChatMessage> snapshot() {
        return List.copyOf(messages);
    }
}

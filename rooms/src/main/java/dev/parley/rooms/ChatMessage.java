package dev.parley.rooms;

/** One chat message as stored in the room's history; {@code ts} is server time in epoch milliseconds. */
public record ChatMessage(String id, String from, String name, String text, long ts) {
}

package dev.parley.rooms;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An endpoint that records what it is given. */
final class RecordingEndpoint implements Endpoint {

    final List<RoomEvent> events = new CopyOnWriteArrayList<>();
    volatile boolean replaced;

    @Override
    public void deliver(RoomEvent event) {
        events.add(event);
    }

    @Override
    public void replaced() {
        replaced = true;
    }

    <T extends RoomEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}

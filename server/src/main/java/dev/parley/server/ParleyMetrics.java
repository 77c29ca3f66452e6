package dev.parley.server;

import dev.parley.signaling.ErrorCode;
import dev.parley.signaling.SignalingObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Parley's Prometheus metrics: signaling messages in/out by type, protocol errors by code, gauges for rooms,
 * participants and WebSocket connections, plus JVM metrics. Thread-safe.
 */
public final class ParleyMetrics implements SignalingObserver, AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> in = new ConcurrentHashMap<>();
    private final Map<String, Counter> out = new ConcurrentHashMap<>();
    private final Map<ErrorCode, Counter> errors = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    /** Strong references to the state of function counters (see {@link #counter}). */
    private final java.util.List<Supplier<Number>> counterSources = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ParleyMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Registers a gauge read at scrape time. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /**
     * Registers a monotonic counter read at scrape time, with optional tag key/value pairs. Micrometer holds a
     * function counter's state object only weakly, so the supplier is kept here for the life of the registry.
     */
    public void counter(String name, String description, Supplier<Number> value, String... tags) {
        counterSources.add(value);
        FunctionCounter.builder(name, value, v -> v.get().doubleValue()).description(description).tags(tags)
                .register(registry);
    }

    @Override
    public void messageIn(String type) {
        in.computeIfAbsent(type, t -> Counter.builder("parley.signaling.messages.in")
                .description("Signaling messages received, by type").tag("type", t).register(registry)).increment();
    }

    @Override
    public void messageOut(String type) {
        out.computeIfAbsent(type, t -> Counter.builder("parley.signaling.messages.out")
                .description("Signaling messages sent, by type").tag("type", t).register(registry)).increment();
    }

    @Override
    public void protocolError(ErrorCode code) {
        errors.computeIfAbsent(code, c -> Counter.builder("parley.signaling.errors")
                .description("Protocol errors sent to clients, by code").tag("code", c.wire()).register(registry))
                .increment();
    }

    @Override
    public void serverClose(int code) {
        closes.computeIfAbsent(code, c -> Counter.builder("parley.signaling.closes")
                .description("Signaling sockets closed by the server, by close code").tag("code", Integer.toString(c))
                .register(registry)).increment();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}

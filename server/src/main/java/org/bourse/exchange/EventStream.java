package org.bourse.exchange;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The engine's events for in-process consumers that may be slow (WebSocket fan-out, the message broker):
 * each subscriber gets its own bounded queue and thread. The engine never waits for them; a subscriber
 * that falls behind loses events (counted and logged), and must resynchronise from a snapshot, as
 * WebSocket clients do on a sequence gap.
 */
@Component
public final class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    /** Delivers every command's events from now on to {@code consumer}, in order, on a thread of its own. */
    public void subscribe(String name, int capacity, Consumer<CommandEvents> consumer) {
        Subscriber subscriber = new Subscriber(name, capacity, consumer);
        subscribers.add(subscriber);
        Thread.ofPlatform().daemon().name("bourse-events-" + name).start(subscriber::run);
    }

    void publish(CommandEvents command) {
        for (Subscriber subscriber : subscribers) {
            subscriber.offer(command);
        }
    }

    void close() {
        subscribers.forEach(Subscriber::close);
    }

    private static final class Subscriber {
        private final String name;
        private final BlockingQueue<CommandEvents> queue;
        private final Consumer<CommandEvents> consumer;
        private final AtomicLong dropped = new AtomicLong();
        private volatile boolean open = true;

        Subscriber(String name, int capacity, Consumer<CommandEvents> consumer) {
            this.name = name;
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.consumer = consumer;
        }

        void offer(CommandEvents command) {
            if (!queue.offer(command) && dropped.incrementAndGet() % 1000 == 1) {
                log.warn("Event subscriber {} is behind; {} commands dropped so far", name, dropped.get());
            }
        }

        void run() {
            while (open) {
                try {
                    CommandEvents next = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        consumer.accept(next);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    log.error("Event subscriber {} failed on an event; it goes on with the next", name, e);
                }
            }
        }

        void close() {
            open = false;
        }
    }
}

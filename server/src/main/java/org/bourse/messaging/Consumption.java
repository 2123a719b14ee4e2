package org.bourse.messaging;

/** One delivery to one consumer, in the caller's transaction: passed over when unwanted or already processed. */
final class Consumption {

    private Consumption() {
    }

    static void handle(ConsumedMessages consumed, IntegrationEventConsumer consumer, String eventType,
                       String messageId, String payload) {
        if (eventType == null || !consumer.accepts(eventType)) {
            return;
        }
        if (consumed.firstTime(consumer.queue(), messageId)) {
            consumer.accept(EventJson.read(payload));
        }
    }
}

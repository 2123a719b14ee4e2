package org.bourse.messaging;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The wire form of {@link IntegrationEvent}: JSON with snake_case names, every field present (null when unset). */
final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private EventJson() {
    }

    static String write(IntegrationEvent event) {
        return MAPPER.writeValueAsString(event);
    }

    /** @throws IntegrationEventConsumer.PermanentEventFailure when the text is not an integration event */
    static IntegrationEvent read(String json) {
        try {
            IntegrationEvent event = MAPPER.readValue(json, IntegrationEvent.class);
            if (event.messageId() == null || event.eventType() == null) {
                throw new IntegrationEventConsumer.PermanentEventFailure("message_id and event_type are required");
            }
            return event;
        } catch (JacksonException e) {
            throw new IntegrationEventConsumer.PermanentEventFailure("not an integration event: " + e.getOriginalMessage());
        }
    }
}

package org.bourse.exchange;

import java.util.List;

import org.bourse.engine.Result;
import org.bourse.engine.command.Command;

/** One command as the engine applied it, with everything it caused, in order. */
public record CommandEvents(long sequence, long timestamp, Command command, Result result, List<ExchangeEvent> events) {

    public String traceId() {
        return command.traceId();
    }
}

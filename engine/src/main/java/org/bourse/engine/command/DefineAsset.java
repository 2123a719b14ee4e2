package org.bourse.engine.command;

/** Makes an asset known with its precision ({@code scale} decimal places). Repeating it identically is a no-op. */
public record DefineAsset(String code, int scale, String traceId) implements Command {
}

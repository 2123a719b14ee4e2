package org.bourse.engine;

/**
 * Engine-wide settings. They are part of what makes a replay identical, so a journal must be replayed with
 * the configuration it was written under (the snapshot records it).
 *
 * @param slippagePpm          how far from its quoted price a market order may trade, in parts per million
 *                             (50 000 = 5 %); also bounds stop-market orders around their stop price
 * @param idempotencyRetention how long, in the timestamps' unit (ms), transaction ids and client order ids
 *                             are remembered for deduplication
 */
public record EngineConfig(long slippagePpm, long idempotencyRetention) {

    public static final EngineConfig DEFAULT = new EngineConfig(50_000, 7L * 24 * 3600 * 1000);

    public EngineConfig {
        if (slippagePpm < 0 || slippagePpm >= Money.PPM) {
            throw new IllegalArgumentException("slippage must be in [0, 100%): " + slippagePpm + " ppm");
        }
        if (idempotencyRetention <= 0) {
            throw new IllegalArgumentException("idempotency retention must be positive");
        }
    }
}

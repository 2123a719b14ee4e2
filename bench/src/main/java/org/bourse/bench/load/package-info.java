/**
 * The end-to-end load generator: drives a running server over its public HTTP API in a closed or open loop,
 * reports throughput and latency per request kind, and checks the run's correctness; and the WebSocket
 * fan-out benchmark ({@code Fanout*}), which reuses its setup and order flow to keep one market busy while
 * many subscribers listen. See BENCHMARKS.md.
 */
package org.bourse.bench.load;

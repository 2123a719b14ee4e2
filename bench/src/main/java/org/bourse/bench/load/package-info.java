/**
 * The end-to-end load generator: drives a running server over its public HTTP API in a closed or open loop,
 * reports throughput and latency per request kind, and checks the run's correctness. See BENCHMARKS.md.
 */
package org.bourse.bench.load;

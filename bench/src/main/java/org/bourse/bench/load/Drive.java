package org.bourse.bench.load;

/**
 * How a drive went: the measured time the throughput is divided by, and for the open loop the arrivals
 * shed because too many were still waiting for an answer, and the scheduler's worst lateness.
 */
record Drive(double measuredSeconds, long shed, long worstDispatchLagNanos) {
}

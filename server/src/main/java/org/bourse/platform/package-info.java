/**
 * Cross-cutting HTTP behaviour every module reuses: problem+json errors, request ids, rate limits,
 * the JWT security chain, the clock and the data directory. Modules use its public types only.
 */
package org.bourse.platform;

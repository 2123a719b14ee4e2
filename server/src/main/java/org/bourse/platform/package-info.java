/**
 * Cross-cutting HTTP behaviour every module reuses: problem+json errors, request ids, rate limits,
 * JWT access to the API (one filter), the clock and the data directory. Modules use its public types only.
 */
package org.bourse.platform;

package org.bourse.identity;

/** {@link RequestBodyScenarios} against the embedded default, H2. */
class EmbeddedRequestBodyTest extends RequestBodyScenarios {
}

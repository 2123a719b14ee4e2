package org.bourse.identity;

/** {@link TokenScenarios} against the embedded default, H2. */
class EmbeddedTokenTest extends TokenScenarios {
}

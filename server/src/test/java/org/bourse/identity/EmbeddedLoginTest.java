package org.bourse.identity;

/** {@link LoginScenarios} against the embedded default, H2. */
class EmbeddedLoginTest extends LoginScenarios {
}

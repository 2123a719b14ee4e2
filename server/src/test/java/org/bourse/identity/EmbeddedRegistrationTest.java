package org.bourse.identity;

/** {@link RegistrationScenarios} against the embedded default, H2. */
class EmbeddedRegistrationTest extends RegistrationScenarios {
}

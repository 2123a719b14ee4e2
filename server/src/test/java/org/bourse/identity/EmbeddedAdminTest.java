package org.bourse.identity;

/** {@link AdminScenarios} against the embedded default, H2. */
class EmbeddedAdminTest extends AdminScenarios {
}

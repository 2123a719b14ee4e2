package org.bourse.notify;

/** {@link NotifyScenarios} on the embedded default: H2. */
class EmbeddedNotifyTest extends NotifyScenarios {
}

package org.bourse.trading;

/** {@link OrderScenarios} on the embedded default: H2 read models. */
class EmbeddedOrderTest extends OrderScenarios {
}

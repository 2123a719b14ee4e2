package org.bourse.portfolio;

/** {@link PortfolioScenarios} on the embedded default: H2 read models. */
class EmbeddedPortfolioTest extends PortfolioScenarios {
}

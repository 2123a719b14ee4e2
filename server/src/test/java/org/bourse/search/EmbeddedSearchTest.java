package org.bourse.search;

/** {@link SearchScenarios} on the embedded default: H2 index, the cache in this process only. */
class EmbeddedSearchTest extends SearchScenarios {
}

/**
 * The engine inside the server: starts and stops the journaled engine runtime, submits commands, turns the
 * engine's callbacks into immutable events, keeps the live views that must be read-your-writes (orders just
 * changed, balances, markets), and projects every event exactly once into the SQL read models that the
 * domain modules own (through {@link org.bourse.exchange.Projection}).
 */
package org.bourse.exchange;

/**
 * Demo liquidity ({@code BOURSE_DEMO}): a market maker quoting a ladder around a simulated reference price on
 * every demo market, and a taker trading against it now and then, both ordinary users trading through the
 * engine's commands like anyone, so a fresh exchange shows a live book, trades and candles.
 */
package org.bourse.demo;

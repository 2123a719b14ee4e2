/**
 * Seed 000's portfolio: per user and asset the FIFO cost-basis lots, weighted average price, realized P&L and fees,
 * kept from the engine's fills and cash flows ({@link org.bourse.portfolio.PortfolioProjection}); valuation at the
 * exchange's own prices, the 15-minute snapshots and the 30+ metrics. Owns the {@code portfolio_*} tables.
 */
package org.bourse.portfolio;

/**
 * The audit (seed 002's recovery, seed 000's audit API): periodic reconciliation of the ledger against the
 * balances, per asset, and the trail of order events for administrators.
 */
package org.bourse.audit;

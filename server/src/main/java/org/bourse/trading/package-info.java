/**
 * Orders over HTTP (seed 000's Compra-Venta, seed 001's order book API): create pending or execute at once,
 * execute, cancel, read, list, fills. Owns the {@code orders} and {@code fills} read models.
 */
package org.bourse.trading;

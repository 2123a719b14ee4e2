/**
 * Order search (seed 000's "Búsqueda de ordenes"): every filter and sort of API.md's "Order search" over an
 * indexed SQL read model of its own ({@code order_search}), in front of it a two-level cache (Caffeine in the
 * process, Redis when configured) invalidated per user whenever the user's orders change.
 */
package org.bourse.search;

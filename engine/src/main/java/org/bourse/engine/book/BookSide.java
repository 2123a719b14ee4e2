package org.bourse.engine.book;

import java.util.Arrays;

/**
 * One side of a book: price levels kept in an array sorted so that the best price is the last element.
 * Nearly all activity is near the top of the book, so inserting or removing a level moves few elements,
 * and finding the best level is one array read. Lookup by price is a binary search.
 */
public final class BookSide {

    private final boolean bids;
    private PriceLevel[] levels = new PriceLevel[64];
    private int count;

    BookSide(boolean bids) {
        this.bids = bids;
    }

    public boolean isBids() {
        return bids;
    }

    /** 0 when the side is empty. */
    public long bestPrice() {
        return count == 0 ? 0 : levels[count - 1].price;
    }

    public PriceLevel best() {
        return count == 0 ? null : levels[count - 1];
    }

    public int levelCount() {
        return count;
    }

    /** The {@code depth}-th level from the best (0 = best). */
    public PriceLevel level(int depth) {
        return levels[count - 1 - depth];
    }

    public PriceLevel levelAt(long price) {
        int i = search(price);
        return i >= 0 ? levels[i] : null;
    }

    /** True when {@code price} is at least as good as {@code than} for this side (higher for bids, lower for asks). */
    public boolean isBetterOrEqual(long price, long than) {
        return bids ? price >= than : price <= than;
    }

    /** Appends the order at its price, behind the orders already there. @return the level */
    public PriceLevel add(Order order) {
        int i = search(order.price);
        PriceLevel level;
        if (i >= 0) {
            level = levels[i];
        } else {
            level = new PriceLevel(order.price);
            insertAt(-i - 1, level);
        }
        level.append(order);
        return level;
    }

    /** Records a fill of a resting order: its level's aggregate shrinks by {@code quantity}. */
    public void filled(Order order, long quantity) {
        order.level.totalQuantity -= quantity;
        order.filled += quantity;
    }

    /** Takes the order out of the book (filled, cancelled). @return its former level, possibly now empty and gone */
    public PriceLevel remove(Order order) {
        PriceLevel level = order.level;
        level.totalQuantity -= order.remaining();
        level.unlink(order);
        if (level.isEmpty()) {
            removeLevel(level.price);
        }
        return level;
    }

    /** Ascending order of "goodness": for bids ascending price, for asks descending price. */
    private int search(long price) {
        int low = 0;
        int high = count - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long midPrice = levels[mid].price;
            if (midPrice == price) {
                return mid;
            }
            boolean midWorse = bids ? midPrice < price : midPrice > price;
            if (midWorse) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return -(low + 1);
    }

    private void insertAt(int index, PriceLevel level) {
        if (count == levels.length) {
            levels = Arrays.copyOf(levels, count * 2);
        }
        System.arraycopy(levels, index, levels, index + 1, count - index);
        levels[index] = level;
        count++;
    }

    private void removeLevel(long price) {
        int i = search(price);
        System.arraycopy(levels, i + 1, levels, i, count - i - 1);
        levels[--count] = null;
    }
}

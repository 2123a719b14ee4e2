package org.bourse.engine.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A hand-off between threads with a fixed capacity and a closed state. Closing is part of the queue, under
 * its lock, so an item is either accepted before the close (and the consumer will see it) or refused: no
 * item can slip in after the consumer's last drain and wait forever.
 */
final class BoundedQueue<T> {

    enum Offer { ACCEPTED, FULL, CLOSED }

    private final String name;
    private final Object[] items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private int head;
    private int count;
    private boolean closed;

    BoundedQueue(String name, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException(name + " needs a positive capacity");
        }
        this.name = name;
        this.items = new Object[capacity];
    }

    /** Never blocks. */
    Offer offer(T item) {
        lock.lock();
        try {
            if (closed) {
                return Offer.CLOSED;
            }
            if (count == items.length) {
                return Offer.FULL;
            }
            enqueue(item);
            return Offer.ACCEPTED;
        } finally {
            lock.unlock();
        }
    }

    /** Waits while the queue is full. @return false, without adding, when the queue is closed */
    boolean put(T item) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (count == items.length && !closed) {
                notFull.await();
            }
            if (closed) {
                return false;
            }
            enqueue(item);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for at least one item, then moves up to {@code max} into {@code into}, oldest first.
     * @return how many were moved; 0 only when the queue is closed and empty
     */
    int drainTo(List<? super T> into, int max) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (count == 0 && !closed) {
                notEmpty.await();
            }
        } finally {
            lock.unlock();
        }
        return drainAvailable(into, max);
    }

    /** Moves up to {@code max} items into {@code into} without waiting. @return how many */
    int drainAvailable(List<? super T> into, int max) {
        lock.lock();
        try {
            int n = Math.min(max, count);
            for (int i = 0; i < n; i++) {
                into.add(dequeue());
            }
            if (n > 0) {
                notFull.signalAll();
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new items from now on; those already in stay to be drained. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the queue and takes what is left in it, for the consumer that will not drain it any more. */
    List<T> closeAndTakeAll() {
        lock.lock();
        try {
            close();
            List<T> left = new ArrayList<>(count);
            while (count > 0) {
                left.add(dequeue());
            }
            notFull.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private T dequeue() {
        @SuppressWarnings("unchecked") T item = (T) items[head];
        items[head] = null;
        head = (head + 1) % items.length;
        count--;
        return item;
    }

    private void enqueue(T item) {
        items[(head + count) % items.length] = item;
        count++;
        notEmpty.signal();
    }
}

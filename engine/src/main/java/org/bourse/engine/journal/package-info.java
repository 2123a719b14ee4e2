/**
 * Durability for the engine: the write-ahead journal of commands (segment files, checksummed records, group
 * commit), snapshots of the whole engine state, and recovery from the newest good snapshot plus the journal
 * after it. Plain JDK file I/O; no thread of its own.
 */
package org.bourse.engine.journal;

package org.bourse.exchange;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure that says nothing about the events being written (the database unreachable, a lock or
 * statement timeout, a connection lost mid-commit) from one that may be the events' own doing (a constraint
 * they break, a bug in a projection). The first kind is retried until it clears and never quarantines
 * anything; the second is retried a few times, then the batch is taken apart to find the command that fails
 * alone (see {@link Projector}).
 */
final class ProjectionFailure {

    private ProjectionFailure() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

    /** One line for logs and the quarantine: the exception types and messages down the cause chain. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 1_500; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage().replaceAll("\\s+", " "));
            }
        }
        return text.length() > 2_000 ? text.substring(0, 2_000) : text.toString();
    }
}

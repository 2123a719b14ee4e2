/**
 * The engine as a running service: {@link org.bourse.engine.runtime.EngineRuntime} sequences, journals and
 * applies commands on its own threads and answers each with a future once the command is durable. The
 * server talks to the engine only through it.
 */
package org.bourse.engine.runtime;

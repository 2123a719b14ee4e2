package org.bourse.bench.engine;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.bourse.engine.Engine;
import org.bourse.engine.EngineListener;
import org.bourse.engine.OrderKind;
import org.bourse.engine.Result;
import org.bourse.engine.Side;
import org.bourse.engine.TimeInForce;
import org.bourse.engine.command.CancelOrder;
import org.bourse.engine.command.PlaceOrder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's basic operations on books about 40 000 orders deep (the {@link Workload}'s steady state),
 * each leaving the state as it found it so that any number of invocations measure the same thing:
 * a passive order placed and cancelled, and a trade (a resting order and the order that takes it).
 *
 * <pre>java -jar bench/target/bourse-bench.jar EngineBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class EngineBenchmark {

    private Engine engine;
    private long sequence;
    private long clock;
    private final SplittableRandom random = new SplittableRandom(7);
    private long bestBid;
    private long bestAsk;
    private boolean flip;

    @Setup(Level.Trial)
    public void setUp() {
        Workload workload = Workload.generate(200_000, 2_000, 42);
        engine = workload.freshEngine(EngineListener.NONE);
        List<Workload.Stamped> commands = workload.commands();
        for (Workload.Stamped s : commands) {
            engine.apply(s.sequence(), s.timestamp(), s.command());
        }
        Workload.Stamped last = commands.getLast();
        sequence = last.sequence();
        clock = last.timestamp();
        bestBid = engine.market("BTC-USD").bestBid();
        bestAsk = engine.market("BTC-USD").bestAsk();
    }

    /** A passive limit order somewhere in the top hundred levels, then its cancel: two commands. */
    @Benchmark
    public Result placeAndCancelPassive() {
        boolean buy = random.nextBoolean();
        long price = buy ? bestBid - random.nextInt(100) : bestAsk + random.nextInt(100);
        Result placed = engine.apply(++sequence, ++clock, new PlaceOrder(11, null, "BTC-USD", buy ? Side.BUY : Side.SELL,
                OrderKind.LIMIT, TimeInForce.GTC, false, price, 0, 5_000, 0, true, null));
        return engine.apply(++sequence, ++clock, new CancelOrder(11, placed.orderId(), null));
    }

    /** A resting order inside the spread and the opposite order that takes it: two commands, one trade. */
    @Benchmark
    public Result restThenTake() {
        flip = !flip; // alternate directions so both users' balances swing back and forth
        long price = (bestBid + bestAsk) / 2;
        Side maker = flip ? Side.SELL : Side.BUY;
        engine.apply(++sequence, ++clock, new PlaceOrder(21, null, "BTC-USD", maker, OrderKind.LIMIT, TimeInForce.GTC,
                false, price, 0, 5_000, 0, true, null));
        return engine.apply(++sequence, ++clock, new PlaceOrder(22, null, "BTC-USD", maker.opposite(), OrderKind.LIMIT,
                TimeInForce.IOC, false, price, 0, 5_000, 0, true, null));
    }
}

package org.bourse.engine.journal;

import java.util.ArrayList;
import java.util.List;

import org.bourse.engine.command.Command;
import org.bourse.engine.command.HoldWithdrawal;
import org.bourse.engine.command.OpenFundedAccount;
import org.bourse.engine.command.ReleaseWithdrawal;
import org.bourse.engine.command.SettleWithdrawal;

/**
 * The commands the golden files of journal format 2 and snapshot format 2 ({@code src/test/resources/golden/v2/})
 * were written from: version 1's script with the commands format 2 added (withdrawal holds, and accounts
 * opened with their opening balance) where they do something, so that the snapshot holds a withdrawal hold,
 * the state format 2 added. Version 1's commands keep their meaning and their order around them.
 *
 * <p>Never change the meaning of anything here: the files hold exactly these values.
 */
final class GoldenJournalV2 {

    static final long ERIN = 5;
    static final long FRANK = 6;
    /** Version 1's snapshot point, moved on by the commands inserted before it. */
    static final int SNAPSHOT_AFTER = GoldenJournalV1.SNAPSHOT_AFTER + 6;

    private GoldenJournalV2() {
    }

    static GoldenScript script() {
        return new GoldenScript("v2", 2, 2, GoldenJournalV1.CONFIG, commands(), GoldenJournalV1::timestamp,
                SNAPSHOT_AFTER);
    }

    static List<Command> commands() {
        List<Command> v1 = GoldenJournalV1.commands();
        List<Command> all = new ArrayList<>(v1.subList(0, GoldenJournalV1.SNAPSHOT_AFTER));
        all.addAll(List.of(
                new OpenFundedAccount(ERIN, "USD", 10_000_000, "trace-open"),
                new OpenFundedAccount(ERIN, "USD", 10_000_000, null), // opened before: nothing again, for ever
                new OpenFundedAccount(FRANK, "BTC", 0, null),         // an empty account
                new HoldWithdrawal("wd-1", ERIN, "USD", 1_000_000, 500, "trace-hold"), // still held at the snapshot
                new HoldWithdrawal("wd-2", ERIN, "USD", 2_000_000, 500, null),
                new ReleaseWithdrawal("wd-2", ERIN, "trace-release")));
        all.addAll(v1.subList(GoldenJournalV1.SNAPSHOT_AFTER, v1.size()));
        all.addAll(List.of(
                new SettleWithdrawal("wd-1", ERIN, "0x5e771ed", "trace-settle"),   // the hold restored from the snapshot
                new SettleWithdrawal("wd-1", ERIN, "0x5e771ed", null),             // a replay
                new HoldWithdrawal("wd-3", ERIN, "USD", 100_000_000, 0, null),     // more than Erin has: refused
                new ReleaseWithdrawal("wd-unknown", ERIN, null)));                 // nothing held under it
        return all;
    }
}

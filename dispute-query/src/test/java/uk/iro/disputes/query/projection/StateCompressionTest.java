package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;

/**
 * A dispute row's state is text, compressed with lz4 where the server has it (migrations V9 and V10, issue 8): the
 * fold as the projection wrote it, which nothing queries inside.
 */
class StateCompressionTest extends QueryServiceTest {

    @Test
    void aLargeStateIsWrittenWithLz4() {
        assumeThat(jdbc.sql("SELECT count(*) FROM pg_settings WHERE name = 'default_toast_compression'"
                + " AND 'lz4' = ANY(enumvals)").query(Long.class).single()).as("a server built with lz4").isOne();
        Ladder d = ladder("durham").raise(Track.INFORMAL);
        // A long response makes the state long enough to be compressed.
        d.respond(StaffReference.of("sw-41", Role.SOCIAL_WORKER), "Seen and planned. ".repeat(200));
        awaitProjected(d);

        assertThat(jdbc.sql("SELECT pg_column_compression(state) FROM disputes_query.dispute WHERE dispute_id = :id")
                .param("id", d.idValue()).query(String.class).single()).isEqualTo("lz4");
    }

    @Test
    void theStateIsKeptAsTextAndReadsBackAsTheFold() {
        assertThat(jdbc.sql("SELECT data_type FROM information_schema.columns WHERE table_schema = 'disputes_query'"
                + " AND table_name = 'dispute' AND column_name = 'state'").query(String.class).single())
                .isEqualTo("text");
        Ladder d = ladder("durham").raise(Track.INFORMAL);
        d.respond(StaffReference.of("sw-41", Role.SOCIAL_WORKER), "Seen and planned.");
        awaitProjected(d);

        String state = jdbc.sql("SELECT state FROM disputes_query.dispute WHERE dispute_id = :id")
                .param("id", d.idValue()).query(String.class).single();
        assertThat(StateJson.read(state)).isEqualTo(d.state());
    }
}

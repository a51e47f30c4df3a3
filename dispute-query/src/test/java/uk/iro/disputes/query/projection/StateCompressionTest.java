package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;

/** A dispute row's state is compressed with lz4 where the server has it (migration V9, issue 8). */
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
}

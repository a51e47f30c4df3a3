package uk.iro.disputes.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.iro.disputes.command.api.CommandServiceTest;
import uk.iro.disputes.command.api.Requests;
import uk.iro.disputes.command.api.TestTokens;
import uk.iro.disputes.kernel.audit.HashChain;

/** A ladder walked over HTTP leaves an intact chain; changing or removing anything stored breaks it. */
class HashChainInStoreTest extends CommandServiceTest {
    @Autowired
    StoredChain chain;

    private String walkedLadder() {
        String iro = TestTokens.token("iro-17", IRO);
        String id = api.post("/api/v1/disputes", iro, Requests.raiseWakefieldFormally("CASE-H1")).disputeId();
        api.post("/api/v1/disputes/" + id + "/respond", TestTokens.token("sm-5", SENIOR_MANAGER),
                Requests.respond("stage-1"));
        api.post("/api/v1/disputes/" + id + "/escalate", iro, Requests.escalate("stage-1"));
        api.post("/api/v1/disputes/" + id + "/respond", TestTokens.token("sm-6", SENIOR_MANAGER),
                Requests.respond("stage-2"));
        api.post("/api/v1/disputes/" + id + "/resolve", iro, Requests.resolve());
        return id;
    }

    @Test
    void aWalkedLadderVerifiesAcrossCommands() {
        String id = walkedLadder();
        assertThat(chain.read(id)).hasSize(8);
        assertThat(chain.verify(id)).isEmpty();
        assertThat(chain.read(id).get(0).previousHash()).isEqualTo(HashChain.GENESIS);
    }

    /**
     * The events one command records share one instant, the first's, and are chained with it: the read models' views
     * as of an instant never show a command half applied (issue 8). Axon alone stamps each as it is applied.
     */
    @Test
    void theEventsOfOneCommandAreStoredAtOneInstant() {
        String id = walkedLadder();
        java.util.List<java.util.Map<String, Object>> commands = jdbc.sql("""
                        SELECT convert_from(metadata, 'UTF8')::jsonb ->> 'causationId' AS command,
                               count(*) AS events, count(DISTINCT timestamp) AS instants, min(timestamp) AS at,
                               min(sequencenumber) AS first
                        FROM domainevententry WHERE aggregateidentifier = :id
                        GROUP BY 1 ORDER BY first""")
                .param("id", id).query().listOfRows();
        assertThat(commands).as("five commands").hasSize(5);
        assertThat(commands).allSatisfy(c -> assertThat(((Number) c.get("instants")).longValue()).as(c.toString())
                .isEqualTo(1));
        assertThat(commands).anySatisfy(c -> assertThat(((Number) c.get("events")).longValue()).isGreaterThan(1));
        assertThat(commands).extracting(c -> (String) c.get("at")).isSorted().doesNotHaveDuplicates();
        assertThat(chain.verify(id)).isEmpty();
    }

    @Test
    void changingOneStoredByteOfAPayloadBreaksTheChainAtThatEvent() {
        String id = walkedLadder();
        // Flip one byte of the response text inside event 3's JSON: 'F' of "Family" becomes 'G'.
        int changed = jdbc.sql("""
                        UPDATE domainevententry
                        SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'Family finding referral',
                                                         'Gamily finding referral'), 'UTF8')
                        WHERE aggregateidentifier = :id AND sequencenumber = 3""")
                .param("id", id).update();
        assertThat(changed).isEqualTo(1);

        assertThat(chain.verify(id)).get().satisfies(b -> {
            assertThat(b.sequence()).isEqualTo(3);
            assertThat(b.kind()).isEqualTo(HashChain.Break.Kind.CHANGED);
        });
    }

    @Test
    void changingWhoActedOrWhenBreaksTheChain() {
        String id = walkedLadder();
        jdbc.sql("""
                        UPDATE domainevententry
                        SET metadata = convert_to(replace(convert_from(metadata, 'UTF8'), '"sm-5"', '"sm-9"'), 'UTF8')
                        WHERE aggregateidentifier = :id AND sequencenumber = 3""")
                .param("id", id).update();
        assertThat(chain.verify(id)).get().extracting(HashChain.Break::sequence).isEqualTo(3L);

        String other = walkedLadder();
        jdbc.sql("UPDATE domainevententry SET timestamp = '2020-01-01T00:00:00Z' "
                + "WHERE aggregateidentifier = :id AND sequencenumber = 5").param("id", other).update();
        assertThat(chain.verify(other)).get().extracting(HashChain.Break::sequence).isEqualTo(5L);
    }

    @Test
    void removingAnEventIsFoundAsMissing() {
        String id = walkedLadder();
        jdbc.sql("DELETE FROM domainevententry WHERE aggregateidentifier = :id AND sequencenumber = 4")
                .param("id", id).update();
        assertThat(chain.verify(id)).get().satisfies(b -> {
            assertThat(b.sequence()).isEqualTo(4);
            assertThat(b.kind()).isEqualTo(HashChain.Break.Kind.MISSING);
        });
    }
}

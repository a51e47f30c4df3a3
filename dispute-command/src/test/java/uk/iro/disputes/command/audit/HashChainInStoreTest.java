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

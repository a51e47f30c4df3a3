package uk.iro.disputes.command.application;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;
import uk.iro.disputes.command.audit.AuditMetadata;

/**
 * Passes the caller's If-Match version to Axon's repository, which then refuses the command if another writer
 * moved the dispute on between our check and the append (two requests racing with the same If-Match).
 */
@Component("expectedVersionTargetResolver")
public class ExpectedVersionTargetResolver implements CommandTargetResolver {
    private final CommandTargetResolver annotations = AnnotationCommandTargetResolver.builder().build();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        VersionedAggregateIdentifier target = annotations.resolveTarget(command);
        Object expected = command.getMetaData().get(AuditMetadata.EXPECTED_VERSION);
        if (expected == null) {
            return target;
        }
        return new VersionedAggregateIdentifier(target.getIdentifierValue(), Long.valueOf(expected.toString()));
    }
}

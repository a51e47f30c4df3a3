package uk.iro.disputes.command.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.IncompatibleAggregateException;

/**
 * Creates an empty aggregate with its no-argument constructor, ready for its events to be applied; nothing else.
 *
 * <p>Axon's Spring default creates each aggregate as a prototype bean, which runs Spring's whole bean life cycle
 * (post-processors, configuration-properties checks) on every load of every stream: a tenth of a scheduler's
 * deadline command in a profile (issue 8). Our aggregates take their collaborators as handler parameters, never
 * injected into fields, so there is nothing for Spring to do. Axon's own {@code GenericAggregateFactory} would
 * inspect the aggregate's handlers without Spring's parameter resolvers, and refuse them. This service takes no
 * snapshots ({@link CommandStorageEngine}), so the first event is never one.
 */
public final class ConstructorAggregateFactory<T> implements AggregateFactory<T> {
    private final Class<T> type;
    private final Constructor<T> constructor;

    public ConstructorAggregateFactory(Class<T> type) {
        this.type = type;
        try {
            this.constructor = type.getDeclaredConstructor();
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IncompatibleAggregateException(type.getName() + " needs a no-argument constructor", e);
        }
    }

    @Override
    public T createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
        try {
            return constructor.newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IncompatibleAggregateException("could not create " + type.getName(), e);
        }
    }

    @Override
    public Class<T> getAggregateType() {
        return type;
    }
}

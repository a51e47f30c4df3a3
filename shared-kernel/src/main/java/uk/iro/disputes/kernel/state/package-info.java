/**
 * The one meaning of "the state of a dispute": a pure fold over its events, used by the aggregate, the query
 * side's current view and every as-of view.
 */
package uk.iro.disputes.kernel.state;

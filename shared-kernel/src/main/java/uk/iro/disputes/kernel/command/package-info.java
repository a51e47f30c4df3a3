/**
 * What callers ask of a dispute, in the imperative. Every command names who asks ({@code actor}: staff id and
 * role, taken from the caller's token by the API) because some rules of the process depend on who acts.
 */
package uk.iro.disputes.kernel.command;

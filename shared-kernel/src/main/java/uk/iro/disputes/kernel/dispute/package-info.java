/** The dispute's value types: identities, people by reference and role, categories, tracks and outcomes. */
package uk.iro.disputes.kernel.dispute;

/**
 * The executor specification: everything that produced a number, captured from the
 * machine. A number without it is a vendor number.
 */
package dev.assay.api.spec;

/**
 * Argument validation with one phrasing for the whole library: every rejected value is named, with the limit it
 * broke and what to do instead ({@link org.perflab.check.Require}).
 */
package org.perflab.check;

/**
 * The compliance officer's console: server-rendered pages (Qute) over the same state and services as
 * the REST API, at {@code /} and {@code /console/*}. Assets are in the jar ({@code /assets}); no CDN.
 */
package io.dualuse.screening.api.console;

package io.dualuse.screening.core.license;

/** A licence was registered, changed or deleted ({@code license} null then); open holds may clear. */
public record LicenseChanged(String licenseNumber, License license, License previous, String actor) {
}

package io.dualuse.screening.core.order;

/**
 * A party to the order. Not every field applies to every role: the exporter has an id, the end
 * user a type, intermediaries a role (freight forwarder, distributor...).
 */
public record Party(String id, String name, String country, EndUserType type, String role) {

    public static Party of(String name, String country) {
        return new Party(null, name, country, null, null);
    }
}

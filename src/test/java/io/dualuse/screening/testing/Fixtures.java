package io.dualuse.screening.testing;

import io.dualuse.screening.core.order.ElementContent;
import io.dualuse.screening.core.order.EndUse;
import io.dualuse.screening.core.order.EndUseCategory;
import io.dualuse.screening.core.order.EndUserType;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.order.OrderLine;
import io.dualuse.screening.core.order.Party;
import io.dualuse.screening.core.rules.Ruleset;
import io.dualuse.screening.core.rules.RulesetLoader;
import io.dualuse.screening.core.screening.Screener;
import io.dualuse.screening.core.screening.ScreeningPolicy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Builders for test orders and the shipped seed ruleset, so each test states only what it is about. */
public final class Fixtures {

    public static final String SEED = "rulesets/cn-dual-use.yaml";
    public static final Ruleset SEED_RULESET = new RulesetLoader().loadResource(SEED);
    public static final Clock TODAY = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

    private Fixtures() {
    }

    /**
     * A screener of the seed ruleset that screens every order at its export date as given: the rule
     * tests date their orders on either side of the announcements' dates, whatever day they run.
     */
    public static Screener screener() {
        return new Screener(SEED_RULESET, ScreeningPolicy.defaults().asOfExportDate(), TODAY);
    }

    public static OrderBuilder order() {
        return new OrderBuilder();
    }

    public static OrderLine line(int no, String description, String code, String quantity, String unit,
                                 ElementContent... composition) {
        return new OrderLine(no, "SKU-" + no, description, code, null, "CN", new BigDecimal(quantity), unit,
                List.of(composition));
    }

    public static ElementContent el(String element, String percent) {
        return ElementContent.of(element, percent);
    }

    /** A civil order from a Chinese exporter to a German commercial customer; tests change what they need. */
    public static final class OrderBuilder {
        private String orderId = "ORD-1";
        private long version = 1;
        private LocalDate exportDate = LocalDate.parse("2026-03-02");
        private Party exporter = new Party("EXP-001", "Ganzhou Rare Earth Trading Co., Ltd.", "CN", null, null);
        private String consigneeCountry = "DE";
        private String consigneeName = "Consignee Ltd";
        private String endUserName = "Bavaria Motors GmbH";
        private String endUserCountry = "DE";
        private EndUserType endUserType = EndUserType.COMMERCIAL;
        private EndUseCategory endUse = EndUseCategory.CIVIL;
        private String endUseText = "traction motors for passenger cars";
        private final List<Party> intermediaries = new ArrayList<>();
        private String shipFrom = "CN";
        private String shipTo = "DE";
        private String finalDestination = "DE";
        private final List<OrderLine> lines = new ArrayList<>();
        private final List<String> licenseNumbers = new ArrayList<>();

        public OrderBuilder id(String id) { this.orderId = id; return this; }
        public OrderBuilder version(long v) { this.version = v; return this; }
        public OrderBuilder exportDate(String d) { this.exportDate = LocalDate.parse(d); return this; }
        public OrderBuilder from(String country) { this.shipFrom = country; return this; }

        /** Sets ship-to, consignee, end user and final destination to one country. */
        public OrderBuilder to(String country) {
            shipTo = consigneeCountry = endUserCountry = finalDestination = country;
            return this;
        }

        public OrderBuilder consignee(String name) { this.consigneeName = name; return this; }
        public OrderBuilder shipTo(String country) { this.shipTo = country; this.consigneeCountry = country; return this; }
        public OrderBuilder finalDestination(String country) { this.finalDestination = country; this.endUserCountry = country; return this; }
        public OrderBuilder endUser(String name, EndUserType type) { this.endUserName = name; this.endUserType = type; return this; }
        public OrderBuilder endUse(EndUseCategory category, String text) { this.endUse = category; this.endUseText = text; return this; }
        public OrderBuilder intermediary(String name, String country) { intermediaries.add(new Party(null, name, country, null, "FORWARDER")); return this; }
        public OrderBuilder line(OrderLine l) { lines.add(l); return this; }
        public OrderBuilder license(String number) { licenseNumbers.add(number); return this; }
        public OrderBuilder exporterId(String id) { exporter = new Party(id, exporter.name(), exporter.country(), null, null); return this; }

        public Order build() {
            return new Order(orderId, version, exportDate, exporter, Party.of(consigneeName, consigneeCountry),
                    new Party(null, endUserName, endUserCountry, endUserType, null), new EndUse(endUse, endUseText),
                    intermediaries, shipFrom, shipTo, finalDestination, lines, licenseNumbers);
        }
    }
}

package io.dualuse.screening.bench;

import io.dualuse.screening.core.license.InMemoryLicenseRegistry;
import io.dualuse.screening.core.license.License;
import io.dualuse.screening.core.license.LicenseStatus;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.parties.PartyListLoader;
import io.dualuse.screening.core.rules.Ruleset;
import io.dualuse.screening.core.rules.RulesetLoader;
import io.dualuse.screening.core.screening.Screener;
import io.dualuse.screening.core.screening.ScreeningPolicy;
import io.dualuse.screening.order.event.ElementContent;
import io.dualuse.screening.order.event.EndUse;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.order.event.OrderLine;
import io.dualuse.screening.order.event.Party;
import io.dualuse.screening.wire.OrderEvents;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A reproducible, realistic screening workload built from a seeded {@link Random}: the seed ruleset,
 * a licence registry, and orders as a logistics platform sends them ({@link OrderEvent}), turned into
 * core {@link Order}s through the service's own {@link OrderEvents#toOrder} (so every generated order
 * passes the service's contract checks).
 *
 * <p>The mix: 1-20 lines per order (uniform, mean 10.5); about {@code controlledShare} of the lines carry
 * a controlled or possibly-controlled customs code (APT, tungsten carbide, NdFeB magnets with and without
 * dysprosium, gallium, natural graphite, antimony ore, tungsten oxide, tungsten alloy with composition),
 * the rest ordinary goods (T-shirts, laptops, screws...). Destinations DE, JP, US, KR, FR, and re-exports
 * of PRC-origin goods from Viet Nam; end users mostly commercial, some research/government/unknown and
 * about 12 % military. 40 exporters (by default) hold 5 licences each (200 in the registry); about a quarter of the
 * licences match a customer the orders actually ship to, and some orders name a licence themselves.
 */
public final class Workload {

    public static final String RULESET = "rulesets/cn-dual-use.yaml";
    /** The ruleset's publication day, so it is never stale (a stale ruleset would short-cut nothing but add a reason). */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
    public static final long SEED = 20261122L;

    /** Default number of exporters in the registry (5 licences each). */
    public static final int EXPORTERS = 40;
    private static final int LICENSES_PER_EXPORTER = 5;
    private static final LocalDate FIRST_EXPORT_DATE = LocalDate.parse("2026-12-01");

    /** A goods line template: what the platform would send for one article. */
    record Item(String description, String code, String unit, int minQty, int maxQty, String[] composition,
                Set<String> licensable) {
        Item(String description, String code, String unit, int minQty, int maxQty, String... composition) {
            this(description, code, unit, minQty, maxQty, composition, Set.of());
        }
    }

    /** Controlled or possibly controlled under the seed ruleset. */
    static final Item[] CONTROLLED = {
            new Item("ammonium paratungstate (APT) 88.5 % WO3", "2841801000", "KG", 100, 5_000),
            new Item("tungsten carbide powder WC 0.8 um", "2849902000", "KG", 50, 2_000),
            new Item("sintered NdFeB magnet N52SH, grain boundary diffusion", "8505111000", "KG", 10, 800,
                    "Nd", "28.5", "Pr", "2.1", "Dy", "0.8", "Fe", "67.6", "B", "1.0"),
            new Item("sintered NdFeB magnet N42", "8505111000", "KG", 10, 800,
                    "Nd", "30.5", "Dy", "0.05", "Fe", "68.45", "B", "1.0"),
            new Item("rare earth magnet assembly", "8505111000", "PCS", 100, 10_000),
            new Item("gallium metal 6N ingot", "8112929090", "KG", 1, 100),
            new Item("natural flake graphite -100 mesh 95 % C", "2504101000", "T", 1, 40),
            new Item("antimony ore concentrate", "2617101000", "T", 5, 60),
            new Item("yellow tungsten oxide", "2825901910", "KG", 100, 3_000),
            new Item("tungsten heavy alloy bar", "8101940001", "KG", 20, 500, "W", "97.5", "Ni", "1.75", "Fe", "0.75"),
    };

    /** Ordinary goods: no catalog code and no keyword. */
    static final Item[] UNCONTROLLED = {
            new Item("men's cotton T-shirts, knitted", "6109100010", "PCS", 200, 20_000),
            new Item("laptop computer 14 inch", "8471300000", "PCS", 10, 2_000),
            new Item("stainless steel hex screws M6", "7318159000", "KG", 50, 5_000),
            new Item("porcelain tableware set", "6911101900", "SET", 50, 3_000),
            new Item("LED lamp E27 9W", "8539520000", "PCS", 500, 50_000),
            new Item("bicycle, aluminium frame", "8712003000", "PCS", 20, 800),
            new Item("office chair, swivel", "9401310000", "PCS", 20, 1_000),
            new Item("passenger car tyres 205/55R16", "4011100000", "PCS", 100, 4_000),
            new Item("lithium-free alkaline batteries AA", "8506101100", "PCS", 1_000, 100_000),
            new Item("polyester woven fabric", "5407520000", "M", 500, 20_000),
    };

    /** A customer: end user (and consignee) in a country, with its type and declared end use. */
    record Customer(String name, String country, String type, String useCategory, String useText) {
    }

    static final Customer[] CUSTOMERS = {
            new Customer("Bavaria Motors GmbH", "DE", "COMMERCIAL", "CIVIL", "traction motors for passenger cars"),
            new Customer("Rhein Hartmetall AG", "DE", "COMMERCIAL", "CIVIL", "cemented carbide cutting tools"),
            new Customer("Fraunhofer Materials Lab", "DE", "RESEARCH", "CIVIL", "materials research"),
            new Customer("Tokyo Rare Metals Co., Ltd.", "JP", "COMMERCIAL", "CIVIL", "magnets for industrial servo motors"),
            new Customer("Osaka Electronics K.K.", "JP", "COMMERCIAL", "CIVIL", "consumer electronics assembly"),
            new Customer("JGSDF Procurement Office", "JP", "MILITARY", "MILITARY", "spare parts for armoured vehicles"),
            new Customer("Nagoya Trading", "JP", null, null, null),
            new Customer("Detroit Drivetrain Inc.", "US", "COMMERCIAL", "CIVIL", "electric drive units"),
            new Customer("Pacific Semiconductors LLC", "US", "COMMERCIAL", "CIVIL", "GaN power devices"),
            new Customer("Redstone Defense Systems Corp.", "US", "MILITARY", "MILITARY", "missile guidance actuators"),
            new Customer("Ohio Battery Materials Inc.", "US", "COMMERCIAL", "UNKNOWN", "anode material trials"),
            new Customer("Hanbit Motors Co., Ltd.", "KR", "COMMERCIAL", "CIVIL", "hybrid vehicle motors"),
            new Customer("KAIST Materials Institute", "KR", "RESEARCH", "CIVIL", "laboratory use"),
            new Customer("Daejeon Precision", "KR", "GOVERNMENT", "CIVIL", "metrology equipment"),
            new Customer("Lyon Outillage SAS", "FR", "COMMERCIAL", "CIVIL", "drilling tools"),
            new Customer("Paris Lumiere SA", "FR", "COMMERCIAL", "CIVIL", "retail lighting"),
            new Customer("Saclay Recherche", "FR", "RESEARCH", "CIVIL", "physics experiments; no defence use"),
    };

    private static final String[] FORWARDERS_COUNTRY = {"NL", "SG", "AE", "HK"};

    private final Ruleset ruleset;
    private final InMemoryLicenseRegistry licenses;
    private final List<OrderEvent> events;
    private final List<Order> orders;
    private final long lines;

    private Workload(Ruleset ruleset, InMemoryLicenseRegistry licenses, List<OrderEvent> events, List<Order> orders) {
        this.ruleset = ruleset;
        this.licenses = licenses;
        this.events = events;
        this.orders = orders;
        this.lines = orders.stream().mapToLong(o -> o.lines().size()).sum();
    }

    /** {@code orderCount} orders with 1-20 lines each, about {@code controlledShare} of the lines controlled. */
    public static Workload generate(int orderCount, double controlledShare) {
        return generate(orderCount, 1, 20, controlledShare);
    }

    public static Workload generate(int orderCount, int minLines, int maxLines, double controlledShare) {
        return generate(orderCount, minLines, maxLines, controlledShare, EXPORTERS);
    }

    /** As above, with {@code exporters} exporters of 5 licences each in the registry. */
    public static Workload generate(int orderCount, int minLines, int maxLines, double controlledShare, int exporters) {
        return generate(orderCount, minLines, maxLines, controlledShare, exporters, "full");
    }

    /**
     * As above, against {@code ruleset}: "full", the shipped ruleset with the whole 2026 catalog, or
     * "curated", the hand-curated part alone (rules/curated.yaml: the metals and the measures, about
     * a fifth of the entries), to show what the whole catalog costs. Run from the project directory.
     */
    public static Workload generate(int orderCount, int minLines, int maxLines, double controlledShare, int exporters,
                                    String ruleset) {
        return generate(orderCount, minLines, maxLines, controlledShare, exporters, load(ruleset));
    }

    static Ruleset load(String ruleset) {
        return switch (ruleset) {
            case "full" -> new RulesetLoader().loadResource(RULESET);
            case "curated" -> new RulesetLoader().loadWithText(java.nio.file.Path.of("rules/curated.yaml")).ruleset();
            default -> throw new IllegalArgumentException("ruleset must be full or curated, got " + ruleset);
        };
    }

    private static Workload generate(int orderCount, int minLines, int maxLines, double controlledShare, int exporters,
                                     Ruleset ruleset) {
        Random rnd = new Random(SEED);
        InMemoryLicenseRegistry registry = licenses(rnd, exporters);
        List<OrderEvent> events = new ArrayList<>(orderCount);
        List<Order> orders = new ArrayList<>(orderCount);
        for (int i = 0; i < orderCount; i++) {
            OrderEvent e = order(rnd, i, minLines + rnd.nextInt(maxLines - minLines + 1), controlledShare, exporters);
            events.add(e);
            orders.add(OrderEvents.toOrder(e));
        }
        return new Workload(ruleset, registry, events, orders);
    }

    /** The screener the service runs: the ruleset and the shipped party lists (every party is screened too). */
    public Screener screener() {
        return new Screener(ruleset, ScreeningPolicy.defaults(), CLOCK, PartyListLoader.bundled());
    }

    public Ruleset ruleset() {
        return ruleset;
    }

    public InMemoryLicenseRegistry licenses() {
        return licenses;
    }

    public List<OrderEvent> events() {
        return events;
    }

    public List<Order> orders() {
        return orders;
    }

    public long totalLines() {
        return lines;
    }

    public double meanLinesPerOrder() {
        return (double) lines / orders.size();
    }

    private static String exporterId(int n) {
        return String.format("EXP-%03d", n);
    }

    /**
     * {@code exporters} x 5 licences. Licence k of exporter n is for customer (n*5+k) mod customers, for two
     * of the controlled items' control numbers (or customs codes), so some lines are covered and others
     * are not; a few licences are revoked or expired.
     */
    private static InMemoryLicenseRegistry licenses(Random rnd, int exporters) {
        String[] items = {"1C117.d.1", "1C905.a.4", "3C001.a", "1C108.c", "3C003.a",
                "1C117.d.2", "1C117.c.1.a"};
        InMemoryLicenseRegistry registry = new InMemoryLicenseRegistry();
        for (int n = 1; n <= exporters; n++) {
            for (int k = 0; k < LICENSES_PER_EXPORTER; k++) {
                Customer c = CUSTOMERS[(n * LICENSES_PER_EXPORTER + k) % CUSTOMERS.length];
                Set<String> cns = new java.util.HashSet<>(List.of(items[rnd.nextInt(items.length)],
                        items[rnd.nextInt(items.length)]));
                LicenseStatus status = rnd.nextInt(20) == 0 ? LicenseStatus.REVOKED : LicenseStatus.ACTIVE;
                LocalDate to = rnd.nextInt(15) == 0 ? LocalDate.parse("2026-06-30") : LocalDate.parse("2027-12-31");
                registry.put(new License(licenseNumber(n, k), exporterId(n), cns, Set.of(), c.country(), c.name(),
                        new BigDecimal(200_000), "KG", LocalDate.parse("2026-01-01"), to, status));
            }
        }
        return registry;
    }

    private static String licenseNumber(int exporter, int k) {
        return String.format("LIC-2026-%03d-%d", exporter, k);
    }

    private static OrderEvent order(Random rnd, int i, int lineCount, double controlledShare, int exporters) {
        int exporter = 1 + rnd.nextInt(exporters);
        // bias customers towards those the exporter holds licences for, as real trade relationships are
        Customer c = rnd.nextInt(3) == 0
                ? CUSTOMERS[(exporter * LICENSES_PER_EXPORTER + rnd.nextInt(LICENSES_PER_EXPORTER)) % CUSTOMERS.length]
                : CUSTOMERS[rnd.nextInt(CUSTOMERS.length)];
        boolean reexportFromVietnam = rnd.nextInt(10) == 0;
        String shipFrom = reexportFromVietnam ? "VN" : "CN";
        String shipTo = c.country();
        List<Party> intermediaries = new ArrayList<>();
        if (rnd.nextInt(8) == 0) {
            String via = FORWARDERS_COUNTRY[rnd.nextInt(FORWARDERS_COUNTRY.length)];
            intermediaries.add(Party.newBuilder().setName("Global Forwarding " + via).setCountry(via)
                    .setRole("FREIGHT_FORWARDER").build());
            if (rnd.nextBoolean()) {
                shipTo = via;
            }
        }
        List<OrderLine> lines = new ArrayList<>(lineCount);
        for (int no = 1; no <= lineCount; no++) {
            boolean controlled = rnd.nextDouble() < controlledShare;
            Item item = controlled ? CONTROLLED[rnd.nextInt(CONTROLLED.length)] : UNCONTROLLED[rnd.nextInt(UNCONTROLLED.length)];
            List<ElementContent> composition = new ArrayList<>();
            for (int j = 0; j + 1 < item.composition().length; j += 2) {
                composition.add(new ElementContent(item.composition()[j], item.composition()[j + 1]));
            }
            int qty = item.minQty() + rnd.nextInt(item.maxQty() - item.minQty() + 1);
            // a re-export from Viet Nam mixes PRC-origin goods with local ones
            String origin = reexportFromVietnam && rnd.nextInt(3) == 0 ? "VN" : "CN";
            lines.add(OrderLine.newBuilder()
                    .setLineNo(no)
                    .setSku("SKU-" + item.code() + "-" + (rnd.nextInt(900) + 100))
                    .setDescription(item.description())
                    .setCommodityCode(item.code())
                    .setControlNumber(controlled && rnd.nextInt(10) == 0 && item.code().equals("2841801000") ? "1C117.d.1" : null)
                    .setOriginCountry(origin)
                    .setQuantity(Integer.toString(qty))
                    .setUnit(item.unit())
                    .setComposition(composition)
                    .build());
        }
        List<String> named = new ArrayList<>();
        if (rnd.nextInt(6) == 0) {
            named.add(licenseNumber(exporter, rnd.nextInt(LICENSES_PER_EXPORTER)));
        }
        if (rnd.nextInt(50) == 0) {
            named.add("LIC-UNKNOWN-" + i); // a licence that is not on file
        }
        Party endUser = Party.newBuilder().setName(c.name()).setCountry(c.country()).setType(c.type()).build();
        return OrderEvent.newBuilder()
                .setOrderId(String.format("ORD-%06d", i))
                .setOrderVersion(1 + rnd.nextInt(2))
                .setExportDate(FIRST_EXPORT_DATE.plusDays(rnd.nextInt(30)).toString())
                .setExporter(Party.newBuilder().setId(exporterId(exporter))
                        .setName("Exporter " + exporter + " Trading Co., Ltd.").setCountry(shipFrom).build())
                .setConsignee(Party.newBuilder().setName(c.name()).setCountry(c.country()).build())
                .setEndUser(endUser)
                .setEndUse(c.useCategory() == null && c.useText() == null ? null
                        : EndUse.newBuilder().setCategory(c.useCategory()).setDescription(c.useText()).build())
                .setIntermediaries(intermediaries)
                .setShipFrom(shipFrom)
                .setShipTo(shipTo)
                .setFinalDestination(c.country())
                .setLines(lines)
                .setLicenseNumbers(named)
                .build();
    }
}

package io.dualuse.screening.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dualuse.screening.core.order.EndUseCategory;
import io.dualuse.screening.core.order.EndUserType;
import io.dualuse.screening.core.order.PartyRole;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a ruleset YAML file (format: docs/rules.md) and validates all of it before anything uses it.
 * Every problem found is reported, not just the first, so that a compliance officer fixes a file
 * in one pass; the service refuses to start (or to swap rulesets) on any problem.
 */
public final class RulesetLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern FAMILY = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern ELEMENT = Pattern.compile("[A-Z][a-z]?");

    /** A ruleset with the text of its file: what an activation publishes for the other instances. */
    public record Loaded(Ruleset ruleset, String text) {
    }

    public Loaded loadWithText(Path file) {
        try {
            return parsed(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new RulesetException(file.toString(), List.of("cannot read file: " + e.getMessage()));
        }
    }

    public Ruleset loadResource(String resource) {
        return loadResourceWithText(resource).ruleset();
    }

    public Loaded loadResourceWithText(String resource) {
        try (InputStream in = RulesetLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new RulesetException("classpath:" + resource, List.of("no such resource"));
            }
            return parsed(in.readAllBytes(), "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Loaded parsed(byte[] content, String origin) {
        return new Loaded(parse(content, origin), new String(content, java.nio.charset.StandardCharsets.UTF_8));
    }

    public Ruleset parse(byte[] content, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(content);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RulesetException(origin, List.of("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr())));
        } catch (IOException e) {
            throw new RulesetException(origin, List.of("cannot read: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new RulesetException(origin, List.of("the file must be a YAML mapping with version, catalog and measures"));
        }
        Reader r = new Reader();
        String version = r.text(root, "version", "ruleset", true);
        LocalDate publishedAt = r.date(root, "publishedAt", "ruleset", true);

        Map<String, Source> sources = new LinkedHashMap<>();
        JsonNode src = root.get("sources");
        if (src == null || !src.isObject() || src.isEmpty()) {
            r.problem("ruleset", "sources", "required: a mapping of citation id to {title, issuedOn, url}");
        } else {
            src.fields().forEachRemaining(e -> {
                String where = "source " + e.getKey();
                sources.put(e.getKey(), new Source(e.getKey(), r.text(e.getValue(), "title", where, true),
                        r.date(e.getValue(), "issuedOn", where, false), r.text(e.getValue(), "url", where, false)));
            });
        }

        RedFlags redFlags = new RedFlags(null, List.of());
        JsonNode rf = root.get("redFlags");
        if (rf != null && !rf.isNull()) {
            redFlags = new RedFlags(r.text(rf, "legalBasis", "redFlags", true),
                    r.list(rf, "terms", "redFlags", t -> t.toLowerCase(Locale.ROOT)));
        }

        List<CatalogEntry> catalog = new ArrayList<>();
        Set<String> controlNumbers = new HashSet<>();
        JsonNode cat = root.get("catalog");
        if (cat == null || !cat.isArray() || cat.isEmpty()) {
            r.problem("ruleset", "catalog", "required: a non-empty list of catalog entries");
        } else {
            for (int i = 0; i < cat.size(); i++) {
                JsonNode n = cat.get(i);
                String cn = r.text(n, "controlNumber", "catalog[" + i + "]", true);
                if (cn != null) {
                    cn = ControlNumber.parse(cn).value();
                }
                String where = "catalog[" + i + "] " + (cn == null ? "" : cn);
                if (cn != null && !controlNumbers.add(cn)) {
                    r.problem(where, "controlNumber", "duplicate control number");
                }
                CatalogEntry entry = entry(r, n, cn, where, sources);
                if (entry != null) {
                    catalog.add(entry);
                }
            }
        }

        unfindable(r, catalog);

        List<Measure> measures = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonNode ms = root.get("measures");
        if (ms == null || !ms.isArray()) {
            r.problem("ruleset", "measures", "required: a list of measures");
        } else {
            for (int i = 0; i < ms.size(); i++) {
                JsonNode n = ms.get(i);
                String id = r.text(n, "id", "measures[" + i + "]", true);
                String where = "measures[" + i + "] " + (id == null ? "" : id);
                if (id != null && !ids.add(id)) {
                    r.problem(where, "id", "duplicate measure id");
                }
                Measure m = measure(r, n, id, where, sources, controlNumbers);
                if (m != null) {
                    measures.add(m);
                }
            }
        }
        if (!r.problems.isEmpty()) {
            throw new RulesetException(origin, r.problems);
        }
        return new Ruleset(version, sha256(content), publishedAt, origin, sources, catalog, measures, redFlags);
    }

    private CatalogEntry entry(Reader r, JsonNode n, String cn, String where, Map<String, Source> sources) {
        int before = r.problems.size();
        String description = r.text(n, "description", where, true);
        String family = r.text(n, "family", where, true);
        if (family != null && !FAMILY.matcher(family).matches()) {
            r.problem(where, "family", "must be UPPER_SNAKE, got '" + family + "'");
        }
        ItemType type = r.enumValue(n, "itemType", where, ItemType.class, ItemType.GOODS);
        String legalBasis = r.text(n, "legalBasis", where, true);
        String source = r.source(n, where, sources);
        Validity validity = r.validity(n, where);
        boolean verified = n.path("verified").asBoolean(true);
        List<ReferenceCode> codes = new ArrayList<>();
        JsonNode rc = n.get("referenceCodes");
        if (rc != null && rc.isArray()) {
            for (int j = 0; j < rc.size(); j++) {
                JsonNode c = rc.get(j);
                String f = "referenceCodes[" + j + "].code";
                String code = c.isTextual() ? c.asText() : r.text(c, "code", where, true);
                if (code != null && (!DIGITS.matcher(code).matches()
                        || (code.length() != 6 && code.length() != 8 && code.length() != 10))) {
                    r.problem(where, f, "must be 6, 8 or 10 digits (quote it in YAML), got '" + code + "'");
                    continue;
                }
                // a bare code is as verified as its entry; an object says so itself (default true)
                boolean codeVerified = c.isObject() ? c.path("verified").asBoolean(true) : verified;
                boolean codeConclusive = c.isObject() && c.path("conclusive").asBoolean(false);
                if (codeConclusive && code != null && code.length() != 10) {
                    r.problem(where, "referenceCodes[" + j + "].conclusive", "only a 10-digit code can be conclusive");
                }
                codes.add(new ReferenceCode(code, codeVerified, c.isObject() ? r.text(c, "note", where, false) : null, codeConclusive));
            }
        } else if (rc != null && !rc.isNull()) {
            r.problem(where, "referenceCodes", "must be a list");
        }
        List<ContentCriterion> composition = criteria(r, n, "composition", where);
        List<ContentCriterion> identity = criteria(r, n, "identity", where);
        Purity purity = null;
        JsonNode pn = n.get("purity");
        if (pn != null && !pn.isNull()) {
            Comparison op = r.enumValue(pn, "op", where + " purity", Comparison.class, null);
            BigDecimal percent = r.percent(pn, where + " purity");
            if (op != null && percent != null) {
                purity = new Purity(op, percent);
            }
        }
        List<String> forms = r.list(n, "forms", where, k -> k.toLowerCase(Locale.ROOT).trim());
        boolean compositionAlone = n.path("compositionAlone").asBoolean(false);
        String alsoRequires = r.text(n, "alsoRequires", where, false);
        if ((compositionAlone || !forms.isEmpty()) && identity.isEmpty()) {
            r.problem(where, "identity", "is required with forms or compositionAlone: the elements that make the material what it is");
        }
        boolean conclusive = n.path("codeIsConclusive").asBoolean(false);
        List<String> keywords = r.list(n, "keywords", where, k -> k.toLowerCase(Locale.ROOT).trim());
        if (r.problems.size() > before) {
            return null;
        }
        return new CatalogEntry(cn, description, family, type, legalBasis, source, validity, codes, conclusive,
                new Criteria(composition, purity, identity, forms, compositionAlone, alsoRequires), keywords, verified);
    }

    /**
     * Goods that no code, word or composition points at, neither themselves nor a heading above them,
     * are found only when an exporter declares them: the file must give one, unless the entry is the
     * heading of entries that have them.
     */
    private static void unfindable(Reader r, List<CatalogEntry> catalog) {
        Map<String, CatalogEntry> byNumber = new java.util.HashMap<>();
        Set<String> headings = new HashSet<>();
        for (CatalogEntry e : catalog) {
            byNumber.put(e.controlNumber(), e);
            for (ControlNumber p = ControlNumber.parse(e.controlNumber()).parent(); p != null; p = p.parent()) {
                headings.add(p.value());
            }
        }
        for (CatalogEntry e : catalog) {
            if (e.itemType() != ItemType.GOODS || headings.contains(e.controlNumber())) {
                continue;
            }
            boolean findable = false;
            for (ControlNumber c = ControlNumber.parse(e.controlNumber()); c != null && !findable; c = c.parent()) {
                CatalogEntry at = byNumber.get(c.value());
                findable = at != null && (!at.referenceCodes().isEmpty() || !at.keywords().isEmpty()
                        || at.criteria().confirmsByForm() || at.criteria().compositionAlone());
            }
            if (!findable) {
                r.problem("catalog " + e.controlNumber(), "referenceCodes",
                        "goods need at least one reference code, keyword or form, on the entry or a heading above it, to be found");
            }
        }
    }

    private List<ContentCriterion> criteria(Reader r, JsonNode n, String field, String where) {
        List<ContentCriterion> out = new ArrayList<>();
        JsonNode list = n.get(field);
        if (list != null && list.isArray()) {
            for (int j = 0; j < list.size(); j++) {
                ContentCriterion c = criterion(r, list.get(j), where + " " + field + "[" + j + "]");
                if (c != null) {
                    out.add(c);
                }
            }
        } else if (list != null && !list.isNull()) {
            r.problem(where, field, "must be a list");
        }
        return out;
    }

    private ContentCriterion criterion(Reader r, JsonNode n, String where) {
        List<String> elements = r.list(n, "elements", where, String::trim);
        if (elements.isEmpty()) {
            r.problem(where, "elements", "required: at least one element symbol");
        }
        for (String e : elements) {
            if (!ELEMENT.matcher(e).matches()) {
                r.problem(where, "elements", "'" + e + "' is not an element symbol (e.g. Dy, W)");
            }
        }
        ContentCriterion.Combine combine = r.enumValue(n, "combine", where, ContentCriterion.Combine.class,
                ContentCriterion.Combine.ANY);
        Comparison op = r.enumValue(n, "op", where, Comparison.class, null);
        BigDecimal percent = r.percent(n, where);
        if (op == null || percent == null || elements.isEmpty()) {
            return null;
        }
        return new ContentCriterion(elements, combine, op, percent);
    }

    private Measure measure(Reader r, JsonNode n, String id, String where, Map<String, Source> sources,
                            Set<String> controlNumbers) {
        int before = r.problems.size();
        String title = r.text(n, "title", where, true);
        String legalBasis = r.text(n, "legalBasis", where, true);
        String source = r.source(n, where, sources);
        MeasureAction action = r.enumValue(n, "action", where, MeasureAction.class, null);
        Validity validity = r.validity(n, where);
        JsonNode s = n.path("scope");
        String sw = where + " scope";
        Set<String> countries = new LinkedHashSet<>(r.list(s, "countries", sw, String::trim));
        for (String c : countries) {
            if (!COUNTRY.matcher(c).matches()) {
                r.problem(sw, "countries", "'" + c + "' is not an ISO 3166-1 alpha-2 code");
            }
        }
        Set<PartyRole> roles = r.enumSet(s, "partyRoles", sw, PartyRole.class);
        Set<EndUserType> userTypes = r.enumSet(s, "endUserTypes", sw, EndUserType.class);
        Set<EndUseCategory> useCategories = r.enumSet(s, "endUseCategories", sw, EndUseCategory.class);
        Set<String> families = new LinkedHashSet<>(r.list(s, "families", sw, String::trim));
        Set<String> exceptFamilies = new LinkedHashSet<>(r.list(s, "exceptFamilies", sw, String::trim));
        Set<String> cns = new LinkedHashSet<>(r.list(s, "controlNumbers", sw, String::trim));
        for (String cn : cns) {
            if (!controlNumbers.contains(cn)) {
                r.problem(sw, "controlNumbers", "'" + cn + "' is not in the catalog");
            }
        }
        Set<Scope.Transfer> transfers = r.enumSet(s, "transfers", sw, Scope.Transfer.class);
        BigDecimal prcContent = s.has("prcContentPercent") ? r.percent(s, "prcContentPercent", sw) : null;
        if (transfers.contains(Scope.Transfer.FOREIGN_MADE_PRC_CONTENT) && prcContent == null) {
            r.problem(sw, "prcContentPercent", "is required with transfer FOREIGN_MADE_PRC_CONTENT: the share of value that brings a foreign-made item in");
        }
        boolean verified = n.path("verified").asBoolean(true);
        if (r.problems.size() > before || action == null) {
            return null;
        }
        return new Measure(id, title, legalBasis, source, action, validity,
                new Scope(countries, roles, userTypes, useCategories, families, exceptFamilies, cns, transfers, prcContent), verified);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Field readers that record a problem instead of throwing, so that all problems are reported. */
    private static final class Reader {
        final List<String> problems = new ArrayList<>();

        void problem(String where, String field, String message) {
            problems.add(where.trim() + ": field '" + field + "' " + message);
        }

        String text(JsonNode n, String field, String where, boolean required) {
            JsonNode v = n == null ? null : n.get(field);
            if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
                if (required) {
                    problem(where, field, "is required");
                }
                return null;
            }
            if (!v.isValueNode()) {
                problem(where, field, "must be a single value");
                return null;
            }
            return v.asText().trim();
        }

        LocalDate date(JsonNode n, String field, String where, boolean required) {
            String t = text(n, field, where, required);
            if (t == null) {
                return null;
            }
            try {
                return LocalDate.parse(t);
            } catch (DateTimeParseException e) {
                problem(where, field, "must be an ISO date (yyyy-mm-dd), got '" + t + "'");
                return null;
            }
        }

        BigDecimal percent(JsonNode n, String where) {
            return percent(n, "percent", where);
        }

        BigDecimal percent(JsonNode n, String field, String where) {
            String p = text(n, field, where, true);
            if (p == null) {
                return null;
            }
            BigDecimal percent = io.dualuse.screening.core.order.ContractLimits.boundedOrNull(p);
            if (percent == null) {
                problem(where, field, "not a decimal number of at most 12 decimals: '"
                        + io.dualuse.screening.core.order.ContractLimits.shorten(p) + "'");
                return null;
            }
            if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                problem(where, field, "must be within 0..100, got " + p);
                return null;
            }
            return percent;
        }

        <E extends Enum<E>> E enumValue(JsonNode n, String field, String where, Class<E> type, E fallback) {
            String t = text(n, field, where, fallback == null);
            if (t == null) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, t.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem(where, field, "must be one of " + List.of(type.getEnumConstants()) + ", got '" + t + "'");
                return fallback;
            }
        }

        <E extends Enum<E>> Set<E> enumSet(JsonNode n, String field, String where, Class<E> type) {
            Set<E> out = new LinkedHashSet<>();
            for (String t : list(n, field, where, String::trim)) {
                try {
                    out.add(Enum.valueOf(type, t.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    problem(where, field, "must hold values of " + List.of(type.getEnumConstants()) + ", got '" + t + "'");
                }
            }
            return out;
        }

        List<String> list(JsonNode n, String field, String where, Function<String, String> normalise) {
            JsonNode v = n == null ? null : n.get(field);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                problem(where, field, "must be a list");
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isValueNode() || item.asText().isBlank()) {
                    problem(where, field, "holds an empty or non-text item");
                } else {
                    out.add(normalise.apply(item.asText()));
                }
            }
            return out;
        }

        String source(JsonNode n, String where, Map<String, Source> sources) {
            String s = text(n, "source", where, true);
            if (s != null && !sources.isEmpty() && !sources.containsKey(s)) {
                problem(where, "source", "'" + s + "' is not a key of 'sources'");
            }
            return s;
        }

        Validity validity(JsonNode n, String where) {
            LocalDate from = date(n, "effectiveFrom", where, true);
            LocalDate to = date(n, "effectiveTo", where, false);
            if (from != null && to != null && to.isBefore(from)) {
                problem(where, "effectiveTo", "is before effectiveFrom");
            }
            List<Window> windows = new ArrayList<>();
            JsonNode s = n.get("suspensions");
            if (s != null && s.isArray()) {
                for (int i = 0; i < s.size(); i++) {
                    String w = where + " suspensions[" + i + "]";
                    LocalDate a = date(s.get(i), "from", w, true);
                    LocalDate b = date(s.get(i), "to", w, true);
                    String basis = text(s.get(i), "legalBasis", w, true);
                    if (a != null && b != null) {
                        if (b.isBefore(a)) {
                            problem(w, "to", "is before 'from'");
                        } else {
                            windows.add(new Window(a, b, basis));
                        }
                    }
                }
            } else if (s != null && !s.isNull()) {
                problem(where, "suspensions", "must be a list");
            }
            return from == null ? null : new Validity(from, to, windows);
        }
    }
}

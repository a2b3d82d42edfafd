package io.dualuse.screening.core.parties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A labelled evaluation of party matching against the shipped lists. Positives are listed entities
 * written as the real world writes them: other scripts, Traditional characters, full width,
 * abbreviations, former names, typos, reordered words, legal-form variants, a plant or branch
 * added. Negatives are unlisted companies: look-alikes (parents and namesakes of listed entities)
 * and 10,800 generated company names in Latin, Japanese and Chinese script. Recall counts a
 * positive found at all (confident or possible, the right entry); a false positive is any match.
 */
class PartyMatchingEvaluationTest {

    private static PartyLists lists;

    /** name as written, its country (or null), and the English name of the entry it is. */
    private record Positive(String name, String country, String entry) {
    }

    private static final List<Positive> POSITIVES = List.of(
            // export control list, No. 11 of 2026 (Japan)
            new Positive("Japan Aerospace Exploration Agency", "JP", "Japan Aerospace Exploration Agency"),
            new Positive("JAXA", "JP", "Japan Aerospace Exploration Agency"),
            new Positive("ＪＡＸＡ", "JP", "Japan Aerospace Exploration Agency"),
            new Positive("Japan Aerospace Exploration Agency (JAXA)", "JP", "Japan Aerospace Exploration Agency"),
            new Positive("JAXA Tsukuba Space Center", "JP", "Japan Aerospace Exploration Agency"),
            new Positive("Aerospace Exploration Agency of Japan", "JP", "Japan Aerospace Exploration Agency"),
            new Positive("Japan Aerospace Exploraton Agency", "JP", "Japan Aerospace Exploration Agency"),
            new Positive("国立研究開発法人宇宙航空研究開発機構", "JP", "Japan Aerospace Exploration Agency"),
            new Positive("宇宙航空研究開発機構", "JP", "Japan Aerospace Exploration Agency"),
            new Positive("日本宇宙航空研究开发机构", "JP", "Japan Aerospace Exploration Agency"),
            new Positive("日本宇宙航空研究開發機構", "JP", "Japan Aerospace Exploration Agency"),
            new Positive("Mitsubishi Shipbuilding Co., Ltd.", "JP", "Mitsubishi Heavy Industries Shipbuilding Co."),
            new Positive("MITSUBISHI HEAVY INDUSTRIES SHIPBUILDING CO LTD", "JP", "Mitsubishi Heavy Industries Shipbuilding Co."),
            new Positive("三菱造船株式会社", "JP", "Mitsubishi Heavy Industries Shipbuilding Co."),
            new Positive("三菱造船(株)", "JP", "Mitsubishi Heavy Industries Shipbuilding Co."),
            new Positive("三菱造船㈱ 下関造船所", "JP", "Mitsubishi Heavy Industries Shipbuilding Co."),
            new Positive("MHI Aero Engines, Ltd.", "JP", "Mitsubishi Heavy Industries Aero Engines, Ltd."),
            new Positive("Mitsubishi Heavy Industries Aero Engines Ltd. Komaki Plant", "JP", "Mitsubishi Heavy Industries Aero Engines, Ltd."),
            new Positive("三菱重工航空エンジン株式会社", "JP", "Mitsubishi Heavy Industries Aero Engines, Ltd."),
            new Positive("三菱重工航空发动机株式会社", "JP", "Mitsubishi Heavy Industries Aero Engines, Ltd."),
            new Positive("KHI Aerospace Systems Company", "JP", "Kawasaki Heavy Industries Aerospace Systems Company"),
            new Positive("Kawasaki Heavy Industries, Ltd. Aerospace Systems Company", "JP", "Kawasaki Heavy Industries Aerospace Systems Company"),
            new Positive("川崎重工業 航空宇宙システムカンパニー", "JP", "Kawasaki Heavy Industries Aerospace Systems Company"),
            // No. 27 of 2026
            new Positive("防衛研究所", "JP", "National Institute for Defense Studies"),
            new Positive("National Institute for Defense Studies (NIDS)", "JP", "National Institute for Defense Studies"),
            new Positive("NIDS", "JP", "National Institute for Defense Studies"),
            // 2025 batches (US, Taiwan), 2026 EU and US batches
            new Positive("General Dynamics Corporation", "US", "General Dynamics"),
            new Positive("GENERAL DYNAMICS CORP.", "US", "General Dynamics"),
            new Positive("Dynamics, General", "US", "General Dynamics"),
            new Positive("通用动力公司", "US", "General Dynamics"),
            new Positive("通用動力公司", "US", "General Dynamics"),
            new Positive("L3Harris Technologies, Inc.", "US", "L3 Harris Technologies"),
            new Positive("L-3 Harris Technologies", "US", "L3 Harris Technologies"),
            new Positive("L3 Harris", "US", "L3 Harris Technologies"),
            new Positive("L3哈里斯公司", "US", "L3 Harris Technologies"),
            new Positive("Intelligent Epitaxy Technology Inc", "US", "Intelligent Epitaxy Technology"),
            new Positive("IntelliEPI", "US", "Intelligent Epitaxy Technology"),
            new Positive("英特磊公司", "US", "Intelligent Epitaxy Technology"),
            new Positive("Clear Align, LLC", "US", "Clear Align LLC"),
            new Positive("Huntington Ingalls Industries", "US", "Huntington Ingalls Industries, Inc."),
            new Positive("Huntington Ingals Industries Inc", "US", "Huntington Ingalls Industries, Inc."),
            new Positive("亨廷顿·英格尔斯工业公司", "US", "Huntington Ingalls Industries, Inc."),
            new Positive("亨廷頓英格爾斯工業公司", "US", "Huntington Ingalls Industries, Inc."),
            new Positive("Aerospace Industrial Development Corporation", "TW", "Aerospace Industrial Development Corp."),
            new Positive("AIDC", "TW", "Aerospace Industrial Development Corp."),
            new Positive("漢翔航空工業股份有限公司", "TW", "Aerospace Industrial Development Corp."),
            new Positive("汉翔航空工业", "TW", "Aerospace Industrial Development Corp."),
            new Positive("National Chung-Shan Institute of Science and Technology", "TW", "National Chung-Shan Institute of Science & Technology"),
            new Positive("NCSIST", "TW", "National Chung-Shan Institute of Science & Technology"),
            new Positive("國家中山科學研究院", "TW", "National Chung-Shan Institute of Science & Technology"),
            new Positive("FN Herstal S.A.", "BE", "FN Herstal, Fabrique Nationale de Herstal"),
            new Positive("Fabrique Nationale d'Herstal", "BE", "FN Herstal, Fabrique Nationale de Herstal"),
            new Positive("HENSOLDT Sensors GmbH", "DE", "HENSOLDT AG"),
            new Positive("Hensoldt", "DE", "HENSOLDT AG"),
            new Positive("Rheinmetall AG", "DE", "Rheinmetall AG"),
            new Positive("Rheinmetal AG", "DE", "Rheinmetall AG"),
            new Positive("莱茵金属公司", "DE", "Rheinmetall AG"),
            new Positive("OMNIPOL, a.s.", "CZ", "OMNIPOL a.s."),
            new Positive("MP Materials Corp.", "US", "MP Materials Corp."),
            new Positive("MP MATERIALS", "US", "MP Materials Corp."),
            new Positive("芒廷帕斯材料公司", "US", "MP Materials Corp."),
            new Positive("USA Rare Earth, LLC", "US", "USA Rare Earth, Inc."),
            new Positive("美国稀土公司", "US", "USA Rare Earth, Inc."),
            new Positive("Red Cat Holdings", "US", "Red Cat Holdings, Inc."),
            new Positive("Teal Drones Inc.", "US", "Teal Drones, Inc."),
            new Positive("IMSAR LLC", "US", "IMSAR, LLC"),
            new Positive("Oshkosh Defense LLC", "US", "Oshkosh Defense, LLC"),
            new Positive("Ball Aerospace & Technologies", "US", "Ball Aerospace & Technologies Corp."),
            new Positive("BAE Systems Space & Mission Systems Inc.", "US", "Ball Aerospace & Technologies Corp."),
            new Positive("Leidos, Inc.", "US", "Leidos"),
            new Positive("Echodyne Corp.", "US", "Echodyne"),
            // watch list, No. 12 and No. 28 of 2026
            new Positive("SUBARU Corporation", "JP", "SUBARU Corporation"),
            new Positive("Subaru Corp.", "JP", "SUBARU Corporation"),
            new Positive("株式会社SUBARU", "JP", "SUBARU Corporation"),
            new Positive("株式会社ＳＵＢＡＲＵ", "JP", "SUBARU Corporation"),
            new Positive("スバル", "JP", "SUBARU Corporation"),
            new Positive("斯巴鲁株式会社", "JP", "SUBARU Corporation"),
            new Positive("Fuji Heavy Industries Ltd.", "JP", "SUBARU Corporation"),
            new Positive("富士重工業株式会社", "JP", "SUBARU Corporation"),
            new Positive("ENEOS Corporation", "JP", "ENEOS Corporation"),
            new Positive("ENEOS株式会社", "JP", "ENEOS Corporation"),
            new Positive("エネオス", "JP", "ENEOS Corporation"),
            new Positive("JXTG Nippon Oil & Energy Corporation", "JP", "ENEOS Corporation"),
            new Positive("Yusoki Kogyo K.K.", "JP", "Yusoki Co., Ltd."),
            new Positive("輸送機工業株式会社", "JP", "Yusoki Co., Ltd."),
            new Positive("Mitsui E&S Co., Ltd.", "JP", "MITSUI E&S Co., Ltd."),
            new Positive("株式会社三井E&S", "JP", "MITSUI E&S Co., Ltd."),
            new Positive("Terra Drone Corp.", "JP", "Terra Drone Corporation"),
            new Positive("テラドローン", "JP", "Terra Drone Corporation"),
            new Positive("ACSL Ltd", "JP", "ACSL Ltd."),
            // Unreliable Entity List
            new Positive("Lockheed Martin", "US", "Lockheed Martin Corporation"),
            new Positive("LOCKHEED MARTIN CORP", "US", "Lockheed Martin Corporation"),
            new Positive("Lockhead Martin Corporation", "US", "Lockheed Martin Corporation"),
            new Positive("Martin, Lockheed", "US", "Lockheed Martin Corporation"),
            new Positive("洛克希德马丁公司", "US", "Lockheed Martin Corporation"),
            new Positive("洛克希德·馬丁公司", "US", "Lockheed Martin Corporation"),
            new Positive("Lockheed Martin Missiles & Fire Control", "US", "Lockheed Martin Missiles and Fire Control"),
            new Positive("Raytheon Missiles and Defense", "US", "Raytheon Missiles & Defense"),
            new Positive("General Atomics Aeronautical Systems, Inc.", "US", "General Atomics Aeronautical Systems"),
            new Positive("GA-ASI", "US", "General Atomics Aeronautical Systems"),
            new Positive("Boeing Defense, Space and Security", "US", "Boeing Defense, Space & Security"),
            new Positive("Skydio Inc", "US", "Skydio, Inc."),
            new Positive("Skydio", "US", "Skydio, Inc."),
            new Positive("Shield AI Inc.", "US", "Shield AI, Inc."),
            new Positive("Sierra Nevada Corp", "US", "Sierra Nevada Corporation"),
            new Positive("Saronic Technologies Inc", "US", "Saronic Technologies, Inc."),
            new Positive("Oceaneering International Inc.", "US", "Oceaneering International, Inc."),
            new Positive("Dedrone", "US", "Dedrone by Axon"),
            new Positive("Elbit Systems of America", "US", "Elbit Systems of America, LLC"),
            new Positive("PVH Corp", "US", "PVH Corp."),
            new Positive("Illumina Inc.", "US", "Illumina, Inc."),
            new Positive("因美纳公司", "US", "Illumina, Inc."),
            new Positive("Teledyne Brown Engineering", "US", "Teledyne Brown Engineering, Inc."),
            new Positive("特励达布朗工程公司", "US", "Teledyne Brown Engineering, Inc."));

    /** Unlisted companies that share words with listed ones: parents, namesakes, neighbours. */
    private static final List<String> LOOK_ALIKES = List.of("Mitsubishi Heavy Industries, Ltd.", "三菱重工業株式会社",
            "Mitsubishi Electric Corporation", "三菱電機株式会社", "Mitsubishi Corporation", "IHI Corporation", "NEC Corporation",
            "Kawasaki Motors, Ltd.", "Subaru Tecnica International", "Toyota Motor Corporation", "トヨタ自動車株式会社",
            "General Mills, Inc.", "General Electric Company", "General Motors", "Martin Marietta Materials",
            "Lockwood Industries", "Raytheon Company", "Boeing Commercial Airplanes", "Elbit Systems Ltd.",
            "Summit Foods Inc.", "Red Bull GmbH", "Teal Textiles Ltd.", "Illumination Lighting Co.", "Sierra Trading Post",
            "Nevada Gold Mines", "Ocean Spray Cranberries", "Pacific Rim Foods", "Skyline Chili", "Shield Insurance Ltd",
            "Herstal Bakery SPRL", "Hansen Sensors GmbH", "Rhein Chemie GmbH", "Huntington Bancshares", "Ingalls Memorial Hospital",
            "Leidenfrost Catering", "Echo Global Logistics", "Teal Drinks Co.", "MP Foods Co.", "Rare Earth Cafe",
            "東京海上日動火災保険株式会社", "日本郵船株式会社", "日本航空株式会社", "富士フイルム株式会社", "富士通株式会社",
            "宇宙食品株式会社", "三井住友銀行", "三井不動産株式会社", "川崎汽船株式会社", "通用电气公司", "通用磨坊公司",
            "波音商用飞机集团", "洛阳机械有限公司", "马丁食品有限公司", "斯巴达体育用品有限公司", "因特尔网络科技有限公司");

    @BeforeAll
    static void load() {
        lists = PartyListLoader.bundled();
    }

    @Test
    void recallOnListedEntitiesWrittenAsTheWorldWritesThem() {
        List<String> missed = new ArrayList<>();
        for (Positive p : POSITIVES) {
            List<PartyMatch> found = lists.screen(p.name(), p.country());
            if (found.stream().noneMatch(m -> p.entry().equals(m.entry().nameEn()))) {
                missed.add(p.name() + " -> " + found.stream().map(m -> m.entry().nameEn() + " " + m.score()).toList());
            }
        }
        double recall = 1 - (double) missed.size() / POSITIVES.size();
        System.out.printf("party matching: recall %.3f on %d positives; missed %s%n", recall, POSITIVES.size(), missed);
        assertThat(POSITIVES).hasSizeGreaterThanOrEqualTo(100);
        assertThat(recall).as("missed: " + missed).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void mostPositivesAreConfidentNotOnlyPossible() {
        long confident = POSITIVES.stream().filter(p -> lists.screen(p.name(), p.country()).stream()
                .anyMatch(m -> m.confident() && p.entry().equals(m.entry().nameEn()))).count();
        System.out.printf("party matching: %d of %d positives confident%n", confident, POSITIVES.size());
        assertThat((double) confident / POSITIVES.size()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void falsePositivesOnUnlistedCompanies() {
        List<String> negatives = new ArrayList<>(LOOK_ALIKES);
        negatives.addAll(generatedCompanies(10_800));
        List<String> hits = new ArrayList<>();
        for (String n : negatives) {
            List<PartyMatch> found = lists.screen(n, null);
            if (!found.isEmpty()) {
                hits.add(n + " ~ " + found.get(0).listedName() + " " + found.get(0).score());
            }
        }
        long lookAlikeHits = hits.stream().filter(h -> LOOK_ALIKES.stream().anyMatch(l -> h.startsWith(l + " ~"))).count();
        double rate = (double) hits.size() / negatives.size();
        System.out.printf("party matching: %d false positives of %d unlisted names (%.3f %%), %d of %d look-alikes: %s%n",
                hits.size(), negatives.size(), 100 * rate, lookAlikeHits, LOOK_ALIKES.size(),
                hits.subList(0, Math.min(20, hits.size())));
        assertThat(negatives).hasSizeGreaterThanOrEqualTo(10_000);
        assertThat(rate).as("false positives: " + hits.subList(0, Math.min(30, hits.size()))).isLessThanOrEqualTo(0.01);
    }

    /** Real-sounding unlisted company names, a third each in Latin, Japanese and Chinese script. */
    static List<String> generatedCompanies(int n) {
        String[] latinA = {"Northwind", "Bluewater", "Silverline", "Granite", "Harbor", "Cedar", "Maple", "Riverside", "Oakridge",
                "Sunrise", "Brightstone", "Evergreen", "Highland", "Lakeside", "Meadow", "Clearwater", "Westfield", "Kingsley",
                "Hartmann", "Schneider", "Rossi", "Moreau", "Novak", "Kowalski", "Jansen", "Lindqvist", "Fischer", "Bianchi",
                "Dubois", "Weber", "Okafor", "Mendes", "Alvarez", "Takeda", "Nakamura", "Suzuki", "Hoffmann", "Keller", "Brennan",
                "Whitfield"};
        String[] latinB = {"Logistics", "Foods", "Textiles", "Furniture", "Pharma", "Printing", "Plastics", "Paper", "Apparel",
                "Ceramics", "Bakery", "Dairy", "Packaging", "Cosmetics", "Footwear", "Toys", "Beverages", "Optics", "Tools",
                "Farms", "Consulting", "Media", "Motors", "Marine Supply", "Home Goods", "Garden Centre", "Coffee Roasters",
                "Pet Supplies", "Auto Parts", "Medical Devices", "Glassworks", "Metalworks", "Timber", "Seafood", "Spices",
                "Outdoor Gear", "Office Supplies", "Kitchenware", "Bicycles", "Electronics Retail"};
        String[] latinC = {"Ltd.", "GmbH", "Inc.", "LLC", "S.A.", "S.p.A.", "B.V.", "AB", "Co., Ltd.", "Corporation", "Pty Ltd", "K.K."};
        String[] jaPlace = {"札幌", "仙台", "横浜", "名古屋", "京都", "神戸", "広島", "福岡", "熊本", "新潟", "金沢", "静岡", "岡山",
                "長崎", "松山", "高松", "富山", "秋田", "盛岡", "青森", "奈良", "大分", "宮崎", "那覇", "浜松", "姫路", "倉敷", "函館",
                "旭川", "豊橋"};
        String[] jaTrade = {"食品", "物流", "繊維", "家具", "印刷", "製紙", "化粧品", "陶器", "酒造", "製菓", "水産", "青果", "茶舗",
                "文具", "建材", "塗料", "寝具", "眼鏡", "靴店", "楽器", "園芸", "ホテル", "トラベル", "ベーカリー", "コーヒー",
                "フーズ", "ロジスティクス", "テキスタイル", "デザイン", "不動産", "商事", "運輸", "薬品", "乳業", "製麺", "醸造",
                "木材", "畳店", "菓子", "珈琲"};
        String[] zhPlace = {"深圳", "上海", "广州", "杭州", "苏州", "宁波", "青岛", "厦门", "成都", "重庆", "武汉", "长沙", "南京",
                "天津", "大连", "沈阳", "西安", "郑州", "合肥", "福州", "昆明", "南宁", "济南", "无锡", "佛山", "东莞", "温州", "泉州",
                "烟台", "珠海"};
        String[] zhName = {"恒达", "华美", "新世纪", "金辉", "瑞丰", "嘉禾", "鸿运", "永盛", "佳美", "宏达", "天成", "信诚", "安泰",
                "德胜", "鑫源", "光明", "东方", "长城", "锦绣", "和顺"};
        String[] zhTrade = {"食品", "纺织", "家具", "物流", "印刷", "包装", "服装", "玩具", "陶瓷", "茶叶", "化妆品", "文具", "鞋业",
                "五金", "塑料", "灯饰", "酒业", "贸易", "餐饮", "建材"};
        String[] zhForm = {"有限公司", "股份有限公司", "贸易有限公司", "集团有限公司"};
        String[] jaForm = {"株式会社", "有限会社", "合同会社"};
        Random r = new Random(20261206);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; out.size() < n; i++) {
            String name = switch (i % 3) {
                case 0 -> latinA[r.nextInt(latinA.length)] + " " + latinB[r.nextInt(latinB.length)] + " " + latinC[r.nextInt(latinC.length)];
                case 1 -> r.nextBoolean() ? jaForm[r.nextInt(jaForm.length)] + jaPlace[r.nextInt(jaPlace.length)] + jaTrade[r.nextInt(jaTrade.length)]
                        : jaPlace[r.nextInt(jaPlace.length)] + jaTrade[r.nextInt(jaTrade.length)] + jaForm[r.nextInt(jaForm.length)];
                default -> zhPlace[r.nextInt(zhPlace.length)] + zhName[r.nextInt(zhName.length)] + zhTrade[r.nextInt(zhTrade.length)]
                        + zhForm[r.nextInt(zhForm.length)];
            };
            out.add(name);
        }
        return out;
    }
}

package io.dualuse.screening.testing;

import io.dualuse.screening.order.event.ElementContent;
import io.dualuse.screening.order.event.EndUse;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.order.event.OrderLine;
import io.dualuse.screening.order.event.Party;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Avro orders as a logistics platform would send them; each call gets a fresh order id. */
public final class TestOrders {

    private TestOrders() {
    }

    public static String freshId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static OrderEvent.Builder civil(String orderId, String destination, OrderLine... lines) {
        return OrderEvent.newBuilder()
                .setOrderId(orderId)
                .setOrderVersion(1)
                .setExportDate("2026-11-24")
                .setExporter(Party.newBuilder().setId("EXP-T-1").setName("Test Exporter Co., Ltd.").setCountry("CN").build())
                .setConsignee(Party.newBuilder().setName("Consignee Ltd").setCountry(destination).build())
                .setEndUser(Party.newBuilder().setName("End User Ltd").setCountry(destination).setType("COMMERCIAL").build())
                .setEndUse(EndUse.newBuilder().setCategory("CIVIL").setDescription("industrial use").build())
                .setIntermediaries(new ArrayList<>())
                .setShipFrom("CN").setShipTo(destination).setFinalDestination(destination)
                .setLines(new ArrayList<>(List.of(lines)))
                .setLicenseNumbers(new ArrayList<>());
    }

    public static OrderEvent japaneseMilitary(String orderId) {
        return civil(orderId, "JP", dyMagnet(1))
                .setEndUser(Party.newBuilder().setName("JGSDF Procurement").setCountry("JP").setType("MILITARY").build())
                .build();
    }

    /**
     * {@code kg} of APT (1C117.d) from {@code exporterId} to Osaka Tools in Japan, a commercial end
     * user: what {@link TestLicences#registerAptToOsaka} licenses.
     */
    public static OrderEvent.Builder aptToOsakaTools(String orderId, String exporterId, String kg) {
        return civil(orderId, "JP", apt(1, kg))
                .setExporter(Party.newBuilder().setId(exporterId).setName("Test Exporter " + exporterId).setCountry("CN").build())
                .setEndUser(Party.newBuilder().setName("Osaka Tools KK").setCountry("JP").setType("COMMERCIAL").build());
    }

    public static OrderLine dyMagnet(int lineNo) {
        return OrderLine.newBuilder().setLineNo(lineNo).setDescription("sintered NdFeB magnet").setCommodityCode("8505111000")
                .setOriginCountry("CN").setQuantity("50").setUnit("KG")
                .setComposition(new ArrayList<>(List.of(new ElementContent("Nd", "29"), new ElementContent("Dy", "0.8"))))
                .build();
    }

    public static OrderLine tShirts(int lineNo) {
        return OrderLine.newBuilder().setLineNo(lineNo).setDescription("cotton T-shirts").setCommodityCode("6109100010")
                .setOriginCountry("CN").setQuantity("200").setUnit("PCS").setComposition(new ArrayList<>()).build();
    }

    public static OrderLine apt(int lineNo, String kg) {
        return OrderLine.newBuilder().setLineNo(lineNo).setDescription("ammonium paratungstate").setCommodityCode("2841801000")
                .setOriginCountry("CN").setQuantity(kg).setUnit("KG").setComposition(new ArrayList<>()).build();
    }
}

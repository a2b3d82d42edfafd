package io.dualuse.screening.core.license;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CompanyNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Osaka Tools K.K.|OSAKA TOOLS|true",
            "Tokyo Rare Metals Co., Ltd.|tokyo rare metals|true",
            "Bavaria Motors GmbH|Bavaria-Motors|true",
            "Société Générale S.A.|Societe Generale|true",
            "Co Industries Ltd|Co Industries|true",
            "Munich Motors GmbH|Bavaria Motors GmbH|false",
            "Tokyo Rare Metals|Tokyo Rare Metal|false",
            "Ltd|''|false"})
    void namesAreComparedWithoutCasePunctuationAndLegalForm(String a, String b, boolean same) {
        assertThat(CompanyName.same(a, b)).isEqualTo(same);
    }
}

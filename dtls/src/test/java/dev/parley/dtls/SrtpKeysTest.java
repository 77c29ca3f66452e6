package dev.parley.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.srtp.SrtpProfile;
import org.junit.jupiter.api.Test;

/** RFC 5764 §4.2 key layout, and the a=setup role choice of RFC 5763 §5. */
class SrtpKeysTest {

    private static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static byte[] range(int from, int to) {
        byte[] b = new byte[to - from];
        for (int i = from; i < to; i++) {
            b[i - from] = (byte) i;
        }
        return b;
    }

    @Test
    void exporterOutputIsClientKeyServerKeyClientSaltServerSalt() {
        byte[] m = counting(60); // AES-CM: 16-byte keys, 14-byte salts

        SrtpKeys client = SrtpKeys.fromExporter(SrtpProfile.AES128_CM_HMAC_SHA1_80, m, DtlsRole.CLIENT);
        SrtpKeys server = SrtpKeys.fromExporter(SrtpProfile.AES128_CM_HMAC_SHA1_80, m, DtlsRole.SERVER);

        assertThat(client.localMasterKey()).isEqualTo(range(0, 16));
        assertThat(client.remoteMasterKey()).isEqualTo(range(16, 32));
        assertThat(client.localMasterSalt()).isEqualTo(range(32, 46));
        assertThat(client.remoteMasterSalt()).isEqualTo(range(46, 60));
        assertThat(server.localMasterKey()).isEqualTo(client.remoteMasterKey());
        assertThat(server.localMasterSalt()).isEqualTo(client.remoteMasterSalt());
        assertThat(server.remoteMasterKey()).isEqualTo(client.localMasterKey());
    }

    @Test
    void gcmUsesTwelveByteSalts() {
        assertThat(SrtpKeys.exportLength(SrtpProfile.AEAD_AES_128_GCM)).isEqualTo(56);
        SrtpKeys server = SrtpKeys.fromExporter(SrtpProfile.AEAD_AES_128_GCM, counting(56), DtlsRole.SERVER);

        assertThat(server.localMasterSalt()).isEqualTo(range(44, 56));
        assertThat(server.remoteMasterSalt()).isEqualTo(range(32, 44));
    }

    @Test
    void wrongAmountOfKeyingMaterialIsRefused() {
        assertThatThrownBy(() -> SrtpKeys.fromExporter(SrtpProfile.AEAD_AES_128_GCM, new byte[60], DtlsRole.CLIENT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsNoKeys() {
        assertThat(SrtpKeys.fromExporter(SrtpProfile.AEAD_AES_128_GCM, counting(56), DtlsRole.CLIENT).toString())
                .doesNotContain("[0").contains("secret");
    }

    @Test
    void answererTakesTheServerRoleForActpassAndActive() {
        assertThat(DtlsRole.forAnswer("actpass")).isEqualTo(DtlsRole.SERVER);
        assertThat(DtlsRole.forAnswer("active")).isEqualTo(DtlsRole.SERVER);
        assertThat(DtlsRole.forAnswer("passive")).isEqualTo(DtlsRole.CLIENT);
        assertThat(DtlsRole.SERVER.setupAttribute()).isEqualTo("passive");
        assertThat(DtlsRole.CLIENT.setupAttribute()).isEqualTo("active");
        assertThatThrownBy(() -> DtlsRole.forAnswer("holdconn")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offererFollowsTheAnswersSetup() {
        assertThat(DtlsRole.forOfferAnswered("active")).isEqualTo(DtlsRole.SERVER);
        assertThat(DtlsRole.forOfferAnswered("passive")).isEqualTo(DtlsRole.CLIENT);
        assertThatThrownBy(() -> DtlsRole.forOfferAnswered("actpass")).isInstanceOf(IllegalArgumentException.class);
    }
}

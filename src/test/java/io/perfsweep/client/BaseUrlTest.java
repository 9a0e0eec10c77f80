package io.perfsweep.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Base URL forms accepted from users and how they become request paths. */
class BaseUrlTest {

    @Test
    void bareHostPortMeansHttp() {
        assertThat(BaseUrl.parse("127.0.0.1:8000")).isEqualTo(new BaseUrl(false, "127.0.0.1", 8000, ""));
    }

    @Test
    void schemesGiveDefaultPorts() {
        assertThat(BaseUrl.parse("http://frontend")).isEqualTo(new BaseUrl(false, "frontend", 80, ""));
        assertThat(BaseUrl.parse("HTTPS://api.example.com/")).isEqualTo(new BaseUrl(true, "api.example.com", 443, ""));
    }

    @Test
    void pathPrefixIsKeptAndATrailingV1IsNotDoubled() {
        assertThat(BaseUrl.parse("http://h:8000/proxy").pathFor(EndpointKind.CHAT))
                .isEqualTo("/proxy/v1/chat/completions");
        assertThat(BaseUrl.parse("http://h:8000/proxy/v1/").pathFor(EndpointKind.COMPLETIONS))
                .isEqualTo("/proxy/v1/completions");
        assertThat(BaseUrl.parse("h:8000").pathFor(EndpointKind.CHAT)).isEqualTo("/v1/chat/completions");
    }

    @Test
    void ipv6HostLosesItsBrackets() {
        assertThat(BaseUrl.parse("http://[::1]:9000").host()).isEqualTo("::1");
    }

    @Test
    void portsOutsideTheTcpRangeAreRejected() {
        assertThatThrownBy(() -> BaseUrl.parse("http://127.0.0.1:99999")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port must be 1 to 65535, was 99999");
        assertThatThrownBy(() -> BaseUrl.parse("127.0.0.1:0")).isInstanceOf(IllegalArgumentException.class);
        assertThat(BaseUrl.parse("127.0.0.1:65535").port()).isEqualTo(65535);
    }

    @Test
    void otherSchemesAndEmptyUrlsAreRejected() {
        assertThatThrownBy(() -> BaseUrl.parse("ftp://h:21")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BaseUrl.parse(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BaseUrl.parse("http://:8000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no host");
    }
}

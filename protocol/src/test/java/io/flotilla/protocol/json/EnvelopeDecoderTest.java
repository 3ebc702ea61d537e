package io.flotilla.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnvelopeDecoderTest {
    private final EnvelopeDecoder decoder = new EnvelopeDecoder();

    private Envelope decode(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(bytes, 0, bytes.length);
    }

    @Test
    void decodesADispatchAndKeepsDAsASpan() {
        Envelope e = decode(
                "{\"op\":0,\"s\":57,\"t\":\"GUILD_ROLE_DELETE\",\"d\":{\"guild_id\":\"111\",\"role_id\":\"222\"}}");
        assertThat(e.op()).isZero();
        assertThat(e.seq()).isEqualTo(57);
        assertThat(e.type()).isEqualTo("GUILD_ROLE_DELETE");
        assertThat(e.dataText()).isEqualTo("{\"guild_id\":\"111\",\"role_id\":\"222\"}");
    }

    @Test
    void handlesDBeforeTAndUnknownKeysAndWhitespace() {
        Envelope e = decode("{ \"d\" : { \"a\" : [1, {\"op\":9}] } , \"x\":{\"y\":[]}, \"t\":\"MESSAGE_CREATE\","
                + " \"s\": 9 , \"op\" : 0 }");
        assertThat(e.op()).isZero();
        assertThat(e.seq()).isEqualTo(9);
        assertThat(e.type()).isEqualTo("MESSAGE_CREATE");
        assertThat(e.dataText()).isEqualTo("{ \"a\" : [1, {\"op\":9}] }");
    }

    @Test
    void nullSAndTMeanNoSeqAndNoType() {
        Envelope hello = decode("{\"t\":null,\"s\":null,\"op\":10,\"d\":{\"heartbeat_interval\":41250}}");
        assertThat(hello.op()).isEqualTo(10);
        assertThat(hello.hasSeq()).isFalse();
        assertThat(hello.type()).isNull();
        assertThat(hello.dataText()).isEqualTo("{\"heartbeat_interval\":41250}");
    }

    @Test
    void scalarDataSpans() {
        assertThat(decode("{\"op\":9,\"d\":true}").dataIsTrue()).isTrue();
        assertThat(decode("{\"op\":9,\"d\":false}").dataIsTrue()).isFalse();
        assertThat(decode("{\"op\":11,\"d\":null}").dataText()).isEqualTo("null");
        assertThat(decode("{\"op\":1,\"d\":1234,\"s\":null}").dataText()).isEqualTo("1234");
        assertThat(decode("{\"op\":0,\"d\":\"a\\\"b\",\"s\":3}").dataText()).isEqualTo("\"a\\\"b\"");
        Envelope ack = decode("{\"op\":11}");
        assertThat(ack.hasData()).isFalse();
        assertThat(ack.dataBytes()).isEmpty();
    }

    @Test
    void spansAreRelativeToTheWholeFrameWhenDecodingFromAnOffset() {
        byte[] frame = "xxxx{\"op\":0,\"s\":1,\"t\":\"READY\",\"d\":{\"v\":10}}yy".getBytes(StandardCharsets.UTF_8);
        Envelope e = decoder.decode(frame, 4, frame.length - 6);
        assertThat(e.dataOffset()).isEqualTo(new String(frame, StandardCharsets.UTF_8).indexOf("{\"v\""));
        assertThat(e.dataText()).isEqualTo("{\"v\":10}");
    }

    @Test
    void multiByteUtf8KeepsByteOffsets() {
        Envelope e = decode("{\"t\":\"MESSAGE_CREATE\",\"x\":\"héllo ✓\",\"d\":{\"content\":\"日本\"},\"op\":0,\"s\":2}");
        assertThat(e.dataText()).isEqualTo("{\"content\":\"日本\"}");
    }

    @Test
    void reusesEventNameStrings() {
        Envelope a = decode("{\"op\":0,\"s\":1,\"t\":\"MESSAGE_CREATE\",\"d\":{}}");
        Envelope b = decode("{\"op\":0,\"s\":2,\"t\":\"MESSAGE_CREATE\",\"d\":{}}");
        assertThat(a.type()).isSameAs(b.type());
    }

    @Test
    void rejectsMalformedPayloads() {
        assertThatThrownBy(() -> decode("[1,2]")).isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> decode("{\"op\":0,\"d\":{")).isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> decode("{\"d\":{}}")).hasMessageContaining("no op");
        assertThatThrownBy(() -> decode("{\"op\":\"0\"}")).hasMessageContaining("'op'");
        assertThatThrownBy(() -> decode("{\"op\":0,\"s\":-4}")).hasMessageContaining("negative");
    }

    @Test
    void skipsDByStructureWithBracketsAndEscapedQuotesInsideStrings() {
        Envelope e = decode("{\"op\":0,\"s\":4,\"t\":\"MESSAGE_CREATE\",\"d\":{\"content\":\"a } ] \\\" [ {\","
                + "\"n\":[1.5e3,-2,true,false,null,{\"x\":\"\\\\\"}]},\"o\":7}");
        assertThat(e.op()).isZero();
        assertThat(e.seq()).isEqualTo(4);
        assertThat(e.dataText())
                .isEqualTo("{\"content\":\"a } ] \\\" [ {\",\"n\":[1.5e3,-2,true,false,null,{\"x\":\"\\\\\"}]}");
    }

    @Test
    void oneLetterKeysOtherThanSTAndDAreUnknown() {
        Envelope e = decode("{\"o\":5,\"p\":\"x\",\"op\":1,\"sd\":3,\"d\":null}");
        assertThat(e.op()).isEqualTo(1);
        assertThat(e.hasSeq()).isFalse();
    }

    @Test
    void anEscapedEventNameIsDecoded() {
        assertThat(decode("{\"op\":0,\"s\":1,\"t\":\"A\\u0042C\",\"d\":{}}").type())
                .isEqualTo("ABC");
    }

    @Test
    void rejectsUnbalancedOrTruncatedData() {
        assertThatThrownBy(() -> decode("{\"op\":0,\"d\":{\"a\":[1}}")).isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> decode("{\"op\":0,\"d\":\"abc")).isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> decode("{\"op\":0,\"d\":tru}")).isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> decode("{\"op\":0 \"d\":1}")).hasMessageContaining("','");
        assertThatThrownBy(() -> decode("{\"op\":1.5}")).hasMessageContaining("'op'");
        assertThatThrownBy(() -> decode("{\"op\":0,\"s\":99999999999999999999}"))
                .hasMessageContaining("'s'");
        assertThatThrownBy(() -> decode("{\"op\":0")).hasMessageContaining("complete");
    }
}

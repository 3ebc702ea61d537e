package io.flotilla.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pre-encoded arguments write exactly the bytes Lettuce writes for the same arguments, one by one. */
class EncodedArgsTest {
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    @Test
    void numbersStringsShortAndSplicedValuesEncodeAsLettuceEncodesThem() {
        byte[] longValue = new byte[RespBuffer.SPLICE_FROM + 900];
        new Random(7).nextBytes(longValue); // any bytes: CR, LF and '$' among them
        byte[] exactlyAtTheLimit = new byte[RespBuffer.SPLICE_FROM];
        Arrays.fill(exactlyAtTheLimit, (byte) 'x');
        long[] numbers = {
            0,
            7,
            -1,
            9,
            10,
            99,
            100,
            101,
            1_000,
            123_456_789,
            1_234_567_890,
            1_764_000_000_000L,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            -42,
            -100
        };

        RespBuffer head = new RespBuffer(8).bulk("key:é:1").bulk(3);
        RespBuffer body = new RespBuffer(8);
        CommandArgs<String, byte[]> lettuce =
                new CommandArgs<>(CODEC).add("key:é:1").add(3);
        for (long number : numbers) {
            body.bulk(number).bulk(longValue).bulk(new byte[0]).bulk(exactlyAtTheLimit);
            lettuce.add(Long.toString(number).getBytes(StandardCharsets.US_ASCII))
                    .add(longValue)
                    .add(new byte[0])
                    .add(exactlyAtTheLimit);
        }
        body.bulk(longValue, 5, 10);
        lettuce.add(Arrays.copyOfRange(longValue, 5, 15));

        EncodedArgs encoded = new EncodedArgs(CODEC, List.of(head, body, new RespBuffer(0)));

        assertThat(encoded.count()).isEqualTo(lettuce.count());
        assertThat(bytes(encoded)).isEqualTo(bytes(lettuce));
        assertThat(encoded.count()).isEqualTo(2 + numbers.length * 4 + 1);
    }

    @Test
    void encodingTwiceWritesTheSameBytesForAReplayAfterAReconnect() {
        byte[] event = new byte[2_000];
        Arrays.fill(event, (byte) '{');
        RespBuffer body = new RespBuffer(4);
        for (int i = 0; i < 300; i++) { // past the first growth of both the array and the splice table
            body.bulk(i).bulk(event);
        }
        EncodedArgs encoded = new EncodedArgs(CODEC, List.of(body));

        assertThat(bytes(encoded)).isEqualTo(bytes(encoded));
        assertThat(bytes(encoded)).hasSize(body.size());
    }

    @Test
    void itsTextNamesOnlyItsSizeNeverAnArgument() {
        RespBuffer body = new RespBuffer(16).bulk("fence-token-secret").bulk("{\"content\":\"hello\"}");

        EncodedArgs encoded = new EncodedArgs(CODEC, List.of(body));

        assertThat(encoded.toString())
                .isEqualTo(encoded.toCommandString())
                .contains("2 arguments")
                .doesNotContain("secret", "hello");
    }

    private static byte[] bytes(CommandArgs<String, byte[]> args) {
        ByteBuf buf = Unpooled.buffer();
        args.encode(buf);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }
}

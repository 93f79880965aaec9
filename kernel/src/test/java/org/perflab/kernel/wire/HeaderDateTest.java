package org.perflab.kernel.wire;

import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading a message header's date: the ISO 8601 forms clients send, and what is not a date to the second. */
class HeaderDateTest {

    @Test
    void jupyterClientDateWithMicrosecondsAndZ() {
        assertEquals(Optional.of(Instant.parse("2024-05-01T12:00:00.123456Z")),
                HeaderDate.parse("2024-05-01T12:00:00.123456Z"));
    }

    @Test
    void offsetsWithAndWithoutColon() {
        Instant noon = Instant.parse("2024-05-01T10:00:00Z");
        assertEquals(Optional.of(noon), HeaderDate.parse("2024-05-01T12:00:00+02:00"));
        assertEquals(Optional.of(noon), HeaderDate.parse("2024-05-01T12:00:00+0200"));
        assertEquals(Optional.of(noon), HeaderDate.parse("2024-05-01T05:00:00.000-0500"));
    }

    @Test
    void spaceForTAndNoZoneMeanUtc() {
        assertEquals(Optional.of(Instant.parse("2024-05-01T12:00:01.5Z")), HeaderDate.parse(" 2024-05-01 12:00:01.5 "));
    }

    @Test
    void notADate() {
        assertEquals(Optional.empty(), HeaderDate.parse(null));
        assertEquals(Optional.empty(), HeaderDate.parse(""));
        assertEquals(Optional.empty(), HeaderDate.parse("yesterday"));
        assertEquals(Optional.empty(), HeaderDate.parse("2024-13-45T99:00:00Z"));
    }

    @Test
    void minutePrecisionIsTooCoarse() {
        assertEquals(Optional.empty(), HeaderDate.parse("2024-05-01T12:00Z"));
    }

    @Test
    void theDateFilledInForAHeaderWithoutOneIsNotRead() {
        // WireFormat gives a header without a date jjava's timestamp of the moment it was decoded.
        assertEquals(Optional.empty(), HeaderDate.parse(KernelTimestamp.now().getDateString()));
    }
}

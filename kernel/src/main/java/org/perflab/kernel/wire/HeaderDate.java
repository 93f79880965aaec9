package org.perflab.kernel.wire;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code date} of a Jupyter message header as an instant, read leniently: ISO 8601 with
 * {@code Z} or an offset, with or without a colon ({@code 2024-05-01T12:00:00.123456Z}, what
 * jupyter_client sends, or {@code +0200}), a space instead of the {@code T}, or no zone, which
 * older clients meant as UTC. A date without seconds is not read: it is too coarse to order a
 * request against an interrupt, and it is what {@link WireFormat} fills in for a header without
 * a date (jjava's minute-precision timestamp of the moment it was decoded).
 */
public final class HeaderDate {

    private static final Pattern OFFSET_WITHOUT_COLON = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    private static final Pattern HAS_SECONDS = Pattern.compile("T\\d{2}:\\d{2}:\\d{2}");

    private HeaderDate() {
    }

    /** The instant the header names, or empty when the text is not a date to the second. */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String iso = OFFSET_WITHOUT_COLON.matcher(text.strip().replace(' ', 'T')).replaceFirst("$1:$2");
        if (!HAS_SECONDS.matcher(iso).find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException withoutZone) {
            try {
                return Optional.of(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}

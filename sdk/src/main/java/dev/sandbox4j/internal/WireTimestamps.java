package dev.sandbox4j.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Reads the API's {@code date-time} values. The server writes them in one canonical shape, {@code
 * 2026-01-02T03:04:05.123456Z} (UTC, 0 to 9 fraction digits); that shape is decoded by hand,
 * because {@code DateTimeFormatter} was a quarter of a list page's client CPU. Anything else (an
 * offset, lower case, no seconds, a leap second) goes to the ISO parser the generated client uses,
 * so both accept and reject exactly the same texts.
 */
final class WireTimestamps {
  private static final int SECONDS_PER_DAY = 86_400;

  private WireTimestamps() {}

  /**
   * Parses an RFC 3339 / ISO offset date-time.
   *
   * @throws java.time.format.DateTimeParseException when it is not one
   */
  static Instant parse(String text) {
    Instant fast = parseCanonical(text);
    return fast != null ? fast : parseIso(text);
  }

  /** The generated client's rule: ISO offset date-time, with a {@code +0000} suffix allowed. */
  static Instant parseIso(String text) {
    String date = text;
    if (date.endsWith("+0000")) {
      date = date.substring(0, date.length() - 5) + "Z";
    }
    return OffsetDateTime.parse(date, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  /** Decodes {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or returns null for any other text. */
  static Instant parseCanonical(String s) {
    int length = s.length();
    if (length < 20 || length > 30 || s.charAt(length - 1) != 'Z') {
      return null;
    }
    if (s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return null;
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int nanos = 0;
    int fractionEnd = length - 1;
    if (fractionEnd > 19) {
      int fractionDigits = fractionEnd - 20;
      if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
        return null;
      }
      nanos = digits(s, 20, fractionDigits);
      if (nanos < 0) {
        return null;
      }
      for (int i = fractionDigits; i < 9; i++) {
        nanos *= 10;
      }
    }
    long epochDay = epochDay(year, month, day);
    long seconds = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** The value of {@code count} ASCII digits at {@code from}, or -1 if any is not a digit. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse). */
  private static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    int shiftedMonth = month > 2 ? month - 3 : month + 9;
    long dayOfYear = (153L * shiftedMonth + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }
}

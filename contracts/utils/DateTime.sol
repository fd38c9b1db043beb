// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/**
 * @dev Calendar arithmetic on the proleptic Gregorian calendar (the Gregorian leap-year rule applied
 * to every year), on whole days counted from the unix epoch: 1970-01-01 is day 0. Dates before the
 * epoch are not represented. Time zones do not exist here: a unix time `t` falls on day
 * `t / SECONDS_PER_DAY` (UTC).
 *
 * The conversions are Howard Hinnant's `days_from_civil` and `civil_from_days` algorithms (public
 * domain, http://howardhinnant.github.io/date_algorithms.html), which count in 400-year eras of
 * 146,097 days starting on 0000-03-01, so that February, with its leap day, is the last month of
 * the computed year. Every intermediate value is non-negative for dates from the epoch on, so the
 * arithmetic is unsigned.
 */
library DateTime {
    /// @dev Seconds in a day: unix time ignores leap seconds.
    uint256 internal constant SECONDS_PER_DAY = 86_400;

    /// @dev Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar.
    uint256 private constant EPOCH_SHIFT = 719_468;
    /// @dev Days in a 400-year era.
    uint256 private constant DAYS_PER_ERA = 146_097;

    /// @dev `year`-`month`-`day` is not a date on or after 1970-01-01.
    error DateTimeInvalidDate(uint256 year, uint256 month, uint256 day);
    /// @dev Moving the month `monthIndex` (`year * 12 + month - 1`) by `months` leaves the calendar.
    error DateTimeMonthOutOfRange(uint256 monthIndex, int256 months);

    /// @dev Whether `year` has 366 days: divisible by 4, except centuries not divisible by 400.
    function isLeapYear(uint256 year) internal pure returns (bool) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /// @dev The number of days of `month` (1 to 12) in `year`; 0 for a month outside 1 to 12.
    function daysInMonth(uint256 year, uint256 month) internal pure returns (uint256) {
        if (month == 2) return isLeapYear(year) ? 29 : 28;
        if (month == 4 || month == 6 || month == 9 || month == 11) return 30;
        return month >= 1 && month <= 12 ? 31 : 0;
    }

    /**
     * @dev The day number of `year`-`month`-`day`.
     *
     * Requirements: a valid date (month 1 to 12, day 1 to {daysInMonth}) in 1970 or later, else
     * {DateTimeInvalidDate}.
     */
    function toDays(uint256 year, uint256 month, uint256 day) internal pure returns (uint256) {
        if (year < 1970 || day == 0 || day > daysInMonth(year, month)) revert DateTimeInvalidDate(year, month, day);
        return _toDays(year, month, day);
    }

    /// @dev The date of day number `dayNumber`: `month` is 1 to 12 and `day` 1 to 31.
    function fromDays(uint256 dayNumber) internal pure returns (uint256 year, uint256 month, uint256 day) {
        uint256 shifted = dayNumber + EPOCH_SHIFT;
        unchecked {
            // Bounded: dayOfEra < 146,097, yearOfEra < 400, dayOfYear < 366, and era * 400 <= shifted.
            uint256 era = shifted / DAYS_PER_ERA;
            uint256 dayOfEra = shifted - era * DAYS_PER_ERA;
            uint256 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
            uint256 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            uint256 shiftedMonth = (5 * dayOfYear + 2) / 153; // 0 is March, 11 is February
            day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
            month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        }
    }

    /**
     * @dev The day `months` calendar months after day `dayNumber` (before it when negative), on the
     * same day of the month, or on the last day of the target month when that month is shorter
     * (2024-08-31 minus 6 months is 2024-02-29). With `endOfMonth`, the result is always the last
     * day of the target month (2024-02-29 minus 6 months is 2023-08-31).
     *
     * Requirements: the result is on or after 1970-01-01, else {DateTimeMonthOutOfRange}.
     */
    function addMonths(uint256 dayNumber, int256 months, bool endOfMonth) internal pure returns (uint256) {
        (uint256 year, uint256 month, uint256 day) = fromDays(dayNumber);
        uint256 monthIndex = year * 12 + month - 1;
        int256 target = SafeCast.toInt256(monthIndex) + months;
        if (target < 1970 * 12) revert DateTimeMonthOutOfRange(monthIndex, months);
        return dayInMonth(uint256(target), day, endOfMonth);
    }

    /**
     * @dev The day number of day `dayOfMonth` of the month numbered `monthIndex` (`year * 12 + month - 1`),
     * moved as {dayOfMonthIn} says.
     *
     * Requirements: the month is 1970-01 or later and `dayOfMonth` is not zero, else {DateTimeInvalidDate}.
     */
    function dayInMonth(uint256 monthIndex, uint256 dayOfMonth, bool endOfMonth) internal pure returns (uint256) {
        uint256 year = monthIndex / 12;
        uint256 month = (monthIndex % 12) + 1;
        if (year < 1970 || dayOfMonth == 0) revert DateTimeInvalidDate(year, month, dayOfMonth);
        return _toDays(year, month, dayOfMonthIn(year, month, dayOfMonth, endOfMonth));
    }

    /**
     * @dev Day `dayOfMonth` of `year`-`month`, or the month's last day when the month is shorter or
     * `endOfMonth` is true.
     */
    function dayOfMonthIn(
        uint256 year,
        uint256 month,
        uint256 dayOfMonth,
        bool endOfMonth
    ) internal pure returns (uint256) {
        uint256 monthLength = daysInMonth(year, month);
        return endOfMonth || dayOfMonth > monthLength ? monthLength : dayOfMonth;
    }

    /// @dev {toDays} of a valid date in 1970 or later.
    function _toDays(uint256 year, uint256 month, uint256 day) private pure returns (uint256) {
        // The computed year starts in March: January and February belong to the year before.
        if (month <= 2) --year;
        uint256 era = year / 400;
        uint256 dayOfEra;
        unchecked {
            // Bounded: yearOfEra < 400, month 1 to 12, day 1 to 31.
            uint256 yearOfEra = year - era * 400;
            uint256 dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
            dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        }
        return era * DAYS_PER_ERA + dayOfEra - EPOCH_SHIFT;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DateTime} from "./DateTime.sol";

/**
 * @dev Day count fractions of the 2006 ISDA Definitions (Section 4.16), on day numbers of
 * {DateTime} (days since 1970-01-01). A fraction is returned exactly, as a `numerator` and a
 * `denominator`: nothing is rounded here, so that a caller multiplying an amount by a rate and by
 * the fraction rounds once, at the end.
 *
 * An accrual period runs from `startDay` included to `endDay` excluded (its "actual days" are
 * `endDay - startDay`).
 */
library DayCount {
    /// @dev The supported conventions, each named after its 2006 ISDA Definitions section.
    enum Convention {
        /// @dev "30/360", "360/360", "Bond Basis" (4.16(f)).
        THIRTY_360_BOND_BASIS,
        /// @dev "30E/360", "Eurobond Basis" (4.16(g)).
        THIRTY_E_360,
        /// @dev "Actual/365 (Fixed)", "Act/365 (Fixed)", "A/365F" (4.16(d)).
        ACT_365_FIXED,
        /// @dev "Actual/Actual (ICMA)", "Act/Act (ICMA)" (4.16(c), ICMA Rule 251).
        ACT_ACT_ICMA,
        /// @dev "Actual/360", "Act/360", "A/360" (4.16(e)): money-market instruments such as treasury bills.
        ACT_360,
        /// @dev "Actual/Actual (ISDA)", "Act/Act (ISDA)", "Actual/365", "Act/365" (4.16(b)). Appended last so that
        /// the values above, already in deployed terms and ABIs, keep their numbers.
        ACT_ACT_ISDA
    }

    /// @dev The accrual period would end (`endDay`) before it starts (`startDay`).
    error DayCountInvalidPeriod(uint256 startDay, uint256 endDay);
    /// @dev The reference period `refStartDay` to `refEndDay` is empty, or `frequency` is zero.
    error DayCountInvalidReferencePeriod(uint256 refStartDay, uint256 refEndDay, uint256 frequency);

    /**
     * @dev The fraction of a year from `startDay` to `endDay` under `convention`, as
     * `numerator / denominator`. The reference period (`refStartDay` to `refEndDay`, the regular
     * coupon period that contains the accrual period) and `frequency` (regular periods per year) are
     * read only by {Convention-ACT_ACT_ICMA}.
     *
     * Requirements: `startDay <= endDay`, else {DayCountInvalidPeriod}; for ACT/ACT ICMA, a non-empty
     * reference period and a non-zero frequency, else {DayCountInvalidReferencePeriod}.
     */
    function fraction(
        Convention convention,
        uint256 startDay,
        uint256 endDay,
        uint256 refStartDay,
        uint256 refEndDay,
        uint256 frequency
    ) internal pure returns (uint256 numerator, uint256 denominator) {
        if (endDay < startDay) revert DayCountInvalidPeriod(startDay, endDay);
        if (convention == Convention.THIRTY_360_BOND_BASIS) return (thirty360Days(startDay, endDay, false), 360);
        if (convention == Convention.THIRTY_E_360) return (thirty360Days(startDay, endDay, true), 360);
        if (convention == Convention.ACT_365_FIXED) return (endDay - startDay, 365);
        if (convention == Convention.ACT_360) return (endDay - startDay, 360);
        if (convention == Convention.ACT_ACT_ISDA) return actActIsda(startDay, endDay);
        if (refEndDay <= refStartDay || frequency == 0) {
            revert DayCountInvalidReferencePeriod(refStartDay, refEndDay, frequency);
        }
        // ICMA Rule 251: days of the accrual period over (periods per year x days of the reference period).
        return (endDay - startDay, frequency * (refEndDay - refStartDay));
    }

    /**
     * @dev ACT/ACT ISDA (4.16(b)): the days of the period falling in a non-leap year over 365 plus
     * those falling in a leap year over 366, as one exact fraction: over 365 or 366 when every day
     * falls in one kind of year, else over 365 * 366 (2003-11-01 to 2004-05-01 is 61/365 + 121/366,
     * that is 66,491 / 133,590).
     */
    function actActIsda(
        uint256 startDay,
        uint256 endDay
    ) internal pure returns (uint256 numerator, uint256 denominator) {
        (uint256 startYear, , ) = DateTime.fromDays(startDay);
        (uint256 endYear, , ) = DateTime.fromDays(endDay);
        uint256 leapDays;
        uint256 otherDays;
        if (startYear == endYear) {
            if (DateTime.isLeapYear(startYear)) leapDays = endDay - startDay;
            else otherDays = endDay - startDay;
        } else {
            // The start year's tail, the whole years between (366 days each leap year), the end year's head.
            uint256 tail = DateTime.toDays(startYear + 1, 1, 1) - startDay;
            uint256 head = endDay - DateTime.toDays(endYear, 1, 1);
            uint256 leapYearsBetween = _leapYearsUpTo(endYear - 1) - _leapYearsUpTo(startYear);
            leapDays = 366 * leapYearsBetween;
            otherDays = 365 * (endYear - startYear - 1 - leapYearsBetween);
            if (DateTime.isLeapYear(startYear)) leapDays += tail;
            else otherDays += tail;
            if (DateTime.isLeapYear(endYear)) leapDays += head;
            else otherDays += head;
        }
        if (leapDays == 0) return (otherDays, 365);
        if (otherDays == 0) return (leapDays, 366);
        return (otherDays * 366 + leapDays * 365, 365 * 366);
    }

    /// @dev The number of leap years from year 1 to `year` included.
    function _leapYearsUpTo(uint256 year) private pure returns (uint256) {
        return year / 4 - year / 100 + year / 400;
    }

    /**
     * @dev The numerator over 360 of the 30/360 conventions:
     * `360 * (Y2 - Y1) + 30 * (M2 - M1) + (D2 - D1)`, where `Y1-M1-D1` is `startDay` and `Y2-M2-D2`
     * is `endDay`, after these changes (`startDay <= endDay`):
     *
     * - Bond Basis (4.16(f), `eurobond` false): D1 = 31 becomes 30; D2 = 31 becomes 30 only when D1
     *   (before the change) is 30 or 31.
     * - Eurobond Basis (4.16(g), `eurobond` true): D1 = 31 becomes 30; D2 = 31 becomes 30.
     *
     * No rule touches the end of February (that is 30E/360 (ISDA), 4.16(h), not supported).
     */
    function thirty360Days(uint256 startDay, uint256 endDay, bool eurobond) internal pure returns (uint256) {
        (uint256 y1, uint256 m1, uint256 d1) = DateTime.fromDays(startDay);
        (uint256 y2, uint256 m2, uint256 d2) = DateTime.fromDays(endDay);
        if (d2 == 31 && (eurobond || d1 >= 30)) d2 = 30;
        if (d1 == 31) d1 = 30;
        // Never negative for startDay <= endDay: a later month adds at least 30 and D2 - D1 >= -29.
        return (360 * y2 + 30 * m2 + d2) - (360 * y1 + 30 * m1 + d1);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DateTime} from "../../utils/DateTime.sol";
import {DayCount} from "../../utils/DayCount.sol";

/**
 * @dev The coupon schedule of a bond, computed from its terms on demand (nothing is stored).
 *
 * Rules:
 *
 * - Coupon dates are generated backward from the maturity date, one period of `12 / frequency`
 *   months at a time, each computed from the maturity date directly (no drift): the date of period
 *   `j` before maturity is the maturity date moved back `j * 12 / frequency` months as
 *   {DateTime-addMonths} does, with the same time of day as the maturity date.
 * - End-of-month rule: when the maturity date is the last day of its month, every coupon date is
 *   the last day of its month (maturity 2030-08-31, semi-annual: ..., 2030-02-28, 2030-08-31).
 *   Otherwise a day that the month does not have becomes the month's last day (maturity
 *   2030-08-30: 2030-02-28, 2030-08-30).
 * - The coupon dates are those on a day after the issue day (the issue date's day), the last one
 *   being the maturity date. When the tenor is not a whole number of periods, the first period,
 *   from the issue date to the first coupon date, is a short first period; its reference period (for
 *   ACT/ACT ICMA) is the regular period that ends on the first coupon date.
 * - Dates are not adjusted to business days: a coupon falling on a holiday is due on chain on its
 *   unadjusted date.
 * - A zero-coupon bond (`frequency` 0) has no coupon dates.
 *
 * Coupons are numbered from 0 in date order; coupon `i` accrues from the issue date (`i` = 0) or
 * coupon date `i - 1` to coupon date `i`.
 */
library CouponSchedule {
    /**
     * @dev The terms the schedule is computed from, and what {create} derives from them once, for the
     * schedule to cost little to read (a bond keeps each field in an immutable).
     */
    struct Schedule {
        /// @dev Unix time of the issue; only its day matters.
        uint256 issueDate;
        /// @dev Unix time of the maturity, the date of the last coupon.
        uint256 maturityDate;
        /// @dev Coupons per year: 0 (zero-coupon) or a divisor of 12 (1, 2, 3, 4, 6, 12).
        uint256 frequency;
        /// @dev The number of coupons.
        uint256 count;
        /// @dev The maturity's month, numbered `year * 12 + month - 1`.
        uint256 maturityMonth;
        /// @dev The maturity's day of the month, 1 to 31.
        uint256 maturityDayOfMonth;
        /// @dev Whether the maturity is the last day of its month (the end-of-month rule applies).
        bool endOfMonth;
    }

    /// @dev `frequency` is neither 0 nor a divisor of 12.
    error CouponScheduleInvalidFrequency(uint256 frequency);
    /// @dev The maturity date is not on a day after the issue date's day.
    error CouponScheduleInvalidDates(uint256 issueDate, uint256 maturityDate);
    /// @dev There is no coupon `index`: the schedule has `count` coupons.
    error CouponScheduleInvalidCoupon(uint256 index, uint256 count);

    /**
     * @dev The schedule of a bond issued at `issueDate`, maturing at `maturityDate` (unix times), with
     * `frequency` coupons per year.
     *
     * Requirements: `frequency` is 0 or a divisor of 12, else {CouponScheduleInvalidFrequency}; the
     * maturity date falls on a later day than the issue date, else {CouponScheduleInvalidDates}.
     */
    function create(
        uint256 issueDate,
        uint256 maturityDate,
        uint256 frequency
    ) internal pure returns (Schedule memory schedule) {
        return create(issueDate, maturityDate, frequency, true);
    }

    /**
     * @dev {create}, with the end-of-month rule on (`endOfMonthRule` true: month ends stay month ends, as
     * {create} always does) or off (false: every coupon falls on the maturity's day of the month, or on
     * the last day of a shorter month; maturity 2030-06-30, semi-annual: 2029-12-30, 2030-06-30).
     */
    function create(
        uint256 issueDate,
        uint256 maturityDate,
        uint256 frequency,
        bool endOfMonthRule
    ) internal pure returns (Schedule memory schedule) {
        if (frequency > 12 || (frequency != 0 && 12 % frequency != 0)) revert CouponScheduleInvalidFrequency(frequency);
        uint256 issueDay = issueDate / DateTime.SECONDS_PER_DAY;
        if (maturityDate / DateTime.SECONDS_PER_DAY <= issueDay) {
            revert CouponScheduleInvalidDates(issueDate, maturityDate);
        }
        (uint256 year, uint256 month, uint256 day) = DateTime.fromDays(maturityDate / DateTime.SECONDS_PER_DAY);
        schedule = Schedule({
            issueDate: issueDate,
            maturityDate: maturityDate,
            frequency: frequency,
            count: 0,
            maturityMonth: year * 12 + month - 1,
            maturityDayOfMonth: day,
            endOfMonth: endOfMonthRule && day == DateTime.daysInMonth(year, month)
        });
        if (frequency != 0) {
            // The coupon dates are the rolled-back dates on a day after the issue day, that is at or after
            // the time of day of the maturity on the day after the issue day.
            uint256 timeOfDay = maturityDate % DateTime.SECONDS_PER_DAY;
            schedule.count = datesOnOrAfter(schedule, (issueDay + 1) * DateTime.SECONDS_PER_DAY + timeOfDay);
        }
    }

    /**
     * @dev The unix time of coupon `index`.
     *
     * Requirements: `index < schedule.count`, else {CouponScheduleInvalidCoupon}.
     */
    function couponDate(Schedule memory schedule, uint256 index) internal pure returns (uint256) {
        _checkIndex(schedule, index);
        return _rolledBack(schedule, schedule.count - 1 - index);
    }

    /**
     * @dev The accrual period of coupon `index` and its reference period, in day numbers: from
     * `startDay` (the issue day or the previous coupon's day) to `endDay` (the coupon's day), and
     * the regular period ending on `endDay`, from `refStartDay` (equal to `startDay` except for a
     * short first period).
     *
     * Requirements: `index < schedule.count`, else {CouponScheduleInvalidCoupon}.
     */
    function accrualPeriod(
        Schedule memory schedule,
        uint256 index
    ) internal pure returns (uint256 startDay, uint256 endDay, uint256 refStartDay) {
        _checkIndex(schedule, index);
        uint256 periodsBefore = schedule.count - 1 - index; // periods from the coupon to maturity
        endDay = _rolledBack(schedule, periodsBefore) / DateTime.SECONDS_PER_DAY;
        refStartDay = _rolledBack(schedule, periodsBefore + 1) / DateTime.SECONDS_PER_DAY;
        startDay = index == 0 ? schedule.issueDate / DateTime.SECONDS_PER_DAY : refStartDay;
    }

    /**
     * @dev The fraction of a year accrued by coupon `index` under `convention`, exactly, as
     * `numerator / denominator` (see {DayCount-fraction}). Under ACT/ACT ICMA a regular period is
     * exactly `1 / frequency`, and a short first period is its days over `frequency` times the days of
     * its reference period.
     *
     * Requirements: `index < schedule.count`, else {CouponScheduleInvalidCoupon}.
     */
    function accrualFraction(
        Schedule memory schedule,
        uint256 index,
        DayCount.Convention convention
    ) internal pure returns (uint256 numerator, uint256 denominator) {
        (uint256 startDay, uint256 endDay, uint256 refStartDay) = accrualPeriod(schedule, index);
        return DayCount.fraction(convention, startDay, endDay, refStartDay, endDay, schedule.frequency);
    }

    /**
     * @dev The number of coupons whose date is before `time`, that is `count` minus the coupons at or
     * after `time`: 0 up to the first coupon date, `count` after the maturity date.
     */
    function countBefore(Schedule memory schedule, uint256 time) internal pure returns (uint256) {
        uint256 atOrAfter = datesOnOrAfter(schedule, time);
        return atOrAfter >= schedule.count ? 0 : schedule.count - atOrAfter;
    }

    /**
     * @dev The number of dates rolled back from the maturity date (the maturity date itself, one
     * period before, two periods before, and so on, without stopping at the issue date) that are at
     * or after `time`. 0 after the maturity date and for a zero-coupon schedule.
     */
    function datesOnOrAfter(Schedule memory schedule, uint256 time) internal pure returns (uint256) {
        uint256 maturityDate = schedule.maturityDate;
        if (time > maturityDate || schedule.frequency == 0) return 0;
        (uint256 year, uint256 month, uint256 day) = DateTime.fromDays(time / DateTime.SECONDS_PER_DAY);
        uint256 timeMonth = year * 12 + month - 1;
        uint256 monthsPerPeriod = 12 / schedule.frequency;
        // Whole periods that fit between the month of `time` and the maturity month: the date rolled back
        // that many periods is in the month of `time` or later, the one after it in an earlier month.
        uint256 periods = (schedule.maturityMonth - timeMonth) / monthsPerPeriod;
        if (schedule.maturityMonth - periods * monthsPerPeriod > timeMonth) return periods + 1;
        // In the month of `time`: compare the day of the month, then the time of day.
        uint256 rolledDay = DateTime.dayOfMonthIn(year, month, schedule.maturityDayOfMonth, schedule.endOfMonth);
        if (rolledDay != day) return rolledDay > day ? periods + 1 : periods;
        return
            schedule.maturityDate % DateTime.SECONDS_PER_DAY >= time % DateTime.SECONDS_PER_DAY ? periods + 1 : periods;
    }

    /// @dev The maturity date moved back `periods` periods, as a unix time with the maturity's time of day.
    function _rolledBack(Schedule memory schedule, uint256 periods) private pure returns (uint256) {
        uint256 month = schedule.maturityMonth - periods * (12 / schedule.frequency);
        uint256 day = DateTime.dayInMonth(month, schedule.maturityDayOfMonth, schedule.endOfMonth);
        return day * DateTime.SECONDS_PER_DAY + (schedule.maturityDate % DateTime.SECONDS_PER_DAY);
    }

    function _checkIndex(Schedule memory schedule, uint256 index) private pure {
        if (index >= schedule.count) revert CouponScheduleInvalidCoupon(index, schedule.count);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DateTime} from "../utils/DateTime.sol";
import {DayCount} from "../utils/DayCount.sol";

/// @dev Exposes {DateTime} and {DayCount} to tests, in batches so that one call checks many dates.
contract DayCountMock {
    function isLeapYear(uint256 year) external pure returns (bool) {
        return DateTime.isLeapYear(year);
    }

    function daysInMonth(uint256 year, uint256 month) external pure returns (uint256) {
        return DateTime.daysInMonth(year, month);
    }

    function toDays(uint256 year, uint256 month, uint256 day) external pure returns (uint256) {
        return DateTime.toDays(year, month, day);
    }

    function addMonths(uint256 dayNumber, int256 months, bool endOfMonth) external pure returns (uint256) {
        return DateTime.addMonths(dayNumber, months, endOfMonth);
    }

    function fraction(
        DayCount.Convention convention,
        uint256 startDay,
        uint256 endDay,
        uint256 refStartDay,
        uint256 refEndDay,
        uint256 frequency
    ) external pure returns (uint256 numerator, uint256 denominator) {
        return DayCount.fraction(convention, startDay, endDay, refStartDay, refEndDay, frequency);
    }

    /// @dev {DateTime-fromDays} of each day number.
    function fromDaysBatch(
        uint256[] calldata dayNumbers
    ) external pure returns (uint256[] memory yearOf, uint256[] memory monthOf, uint256[] memory dayOf) {
        yearOf = new uint256[](dayNumbers.length);
        monthOf = new uint256[](dayNumbers.length);
        dayOf = new uint256[](dayNumbers.length);
        for (uint256 i = 0; i < dayNumbers.length; ++i) {
            (yearOf[i], monthOf[i], dayOf[i]) = DateTime.fromDays(dayNumbers[i]);
        }
    }

    /// @dev {DateTime-addMonths} of each day number, by the same number of months.
    function addMonthsBatch(
        uint256[] calldata dayNumbers,
        int256 months,
        bool endOfMonth
    ) external pure returns (uint256[] memory results) {
        results = new uint256[](dayNumbers.length);
        for (uint256 i = 0; i < dayNumbers.length; ++i) {
            results[i] = DateTime.addMonths(dayNumbers[i], months, endOfMonth);
        }
    }

    /// @dev {DayCount-fraction} of each period, item `i` of every array describing one period.
    function fractionBatch(
        DayCount.Convention convention,
        uint256[] calldata startDays,
        uint256[] calldata endDays,
        uint256[] calldata refStartDays,
        uint256[] calldata refEndDays,
        uint256 frequency
    ) external pure returns (uint256[] memory numerators, uint256[] memory denominators) {
        numerators = new uint256[](startDays.length);
        denominators = new uint256[](startDays.length);
        for (uint256 i = 0; i < startDays.length; ++i) {
            (numerators[i], denominators[i]) = DayCount.fraction(
                convention,
                startDays[i],
                endDays[i],
                refStartDays[i],
                refEndDays[i],
                frequency
            );
        }
    }
}

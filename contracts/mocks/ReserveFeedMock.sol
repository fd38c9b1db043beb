// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @dev A proof-of-reserve feed for tests: the latest round is set by hand, and the feed can be made to revert.
contract ReserveFeedMock is AggregatorV3Interface {
    /// @dev Thrown by every read while the feed is broken.
    error ReserveFeedMockBroken();

    uint8 public decimals;
    uint80 public roundId;
    int256 public answer;
    uint256 public updatedAt;
    bool public broken;

    constructor(uint8 decimals_) {
        decimals = decimals_;
    }

    /// @dev Starts a new round with `answer_` updated at `updatedAt_`.
    function setRound(int256 answer_, uint256 updatedAt_) external {
        ++roundId;
        answer = answer_;
        updatedAt = updatedAt_;
    }

    /// @dev Makes every read revert (`broken` true) or work again.
    function setBroken(bool broken_) external {
        broken = broken_;
    }

    function description() external pure returns (string memory) {
        return "Reserve feed mock";
    }

    function version() external pure returns (uint256) {
        return 1;
    }

    function getRoundData(uint80) external view returns (uint80, int256, uint256, uint256, uint80) {
        return latestRoundData();
    }

    function latestRoundData() public view returns (uint80, int256, uint256, uint256, uint80) {
        if (broken) revert ReserveFeedMockBroken();
        return (roundId, answer, updatedAt, updatedAt, roundId);
    }
}

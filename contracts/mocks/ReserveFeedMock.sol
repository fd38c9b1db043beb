// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/**
 * @dev A proof-of-reserve feed for tests: the latest round is set by hand, and each of its two reads
 * ({decimals}, {latestRoundData}) can be made to answer in a malformed or hostile way ({Shape}).
 */
contract ReserveFeedMock is AggregatorV3Interface {
    /// @dev How a read answers.
    enum Shape {
        Normal,
        /// Reverts with {ReserveFeedMockBroken}.
        Revert,
        /// Reverts with revert data whose memory costs half the gas it is given.
        RevertHuge,
        /// Returns nothing.
        Empty,
        /// Returns one word less than the ABI encoding of its result.
        Short,
        /// Returns its result followed by zeros, as many as {Shape-RevertHuge}: a caller copying them runs out of gas.
        ReturnHuge,
        /// Burns all the gas it is given.
        BurnGas
    }

    /// @dev Thrown by a read whose shape is {Shape-Revert}.
    error ReserveFeedMockBroken();

    uint80 public roundId;
    int256 public answer;
    uint256 public updatedAt;
    /// @dev What {decimals} answers: a word, so that a value no `uint8` can hold can be answered.
    uint256 public decimalsWord;
    Shape public decimalsShape;
    Shape public latestRoundShape;

    constructor(uint8 decimals_) {
        decimalsWord = decimals_;
    }

    /// @dev Starts a new round with `answer_` updated at `updatedAt_`.
    function setRound(int256 answer_, uint256 updatedAt_) external {
        ++roundId;
        answer = answer_;
        updatedAt = updatedAt_;
    }

    /// @dev Makes {latestRoundData} revert (`broken` true) or answer normally again.
    function setBroken(bool broken_) external {
        latestRoundShape = broken_ ? Shape.Revert : Shape.Normal;
    }

    /// @dev Whether {latestRoundData} reverts.
    function broken() external view returns (bool) {
        return latestRoundShape == Shape.Revert;
    }

    /// @dev Makes {decimals} answer `word` (above 255: not a valid `uint8`).
    function setDecimals(uint256 word) external {
        decimalsWord = word;
    }

    /// @dev Sets how {decimals} and {latestRoundData} answer.
    function setShapes(Shape decimalsShape_, Shape latestRoundShape_) external {
        decimalsShape = decimalsShape_;
        latestRoundShape = latestRoundShape_;
    }

    function description() external pure returns (string memory) {
        return "Reserve feed mock";
    }

    function version() external pure returns (uint256) {
        return 1;
    }

    /// @dev Never returns here: {_answer} ends the call.
    function decimals() external view returns (uint8 decimals_) {
        _answer(decimalsShape, abi.encode(decimalsWord));
        return decimals_;
    }

    function getRoundData(uint80) external view returns (uint80, int256, uint256, uint256, uint80) {
        return latestRoundData();
    }

    /// @dev Never returns here: {_answer} ends the call.
    function latestRoundData()
        public
        view
        returns (uint80 id, int256 value, uint256 startedAt, uint256 updated, uint80 answeredIn)
    {
        _answer(latestRoundShape, abi.encode(roundId, answer, updatedAt, updatedAt, roundId));
        return (id, value, startedAt, updated, answeredIn);
    }

    /// @dev Ends the call with `encoded` answered in `shape`.
    function _answer(Shape shape, bytes memory encoded) private view {
        if (shape == Shape.Revert) revert ReserveFeedMockBroken();
        if (shape == Shape.BurnGas) {
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                for {} 1 {} {}
            }
        }
        uint256 size = encoded.length;
        if (shape == Shape.Empty) size = 0;
        if (shape == Shape.Short) size -= 32;
        if (shape == Shape.RevertHuge || shape == Shape.ReturnHuge) {
            // Memory of n words costs about n * n / 512 gas: take n words for half the gas left.
            size = Math.sqrt(gasleft() * 256) * 32;
            bytes memory huge = new bytes(size);
            uint256 length = encoded.length;
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                mcopy(add(huge, 32), add(encoded, 32), length)
            }
            encoded = huge;
        }
        bool reverts = shape == Shape.RevertHuge;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            if reverts {
                revert(add(encoded, 32), size)
            }
            return(add(encoded, 32), size)
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {RegulatedToken} from "../../token/RegulatedToken.sol";
import {TransferRestriction} from "../../token/TransferRestriction.sol";
import {CommodityRestriction} from "./CommodityRestriction.sol";
import {ICommodityReserveToken} from "./ICommodityReserveToken.sol";

/**
 * @dev The reserves behind a {CommodityReserveToken}: the auditors' attestations, the optional
 * proof-of-reserve feed, the physical deliveries that lower them, and what they allow (the
 * capacity, the coverage ratio, the under-collateralised flag). The token's mint gate and
 * redemptions read and record them through the internal functions here.
 *
 * Storage. An attestation is kept in three slots ({StoredAttestation}); its report's URI only in its
 * {ReservesAttested} event (see {ICommodityReserveToken-Attestation}). The counts of attestations
 * and of deliveries are kept in {ReserveSource}, the slot the mint gate reads anyway.
 */
abstract contract CommodityReserves is RegulatedToken, ICommodityReserveToken {
    /// @dev Records reserve attestations.
    bytes32 public constant AUDITOR_ROLE = keccak256("AUDITOR_ROLE");

    /// @dev The most decimals a feed may have: 10**77 is the largest power of ten in a uint256.
    uint8 private constant MAX_FEED_DECIMALS = 77;
    /// @dev {coverageRatio} of 100%.
    uint256 private constant FULL_COVERAGE = 1e18;
    /// @dev Gas given to each read of the feed: a proof-of-reserve proxy answers with a small part of it.
    uint256 private constant FEED_GAS = 100_000;

    /**
     * @dev What the mint gate reads besides the latest attestation and the deliveries, packed in one
     * storage slot: with both counts here, the gate and an attestation read no array length.
     */
    struct ReserveSource {
        AggregatorV3Interface feed;
        uint8 feedDecimals;
        bool underCollateralised;
        uint32 attestationCount;
        uint32 deliveryCount;
    }

    /// @dev The reserves of the active source: `code` is not SUCCESS when they are unusable.
    struct Reading {
        uint8 code;
        /// Reported reserves less the deliveries since `asOf`.
        uint256 reserves;
        uint256 asOf;
        int256 answer;
        /// The `decimals()` word the feed answered.
        uint256 feedDecimals;
    }

    /**
     * @dev An {Attestation} as stored: three whole words, so that recording one writes each new slot
     * once (the fields of a packed struct are written one by one, each after reading its slot).
     */
    struct StoredAttestation {
        /// `reserves` in the low 208 bits, `asOf` above them: the word the mint gate reads.
        uint256 count;
        /// `auditor` in the low 160 bits, then `recordedAt` and `blockNumber`, 48 bits each.
        uint256 record;
        bytes32 reportHash;
    }

    /// @dev The physical deliveries fulfilled up to block time `time`, in reserve units (each rounded up).
    struct Delivery {
        uint48 time;
        uint256 delivered;
    }

    uint256 internal immutable _reserveUnitsPerToken;
    uint48 internal immutable _maxAttestationAge;
    ReserveSource internal _source;
    /// @dev Attestation by index, from 0 to `_source.attestationCount - 1`; the URI is in the event only.
    mapping(uint256 index => StoredAttestation) private _attestations;
    /// @dev One entry per fulfilled physical delivery, from 0 (oldest) to `_source.deliveryCount - 1`, with the
    /// running total delivered.
    mapping(uint256 index => Delivery) internal _deliveries;

    /// @dev The reserve units per whole token and the longest age of a usable reading (checked by the token).
    constructor(uint256 reserveUnitsPerToken_, uint48 maxAttestationAge_) {
        _reserveUnitsPerToken = reserveUnitsPerToken_;
        _maxAttestationAge = maxAttestationAge_;
    }

    // ---------------------------------------------------------------------------------------------
    // Attestations, feed and reads

    /// @inheritdoc ICommodityReserveToken
    function attestReserves(
        uint208 reserves,
        uint48 asOf,
        bytes32 reportHash,
        string calldata uri
    ) external onlyRole(AUDITOR_ROLE) {
        if (asOf > block.timestamp) revert CommodityReserveAttestationInFuture(asOf, block.timestamp);
        ReserveSource memory source = _source;
        uint256 index = source.attestationCount;
        uint256 previousAsOf = index == 0 ? 0 : _attestations[index - 1].count >> 208;
        if (asOf <= previousAsOf) revert CommodityReserveAttestationNotNewer(asOf, previousAsOf);
        if (reportHash == bytes32(0) || bytes(uri).length == 0) revert CommodityReserveInvalidReport(reportHash, uri);
        address auditor = _msgSender();
        _attestations[index] = StoredAttestation(
            uint256(reserves) | (uint256(asOf) << 208),
            uint256(uint160(auditor)) |
                (uint256(SafeCast.toUint48(block.timestamp)) << 160) |
                (uint256(SafeCast.toUint48(block.number)) << 208),
            reportHash
        );
        _source.attestationCount = SafeCast.toUint32(index + 1);
        emit ReservesAttested(index, auditor, reserves, asOf, reportHash, uri);
        if (address(source.feed) == address(0)) _syncCollateralisation(_lessDeliveredSince(reserves, asOf));
    }

    /// @inheritdoc ICommodityReserveToken
    function setReserveFeed(AggregatorV3Interface feed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        ReserveSource memory source = _source;
        source.feed = feed;
        source.feedDecimals = 0;
        if (address(feed) != address(0)) {
            (bool ok, uint256[5] memory answer) = _callFeed(feed, AggregatorV3Interface.decimals.selector, 1);
            if (!ok || answer[0] > MAX_FEED_DECIMALS) revert CommodityReserveInvalidFeed(address(feed), answer[0]);
            source.feedDecimals = uint8(answer[0]);
        }
        // Without a feed: the latest attestation, stale or not (none counts as zero reserves).
        Reading memory reading = _readReserves(source);
        if (address(feed) != address(0) && reading.code != TransferRestriction.SUCCESS) {
            _revertUnusable(reading, source);
        }
        _source = source;
        emit ReserveFeedSet(address(feed), source.feedDecimals);
        _syncCollateralisation(reading.reserves);
    }

    /// @inheritdoc ICommodityReserveToken
    function syncCollateralisation() external returns (bool) {
        (uint256 reserves, ) = currentReserves();
        _syncCollateralisation(reserves);
        return _source.underCollateralised;
    }

    /// @inheritdoc ICommodityReserveToken
    function attestationCount() external view returns (uint256) {
        return _source.attestationCount;
    }

    /// @inheritdoc ICommodityReserveToken
    function attestation(uint256 index) external view returns (Attestation memory) {
        uint256 count = _source.attestationCount;
        if (index >= count) revert CommodityReserveUnknownAttestation(index, count);
        return _attestationAt(index);
    }

    /// @inheritdoc ICommodityReserveToken
    function latestAttestation() external view returns (Attestation memory) {
        uint256 count = _source.attestationCount;
        if (count == 0) revert CommodityReserveNoAttestation();
        return _attestationAt(count - 1);
    }

    /// @inheritdoc ICommodityReserveToken
    function reserveFeed() external view returns (AggregatorV3Interface) {
        return _source.feed;
    }

    /// @inheritdoc ICommodityReserveToken
    function currentReserves() public view returns (uint256 reserves, uint256 asOf) {
        ReserveSource memory source = _source;
        Reading memory reading = _readReserves(source);
        if (reading.code != TransferRestriction.SUCCESS) _revertUnusable(reading, source);
        return (reading.reserves, reading.asOf);
    }

    /// @inheritdoc ICommodityReserveToken
    function reservesDeliveredSince(uint256 time) public view returns (uint256 delivered) {
        uint256 count = _source.deliveryCount;
        if (count == 0) return 0;
        // The first delivery at or after `time`: everything delivered from it on counts.
        uint256 low = 0;
        uint256 high = count;
        while (low < high) {
            uint256 middle = (low + high) / 2;
            if (_deliveries[middle].time < time) low = middle + 1;
            else high = middle;
        }
        delivered = _deliveries[count - 1].delivered;
        if (low != 0) delivered -= _deliveries[low - 1].delivered;
    }

    /// @inheritdoc ICommodityReserveToken
    function reserveCapacity() external view returns (uint256) {
        (uint256 reserves, ) = currentReserves();
        return _capacity(reserves);
    }

    /// @inheritdoc ICommodityReserveToken
    function coverageRatio() external view returns (uint256) {
        uint256 supply = totalSupply();
        if (supply == 0) return type(uint256).max;
        (uint256 reserves, ) = currentReserves();
        uint256 capacity = _capacity(reserves);
        if (capacity / supply >= type(uint256).max / FULL_COVERAGE) return type(uint256).max;
        return Math.mulDiv(capacity, FULL_COVERAGE, supply);
    }

    /// @inheritdoc ICommodityReserveToken
    function isUnderCollateralised() external view returns (bool) {
        return _source.underCollateralised;
    }

    // ---------------------------------------------------------------------------------------------
    // Internal

    /**
     * @dev The reserves of `source`, less the deliveries since the time they refer to: the feed's
     * answer scaled to reserve units (`answer / 10**feedDecimals`, rounded down) and its `updatedAt`
     * when a feed is set, else the latest attestation. Never reverts: an unusable reading has a code.
     */
    function _readReserves(ReserveSource memory source) internal view returns (Reading memory reading) {
        if (address(source.feed) != address(0)) {
            (bool ok, uint256[5] memory answer) = _callFeed(source.feed, AggregatorV3Interface.decimals.selector, 1);
            reading.feedDecimals = answer[0];
            if (ok) (ok, answer) = _callFeed(source.feed, AggregatorV3Interface.latestRoundData.selector, 5);
            if (!ok) {
                reading.code = CommodityRestriction.FEED_UNAVAILABLE;
                return reading;
            }
            if (reading.feedDecimals != source.feedDecimals) {
                reading.code = CommodityRestriction.FEED_DECIMALS_CHANGED;
                return reading;
            }
            // (roundId, answer, startedAt, updatedAt, answeredInRound)
            reading.answer = int256(answer[1]);
            reading.asOf = answer[3];
            if (reading.answer <= 0) {
                reading.code = CommodityRestriction.FEED_ANSWER_NOT_POSITIVE;
                return reading;
            }
            reading.reserves = uint256(reading.answer) / 10 ** source.feedDecimals;
            if (_isStale(reading.asOf)) reading.code = CommodityRestriction.FEED_STALE;
        } else {
            uint256 count = source.attestationCount;
            if (count == 0) {
                reading.code = CommodityRestriction.ATTESTATION_STALE;
                return reading;
            }
            uint256 word = _attestations[count - 1].count;
            (reading.reserves, reading.asOf) = (uint208(word), word >> 208);
            if (_isStale(reading.asOf)) reading.code = CommodityRestriction.ATTESTATION_STALE;
        }
        reading.reserves = _lessDeliveredSince(reading.reserves, reading.asOf);
    }

    /// @dev Attestation `index`, unpacked ({StoredAttestation}).
    function _attestationAt(uint256 index) private view returns (Attestation memory) {
        StoredAttestation storage stored = _attestations[index];
        (uint256 count, uint256 record) = (stored.count, stored.record);
        return
            Attestation(
                uint208(count),
                uint48(count >> 208),
                address(uint160(record)),
                uint48(record >> 160),
                uint48(record >> 208),
                stored.reportHash
            );
    }

    /**
     * @dev Calls `selector` (no arguments) on `feed` with at most {FEED_GAS} gas and copies at most
     * `words` words of its answer: `ok` is false when it reverts or answers fewer words. A feed
     * without code answers nothing.
     */
    function _callFeed(
        AggregatorV3Interface feed,
        bytes4 selector,
        uint256 words
    ) internal view returns (bool ok, uint256[5] memory answer) {
        // Assembly: a high-level call would copy all the returned data, however large.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(0, selector)
            let size := mul(words, 32)
            ok := staticcall(FEED_GAS, feed, 0, 4, answer, size)
            // Arguments are evaluated right to left: the size is read after the call, on its own.
            ok := and(ok, iszero(lt(returndatasize(), size)))
            if iszero(ok) {
                mstore(answer, 0)
            }
        }
    }

    /// @dev Reverts with the error that explains why `reading` of `source` is unusable.
    function _revertUnusable(Reading memory reading, ReserveSource memory source) internal view {
        if (reading.code == CommodityRestriction.ATTESTATION_STALE) {
            revert CommodityReserveAttestationStale(reading.asOf, _maxAttestationAge, block.timestamp);
        }
        if (reading.code == CommodityRestriction.FEED_UNAVAILABLE) {
            revert CommodityReserveFeedUnavailable(address(source.feed));
        }
        if (reading.code == CommodityRestriction.FEED_ANSWER_NOT_POSITIVE) {
            revert CommodityReserveFeedAnswerNotPositive(reading.answer);
        }
        if (reading.code == CommodityRestriction.FEED_DECIMALS_CHANGED) {
            revert CommodityReserveFeedDecimalsChanged(address(source.feed), source.feedDecimals, reading.feedDecimals);
        }
        revert CommodityReserveFeedStale(reading.asOf, _maxAttestationAge, block.timestamp);
    }

    /// @dev Records a physical delivery of `amount` base units, as reserve units rounded up.
    function _recordDelivery(uint256 amount) internal {
        uint256 count = _source.deliveryCount;
        uint256 delivered = count == 0 ? 0 : _deliveries[count - 1].delivered;
        uint256 units = _convert(amount, _reserveUnitsPerToken, _baseUnitsPerToken(), Math.Rounding.Ceil);
        _deliveries[count] = Delivery(SafeCast.toUint48(block.timestamp), Math.saturatingAdd(delivered, units));
        _source.deliveryCount = SafeCast.toUint32(count + 1);
    }

    /// @dev `reserves` counted at time `asOf` less the reserve units delivered since, down to zero.
    function _lessDeliveredSince(uint256 reserves, uint256 asOf) internal view returns (uint256) {
        return Math.saturatingSub(reserves, reservesDeliveredSince(asOf));
    }

    /// @dev Sets or clears the under-collateralised flag from `reserves`, with an event when it changes.
    function _syncCollateralisation(uint256 reserves) internal {
        uint256 supply = totalSupply();
        bool under = _capacity(reserves) < supply;
        if (under == _source.underCollateralised) return;
        _source.underCollateralised = under;
        if (under) emit UnderCollateralised(reserves, supply);
        else emit CollateralisationRestored(reserves, supply);
    }

    /// @dev Base units backed by `reserves` reserve units, rounded down (see {_convert}).
    function _capacity(uint256 reserves) internal view returns (uint256) {
        return _convert(reserves, _baseUnitsPerToken(), _reserveUnitsPerToken, Math.Rounding.Floor);
    }

    /**
     * @dev `x * numerator / denominator`, rounded as `rounding` says, saturating at
     * `type(uint256).max`: whole multiples of `denominator` times `numerator`, plus the part the
     * remainder is worth. It never reverts.
     */
    function _convert(
        uint256 x,
        uint256 numerator,
        uint256 denominator,
        Math.Rounding rounding
    ) internal pure returns (uint256) {
        return
            Math.saturatingAdd(
                Math.saturatingMul(x / denominator, numerator),
                Math.mulDiv(x % denominator, numerator, denominator, rounding)
            );
    }

    /**
     * @dev Whether a count or answer of time `timestamp` is older than the maximum age, or dated after
     * the block: such a time (a feed's `updatedAt` in milliseconds, say) would never age, and would
     * hide every delivery since. An attestation is never dated in the future.
     */
    function _isStale(uint256 timestamp) internal view returns (bool) {
        return timestamp > block.timestamp || block.timestamp - timestamp > _maxAttestationAge;
    }
}

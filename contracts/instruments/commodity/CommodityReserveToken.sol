// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IInvestorRegistry} from "../../registry/IInvestorRegistry.sol";
import {RegulatedToken} from "../../token/RegulatedToken.sol";
import {TransferRestriction} from "../../token/TransferRestriction.sol";
import {CommodityRestriction} from "./CommodityRestriction.sol";
import {CommodityRestrictionMessages} from "./CommodityRestrictionMessages.sol";
import {ICommodityReserveToken} from "./ICommodityReserveToken.sol";

/**
 * @dev A {RegulatedToken} backed by a physical commodity; see {ICommodityReserveToken}.
 *
 * Mint gate. Every mint (the core's {mint} and {batchMint}) passes {_transferRestriction}, which adds
 * the {CommodityRestriction} codes after the core's rules: the reserves must be usable (an
 * attestation no older than `maxAttestationAge`, or a well-formed, positive and fresh feed answer),
 * the token not under-collateralised, and the supply after the mint within the capacity of the
 * reserves. So {detectTransferRestriction}`(address(0), to, amount)` explains a refused mint, and a
 * refused mint reverts with an error carrying the numbers ({_revertRestricted}). Transfers, the
 * escrow and burns are not gated: they do not raise the supply.
 *
 * Reserves. The reserves that gate mints and give the coverage are those reported (the latest
 * attestation's count, or the feed's answer) less every physical delivery fulfilled at or after the
 * time they refer to (`asOf`, or the feed's `updatedAt`): the metal shipped out since the count is
 * no longer in the vault, so the supply its burn freed cannot be minted again until a later count
 * says what is left. Each delivery counts as `amount * reserveUnitsPerToken / 10**decimals` reserve
 * units rounded up, so the coverage never overstates. A cash settlement burns tokens but leaves the
 * metal in custody: it subtracts nothing, and the supply it frees stays backed by that metal (metal
 * sold to pay it leaves the reserves at the next attestation or feed answer, like any other outflow
 * the contract does not settle).
 *
 * Under-collateralisation. A stored flag, set when the reserves of the active source no longer cover
 * the supply, cleared when they do again, each time with an event. It is re-evaluated by
 * {attestReserves} (when no feed is set), {setReserveFeed}, {syncCollateralisation} (anyone), and,
 * without a feed, by every burn (a fulfilled delivery may leave less metal than supply, by rounding):
 * a burn sets the flag when the attested reserves no longer cover the supply, and clears it only
 * while they are usable. While it is set every mint is refused. A mint is also refused whenever the
 * reserves read then do not cover the supply, flag or not (with a feed the flag may not be recorded
 * yet: a refused mint cannot store it, and burns never read a feed).
 *
 * Age. An attestation's age counts from its `asOf` (the time of the count), a feed answer's from its
 * `updatedAt`; either is too old once more than `maxAttestationAge` seconds have passed (exactly
 * `maxAttestationAge` still passes).
 *
 * Feed. The feed is trusted as the admin's choice, but read as hostile code: each read is a
 * `STATICCALL` with at most {FEED_GAS} gas that copies at most five words of the answer, decoded
 * here. A feed that reverts, runs out of that gas or answers fewer words than the ABI encoding
 * refuses mints (code {CommodityRestriction-FEED_UNAVAILABLE}); its `decimals()` are read with every
 * reading and a reading whose decimals differ from those recorded by {setReserveFeed} refuses mints
 * too ({CommodityRestriction-FEED_DECIMALS_CHANGED}): the admin sets the feed again to accept its new
 * scale. No view documented never to revert ({detectTransferRestriction}, {canTransfer}) reverts for
 * a feed, and no enforcement action (a fulfilment, a rejection, the issuer's burn, a forced
 * transfer, a recovery) reads one. Round ids are not checked; an `updatedAt` of zero (an incomplete
 * round) is stale.
 *
 * Redemption. Requests escrow the holder's tokens in this contract ({RegulatedToken-_escrow}), so
 * escrowed tokens stay in the supply until the custodian burns them. A rejected request returns the
 * tokens to a holder who may receive (verified, not frozen, eligible; the maximum balance and holders
 * do not apply to the custodian's decision). A cancelled request is the holder's own action and passes
 * every transfer rule for the receiver ({RegulatedToken-_returnEscrow}): not paused, the maximum
 * balance and holders, the compliance module. If a rule refuses, the request stays pending until it
 * allows, or until the custodian settles the request. A request belongs to the
 * wallet that made it: {recoverWallet} does not move it, so only that wallet can cancel it and a
 * rejection returns to it. No request is made while the token is paused, but pending ones can be
 * settled by the custodian (the core's escrow release is an enforcement action). The custodian named in the metadata is informational:
 * `CUSTODIAN_ROLE` is granted by the admin, like every role.
 *
 * Units. Reserves are counted in the metadata's `unit`; a feed must report in that unit too. Events
 * {UnderCollateralised} and {CollateralisationRestored} carry reserves in that unit and the supply
 * in base units; errors carry the supply and the capacity, both in base units.
 */
contract CommodityReserveToken is RegulatedToken, ICommodityReserveToken {
    /// @dev Records reserve attestations.
    bytes32 public constant AUDITOR_ROLE = keccak256("AUDITOR_ROLE");
    /// @dev Fulfils and rejects redemption requests.
    bytes32 public constant CUSTODIAN_ROLE = keccak256("CUSTODIAN_ROLE");

    /// @dev The most decimals a feed may have: 10**77 is the largest power of ten in a uint256.
    uint8 private constant MAX_FEED_DECIMALS = 77;
    /// @dev {coverageRatio} of 100%.
    uint256 private constant FULL_COVERAGE = 1e18;
    /// @dev Gas given to each read of the feed: a proof-of-reserve proxy answers with a small part of it.
    uint256 private constant FEED_GAS = 100_000;

    /// @dev What the mint gate reads besides the attestations, packed in one storage slot.
    struct ReserveSource {
        AggregatorV3Interface feed;
        uint8 feedDecimals;
        bool underCollateralised;
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

    /// @dev The physical deliveries fulfilled up to block time `time`, in reserve units (each rounded up).
    struct Delivery {
        uint48 time;
        uint256 delivered;
    }

    string private _commodity;
    string private _unitOfMeasure;
    string private _description;
    uint256 private immutable _reserveUnitsPerToken;
    address private immutable _custodian;
    uint48 private immutable _maxAttestationAge;
    /// @dev Created here: the ERC-1404 messages do not fit this contract's code (EIP-170).
    CommodityRestrictionMessages private immutable _messages;

    ReserveSource private _source;
    Attestation[] private _attestations;
    uint256 private _redemptionCount;
    mapping(uint256 id => Redemption) private _redemptions;
    /// @dev One entry per fulfilled physical delivery, oldest first, with the running total delivered.
    Delivery[] private _deliveries;

    /**
     * @param name_ ERC-20 name.
     * @param symbol_ ERC-20 symbol.
     * @param decimals_ ERC-20 decimals.
     * @param registry_ The investor registry.
     * @param admin Holder of `DEFAULT_ADMIN_ROLE`, which grants the other roles.
     * @param adminDelay Seconds a new admin must wait after being nominated before accepting.
     * @param metadata_ What the token stands for; `commodity` and `unit` must not be empty,
     * `reserveUnitsPerToken`, `custodian` and `maxAttestationAge` not zero ({CommodityReserveInvalidMetadata}).
     *
     * The token starts with no attestation: nothing can be minted before the first one.
     */
    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_,
        IInvestorRegistry registry_,
        address admin,
        uint48 adminDelay,
        CommodityMetadata memory metadata_
    ) RegulatedToken(name_, symbol_, decimals_, registry_, admin, adminDelay) {
        if (bytes(metadata_.commodity).length == 0) revert CommodityReserveInvalidMetadata("commodity");
        if (bytes(metadata_.unit).length == 0) revert CommodityReserveInvalidMetadata("unit");
        if (metadata_.reserveUnitsPerToken == 0) revert CommodityReserveInvalidMetadata("reserveUnitsPerToken");
        if (metadata_.custodian == address(0)) revert CommodityReserveInvalidMetadata("custodian");
        if (metadata_.maxAttestationAge == 0) revert CommodityReserveInvalidMetadata("maxAttestationAge");
        _commodity = metadata_.commodity;
        _unitOfMeasure = metadata_.unit;
        _description = metadata_.description;
        _reserveUnitsPerToken = metadata_.reserveUnitsPerToken;
        _custodian = metadata_.custodian;
        _maxAttestationAge = metadata_.maxAttestationAge;
        _messages = new CommodityRestrictionMessages();
    }

    /// @inheritdoc ICommodityReserveToken
    function attestReserves(
        uint208 reserves,
        uint48 asOf,
        bytes32 reportHash,
        string calldata uri
    ) external onlyRole(AUDITOR_ROLE) {
        if (asOf > block.timestamp) revert CommodityReserveAttestationInFuture(asOf, block.timestamp);
        uint256 index = _attestations.length;
        uint48 previousAsOf = index == 0 ? 0 : _attestations[index - 1].asOf;
        if (asOf <= previousAsOf) revert CommodityReserveAttestationNotNewer(asOf, previousAsOf);
        if (reportHash == bytes32(0) || bytes(uri).length == 0) revert CommodityReserveInvalidReport(reportHash, uri);
        address auditor = _msgSender();
        _attestations.push(Attestation(reserves, asOf, auditor, SafeCast.toUint48(block.timestamp), reportHash, uri));
        emit ReservesAttested(index, auditor, reserves, asOf, reportHash, uri);
        if (address(_source.feed) == address(0)) _syncCollateralisation(_lessDeliveredSince(reserves, asOf));
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
    function requestRedemption(
        uint256 amount,
        RedemptionKind kind,
        bytes32 settlementReference
    ) external returns (uint256 id) {
        if (amount == 0 || settlementReference == bytes32(0)) {
            revert CommodityReserveInvalidRedemption(amount, settlementReference);
        }
        address holder = _msgSender();
        id = ++_redemptionCount;
        _redemptions[id] = Redemption(
            holder,
            SafeCast.toUint48(block.timestamp),
            kind,
            RedemptionState.Pending,
            amount,
            settlementReference
        );
        _escrow(holder, amount);
        emit RedemptionRequested(id, holder, amount, kind, settlementReference);
    }

    /// @inheritdoc ICommodityReserveToken
    function fulfilRedemption(uint256 id) external onlyRole(CUSTODIAN_ROLE) {
        Redemption storage request = _pending(id);
        request.state = RedemptionState.Fulfilled;
        (address holder, uint256 amount) = (request.holder, request.amount);
        // Recorded before the burn, which re-evaluates the flag from the reserves left.
        if (request.kind == RedemptionKind.PhysicalDelivery) _recordDelivery(amount);
        _releaseEscrow(address(0), amount);
        emit RedemptionFulfilled(id, holder, amount);
    }

    /// @inheritdoc ICommodityReserveToken
    function rejectRedemption(uint256 id, string calldata reason) external onlyRole(CUSTODIAN_ROLE) {
        if (bytes(reason).length == 0) revert CommodityReserveEmptyReason(id);
        Redemption storage request = _pending(id);
        request.state = RedemptionState.Rejected;
        (address holder, uint256 amount) = (request.holder, request.amount);
        _releaseEscrow(holder, amount);
        emit RedemptionRejected(id, holder, amount, reason);
    }

    /// @inheritdoc ICommodityReserveToken
    function cancelRedemption(uint256 id) external {
        Redemption storage request = _pending(id);
        (address holder, uint256 amount) = (request.holder, request.amount);
        if (holder != _msgSender()) revert CommodityReserveNotRequester(id, _msgSender());
        request.state = RedemptionState.Cancelled;
        _returnEscrow(holder, amount);
        emit RedemptionCancelled(id, holder, amount);
    }

    /// @inheritdoc ICommodityReserveToken
    function metadata() external view returns (CommodityMetadata memory) {
        return
            CommodityMetadata(
                _commodity,
                _unitOfMeasure,
                _description,
                _reserveUnitsPerToken,
                _custodian,
                _maxAttestationAge
            );
    }

    /// @inheritdoc ICommodityReserveToken
    function attestationCount() external view returns (uint256) {
        return _attestations.length;
    }

    /// @inheritdoc ICommodityReserveToken
    function attestation(uint256 index) external view returns (Attestation memory) {
        uint256 count = _attestations.length;
        if (index >= count) revert CommodityReserveUnknownAttestation(index, count);
        return _attestations[index];
    }

    /// @inheritdoc ICommodityReserveToken
    function latestAttestation() external view returns (Attestation memory) {
        uint256 count = _attestations.length;
        if (count == 0) revert CommodityReserveNoAttestation();
        return _attestations[count - 1];
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
        uint256 count = _deliveries.length;
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

    /// @inheritdoc ICommodityReserveToken
    function redemptionCount() external view returns (uint256) {
        return _redemptionCount;
    }

    /// @inheritdoc ICommodityReserveToken
    function redemption(uint256 id) external view returns (Redemption memory) {
        return _redemptions[id];
    }

    /// @dev Explains the {CommodityRestriction} codes and the core's ({CommodityRestrictionMessages}).
    function messageForTransferRestriction(uint8 restrictionCode) public view override returns (string memory) {
        return _messages.message(restrictionCode);
    }

    /// @dev Also answers true for {ICommodityReserveToken}.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(ICommodityReserveToken).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @dev Adds the mint gate to the core's rules (see the contract's documentation).
    function _transferRestriction(address from, address to, uint256 amount) internal view override returns (uint8) {
        uint8 code = super._transferRestriction(from, to, amount);
        if (code != TransferRestriction.SUCCESS || from != address(0)) return code;
        (code, , ) = _mintRestriction(amount);
        return code;
    }

    /// @dev Reverts with the {ICommodityReserveToken} error carrying the numbers of a refused mint.
    function _revertRestricted(uint8 code, address from, address to, uint256 value) internal view override {
        if (code >= CommodityRestriction.ATTESTATION_STALE && code <= CommodityRestriction.FEED_DECIMALS_CHANGED) {
            ReserveSource memory source = _source;
            (, Reading memory reading, uint256 capacity) = _mintRestriction(value);
            if (code == CommodityRestriction.UNDER_COLLATERALISED) {
                revert CommodityReserveUnderCollateralised(totalSupply(), capacity);
            }
            if (code == CommodityRestriction.CAPACITY_EXCEEDED) {
                revert CommodityReserveCapacityExceeded(Math.saturatingAdd(totalSupply(), value), capacity);
            }
            _revertUnusable(reading, source);
        }
        super._revertRestricted(code, from, to, value);
    }

    /**
     * @dev After every burn without a feed: sets the flag when the attested reserves (less the
     * deliveries) no longer cover the supply, clears it when they do and are usable. A burn never
     * reads a feed: enforcement does not depend on one.
     */
    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (to == address(0) && address(_source.feed) == address(0)) {
            Reading memory reading = _readReserves(_source);
            if (reading.code == TransferRestriction.SUCCESS || _capacity(reading.reserves) < totalSupply()) {
                _syncCollateralisation(reading.reserves);
            }
        }
    }

    /**
     * @dev The mint gate for `amount`: its restriction code, the reserves read and their capacity
     * (zero when the reserves are unusable).
     */
    function _mintRestriction(
        uint256 amount
    ) private view returns (uint8 code, Reading memory reading, uint256 capacity) {
        ReserveSource memory source = _source;
        reading = _readReserves(source);
        if (reading.code != TransferRestriction.SUCCESS) return (reading.code, reading, 0);
        capacity = _capacity(reading.reserves);
        uint256 supply = totalSupply();
        if (source.underCollateralised || supply > capacity) {
            return (CommodityRestriction.UNDER_COLLATERALISED, reading, capacity);
        }
        if (amount > capacity - supply) return (CommodityRestriction.CAPACITY_EXCEEDED, reading, capacity);
        return (TransferRestriction.SUCCESS, reading, capacity);
    }

    /**
     * @dev The reserves of `source`, less the deliveries since the time they refer to: the feed's
     * answer scaled to reserve units (`answer / 10**feedDecimals`, rounded down) and its `updatedAt`
     * when a feed is set, else the latest attestation. Never reverts: an unusable reading has a code.
     */
    function _readReserves(ReserveSource memory source) private view returns (Reading memory reading) {
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
            uint256 count = _attestations.length;
            if (count == 0) {
                reading.code = CommodityRestriction.ATTESTATION_STALE;
                return reading;
            }
            Attestation storage latest = _attestations[count - 1];
            reading.reserves = latest.reserves;
            reading.asOf = latest.asOf;
            if (_isStale(reading.asOf)) reading.code = CommodityRestriction.ATTESTATION_STALE;
        }
        reading.reserves = _lessDeliveredSince(reading.reserves, reading.asOf);
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
    ) private view returns (bool ok, uint256[5] memory answer) {
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
    function _revertUnusable(Reading memory reading, ReserveSource memory source) private view {
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
    function _recordDelivery(uint256 amount) private {
        uint256 count = _deliveries.length;
        uint256 delivered = count == 0 ? 0 : _deliveries[count - 1].delivered;
        uint256 units = _convert(amount, _reserveUnitsPerToken, _baseUnitsPerToken(), Math.Rounding.Ceil);
        _deliveries.push(Delivery(SafeCast.toUint48(block.timestamp), Math.saturatingAdd(delivered, units)));
    }

    /// @dev `reserves` counted at time `asOf` less the reserve units delivered since, down to zero.
    function _lessDeliveredSince(uint256 reserves, uint256 asOf) private view returns (uint256) {
        return Math.saturatingSub(reserves, reservesDeliveredSince(asOf));
    }

    /// @dev Sets or clears the under-collateralised flag from `reserves`, with an event when it changes.
    function _syncCollateralisation(uint256 reserves) private {
        uint256 supply = totalSupply();
        bool under = _capacity(reserves) < supply;
        if (under == _source.underCollateralised) return;
        _source.underCollateralised = under;
        if (under) emit UnderCollateralised(reserves, supply);
        else emit CollateralisationRestored(reserves, supply);
    }

    /**
     * @dev Request `id`, which must be pending, else {CommodityReserveRedemptionNotPending}. Callers
     * settle it (change its state) before moving the tokens, so no request is ever settled twice.
     */
    function _pending(uint256 id) private view returns (Redemption storage request) {
        request = _redemptions[id];
        if (request.state != RedemptionState.Pending) revert CommodityReserveRedemptionNotPending(id, request.state);
    }

    /// @dev Base units backed by `reserves` reserve units, rounded down (see {_convert}).
    function _capacity(uint256 reserves) private view returns (uint256) {
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
    ) private pure returns (uint256) {
        return
            Math.saturatingAdd(
                Math.saturatingMul(x / denominator, numerator),
                Math.mulDiv(x % denominator, numerator, denominator, rounding)
            );
    }

    /// @dev Whether a count or answer of time `timestamp` is older than the maximum age.
    function _isStale(uint256 timestamp) private view returns (bool) {
        return timestamp < block.timestamp && block.timestamp - timestamp > _maxAttestationAge;
    }
}

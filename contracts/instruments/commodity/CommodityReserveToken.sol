// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IInvestorRegistry} from "../../registry/IInvestorRegistry.sol";
import {RegulatedToken} from "../../token/RegulatedToken.sol";
import {TransferRestriction} from "../../token/TransferRestriction.sol";
import {CommodityReserves} from "./CommodityReserves.sol";
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
 * `maxAttestationAge` still passes). A feed answer dated after the block is refused as stale.
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
contract CommodityReserveToken is CommodityReserves {
    /// @dev Fulfils and rejects redemption requests.
    bytes32 public constant CUSTODIAN_ROLE = keccak256("CUSTODIAN_ROLE");

    string private _commodity;
    string private _unitOfMeasure;
    string private _description;
    address private immutable _custodian;
    /// @dev Created here: the ERC-1404 messages do not fit this contract's code (EIP-170).
    CommodityRestrictionMessages private immutable _messages;

    uint256 private _redemptionCount;
    mapping(uint256 id => Redemption) private _redemptions;

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
    )
        RegulatedToken(name_, symbol_, decimals_, registry_, admin, adminDelay)
        CommodityReserves(metadata_.reserveUnitsPerToken, metadata_.maxAttestationAge)
    {
        if (bytes(metadata_.commodity).length == 0) revert CommodityReserveInvalidMetadata("commodity");
        if (bytes(metadata_.unit).length == 0) revert CommodityReserveInvalidMetadata("unit");
        if (metadata_.reserveUnitsPerToken == 0) revert CommodityReserveInvalidMetadata("reserveUnitsPerToken");
        if (metadata_.custodian == address(0)) revert CommodityReserveInvalidMetadata("custodian");
        if (metadata_.maxAttestationAge == 0) revert CommodityReserveInvalidMetadata("maxAttestationAge");
        _commodity = metadata_.commodity;
        _unitOfMeasure = metadata_.unit;
        _description = metadata_.description;
        _custodian = metadata_.custodian;
        _messages = new CommodityRestrictionMessages();
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
     * @dev Request `id`, which must be pending, else {CommodityReserveRedemptionNotPending}. Callers
     * settle it (change its state) before moving the tokens, so no request is ever settled twice.
     */
    function _pending(uint256 id) private view returns (Redemption storage request) {
        request = _redemptions[id];
        if (request.state != RedemptionState.Pending) revert CommodityReserveRedemptionNotPending(id, request.state);
    }
}

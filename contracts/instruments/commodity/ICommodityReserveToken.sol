// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/**
 * @dev A token backed by a physical commodity held by a custodian (gold in a vault, crude or gas in
 * storage): every whole token stands for a fixed quantity of the commodity, and minting is gated by
 * the reserves last attested by an auditor (or reported by a proof-of-reserve feed).
 *
 * Quantities of the commodity are counted on chain in "reserve units", named by {CommodityMetadata}
 * `unit` (for example "milligram"): attested reserves, feed answers (once scaled) and
 * `reserveUnitsPerToken` are all in that unit. The capacity of the reserves, in token base units, is
 * `reserves * 10**decimals / reserveUnitsPerToken`, rounded down: no unbacked fraction is ever minted.
 *
 * Redemption: a holder's tokens are escrowed by {requestRedemption}; the custodian burns them once the
 * metal is delivered or the cash paid ({fulfilRedemption}), or returns them ({rejectRedemption}); the
 * holder may withdraw a pending request ({cancelRedemption}). Each request is settled at most once.
 * A fulfilled physical delivery is subtracted from every count made before it ({currentReserves}).
 */
interface ICommodityReserveToken {
    /**
     * @dev What a token stands for, fixed at deployment.
     *
     * @param commodity The commodity, for example "Gold", "Brent crude", "Natural gas".
     * @param unit The reserve unit every quantity on chain is counted in, for example "milligram",
     * "barrel", "MMBtu".
     * @param description The grade or delivery terms, for example "999.9 fine, London Good Delivery bars".
     * @param reserveUnitsPerToken Reserve units that back one whole token (10**decimals base units),
     * for example 1000 for one gram per token counted in milligrams.
     * @param custodian The custodian holding the reserves. Informational: the custodian's powers go to
     * whoever the admin grants `CUSTODIAN_ROLE`, as every role of the core.
     * @param maxAttestationAge Seconds after which an attestation (from its `asOf`) or a feed answer
     * (from its `updatedAt`) is too old to allow a mint.
     */
    struct CommodityMetadata {
        string commodity;
        string unit;
        string description;
        uint256 reserveUnitsPerToken;
        address custodian;
        uint48 maxAttestationAge;
    }

    /**
     * @dev One reserve attestation, as kept by {attestReserves}: three storage slots. The report's URI
     * is not stored: it is in the attestation's {ReservesAttested} event, found by its `index` topic in
     * the logs of block `blockNumber` (`eth_getLogs` on that one block; the SDK's `reserveHistory` and
     * the `report reserve-coverage` task read it so).
     *
     * @param reserves Quantity held, in reserve units.
     * @param asOf The time the count refers to (unix seconds).
     * @param auditor The account that recorded it.
     * @param recordedAt The block time it was recorded.
     * @param blockNumber The block it was recorded in: its {ReservesAttested} event, with the URI, is there.
     * @param reportHash The hash of the audit report (for example its keccak256 or SHA-256).
     */
    struct Attestation {
        uint208 reserves;
        uint48 asOf;
        address auditor;
        uint48 recordedAt;
        uint48 blockNumber;
        bytes32 reportHash;
    }

    /// @dev How a redemption is settled.
    enum RedemptionKind {
        PhysicalDelivery,
        CashSettlement
    }

    /// @dev Where a redemption request stands. Only `Pending` requests can be settled.
    enum RedemptionState {
        None,
        Pending,
        Fulfilled,
        Rejected,
        Cancelled
    }

    /**
     * @dev One redemption request.
     *
     * @param holder The requester, to whom rejected or cancelled tokens return.
     * @param requestedAt The block time of the request.
     * @param kind Physical delivery or cash settlement.
     * @param state See {RedemptionState}.
     * @param amount Escrowed tokens, in base units.
     * @param settlementReference The holder's delivery or settlement reference (for example the hash of delivery
     * instructions or of a bank account reference kept off chain).
     */
    struct Redemption {
        address holder;
        uint48 requestedAt;
        RedemptionKind kind;
        RedemptionState state;
        uint256 amount;
        bytes32 settlementReference;
    }

    /**
     * @dev Emitted when `auditor` records attestation `index`: `reserves` held as of `asOf`, per the
     * audit report of hash `reportHash` readable at `uri`. The event is the only record of `uri`.
     */
    event ReservesAttested(
        uint256 indexed index,
        address indexed auditor,
        uint256 reserves,
        uint256 asOf,
        bytes32 reportHash,
        string uri
    );
    /// @dev Emitted when reserves are read from `feed` (with `decimals` decimals), or from attestations when zero.
    event ReserveFeedSet(address indexed feed, uint8 decimals);
    /// @dev Emitted when `reserves` (reserve units) no longer cover `supply` (base units).
    event UnderCollateralised(uint256 reserves, uint256 supply);
    /// @dev Emitted when `reserves` (reserve units) cover `supply` (base units) again.
    event CollateralisationRestored(uint256 reserves, uint256 supply);
    /// @dev Emitted when `holder` escrows `amount` in request `id`.
    event RedemptionRequested(
        uint256 indexed id,
        address indexed holder,
        uint256 amount,
        RedemptionKind kind,
        bytes32 settlementReference
    );
    /// @dev Emitted when the custodian fulfils request `id`: its `amount` is burnt.
    event RedemptionFulfilled(uint256 indexed id, address indexed holder, uint256 amount);
    /// @dev Emitted when the custodian rejects request `id` for `reason`: its `amount` returns to `holder`.
    event RedemptionRejected(uint256 indexed id, address indexed holder, uint256 amount, string reason);
    /// @dev Emitted when `holder` cancels request `id`: its `amount` returns to `holder`.
    event RedemptionCancelled(uint256 indexed id, address indexed holder, uint256 amount);

    /// @dev The metadata given at deployment is invalid: `field` is empty or zero.
    error CommodityReserveInvalidMetadata(string field);
    /// @dev The attestation's `asOf` is after the current block time `currentTime`.
    error CommodityReserveAttestationInFuture(uint256 asOf, uint256 currentTime);
    /// @dev The attestation's `asOf` is not after `previousAsOf`, that of the latest attestation.
    error CommodityReserveAttestationNotNewer(uint256 asOf, uint256 previousAsOf);
    /// @dev The attestation has a zero `reportHash` or an empty `uri`.
    error CommodityReserveInvalidReport(bytes32 reportHash, string uri);
    /// @dev No attestation `index` exists: only `count` were recorded.
    error CommodityReserveUnknownAttestation(uint256 index, uint256 count);
    /// @dev No attestation has been recorded yet.
    error CommodityReserveNoAttestation();
    /**
     * @dev The latest attestation refers to `asOf`, more than `maxAge` seconds before `currentTime`
     * (`asOf` is 0 when there is no attestation).
     */
    error CommodityReserveAttestationStale(uint256 asOf, uint256 maxAge, uint256 currentTime);
    /// @dev The feed's latest answer was updated at `updatedAt`, more than `maxAge` seconds before `currentTime`, or after it.
    error CommodityReserveFeedStale(uint256 updatedAt, uint256 maxAge, uint256 currentTime);
    /// @dev Reading `feed` reverted, ran out of the gas it is given, or answered fewer bytes than the ABI encoding.
    error CommodityReserveFeedUnavailable(address feed);
    /// @dev `feed` now reports `reported` decimals, not the `recorded` ones it had when it was set.
    error CommodityReserveFeedDecimalsChanged(address feed, uint8 recorded, uint256 reported);
    /// @dev The feed's latest answer, `answer`, is zero or negative.
    error CommodityReserveFeedAnswerNotPositive(int256 answer);
    /**
     * @dev `feed` reports more decimals (`decimals`) than reserves can be scaled from, or its
     * `decimals()` cannot be read (it has no code, reverts or answers nothing: `decimals` is 0).
     */
    error CommodityReserveInvalidFeed(address feed, uint256 decimals);
    /// @dev The token is under-collateralised: `supply` exceeds the `capacity` of the reserves, or the flag is still set.
    error CommodityReserveUnderCollateralised(uint256 supply, uint256 capacity);
    /// @dev A mint would take the supply to `supplyAfter`, above the `capacity` of the reserves.
    error CommodityReserveCapacityExceeded(uint256 supplyAfter, uint256 capacity);
    /// @dev A redemption request of `amount` with `settlementReference` is refused: both must be non-zero.
    error CommodityReserveInvalidRedemption(uint256 amount, bytes32 settlementReference);
    /// @dev Request `id` is in `state`, not `Pending`: it cannot be settled (again).
    error CommodityReserveRedemptionNotPending(uint256 id, RedemptionState state);
    /// @dev `account` is not the holder who made request `id`.
    error CommodityReserveNotRequester(uint256 id, address account);
    /// @dev Request `id` cannot be rejected without a reason.
    error CommodityReserveEmptyReason(uint256 id);

    /**
     * @dev Records an attestation: `reserves` (reserve units) held by the custodian as of `asOf`, with
     * the hash and location of the audit report. Without a reserve feed, the attestation becomes the
     * source of the mint gate and sets or clears the under-collateralised flag; with a feed it is
     * recorded for the history only.
     *
     * Requirements: caller has `AUDITOR_ROLE`; `asOf` is not in the future and is after the `asOf` of
     * the latest attestation; `reportHash` is not zero; `uri` is not empty. An `asOf` already older than
     * the maximum age is accepted (it does not allow minting).
     *
     * Stores the {Attestation} without `uri`, which only the event keeps.
     *
     * Emits a {ReservesAttested} event, and an {UnderCollateralised} or {CollateralisationRestored}
     * event when the flag changes.
     */
    function attestReserves(uint208 reserves, uint48 asOf, bytes32 reportHash, string calldata uri) external;

    /**
     * @dev Reads reserves from the proof-of-reserve `feed` instead of the attestations, or from the
     * attestations again when `feed` is zero. The feed must report the quantity held in the reserve
     * unit ({CommodityMetadata} `unit`) with its own `decimals()`: reserves are `answer / 10**decimals`,
     * rounded down. Its decimals are recorded here and read again with every reading: a reading with
     * other decimals is refused ({CommodityReserveFeedDecimalsChanged}) until the admin sets the feed
     * again. Then the under-collateralised flag is set or cleared from the new source (the latest
     * attestation, stale or not, when `feed` is zero; no attestation counts as zero reserves), less the
     * deliveries since ({currentReserves}).
     *
     * Requirements: caller has `DEFAULT_ADMIN_ROLE`; a non-zero `feed` answers `decimals()` with at most
     * 77 ({CommodityReserveInvalidFeed}) and a latest answer usable as {currentReserves} requires.
     *
     * Emits a {ReserveFeedSet} event, and an {UnderCollateralised} or {CollateralisationRestored}
     * event when the flag changes.
     */
    function setReserveFeed(AggregatorV3Interface feed) external;

    /**
     * @dev Sets or clears the under-collateralised flag from the current reserves. Anyone may call it.
     * It is how a feed's fall below the supply is recorded (a mint refused for it cannot record it,
     * its revert undoes every change), and how a flag set by a feed is cleared once the feed covers
     * the supply again.
     *
     * Requirements: the current reserves are usable (see {currentReserves}).
     *
     * Emits an {UnderCollateralised} or {CollateralisationRestored} event when the flag changes.
     */
    function syncCollateralisation() external returns (bool underCollateralised);

    /**
     * @dev Escrows `amount` of the caller's tokens in a new redemption request, settled by physical
     * delivery or in cash (`kind`) under the caller's `settlementReference`.
     *
     * Requirements: `amount` and `settlementReference` are not zero; the caller may send under the token's rules
     * as for a burn by the holder (not paused, verified, not frozen, eligible, `amount` within its
     * unfrozen tokens).
     *
     * Emits {IERC20-Transfer} (to this contract) and {RedemptionRequested} events.
     */
    function requestRedemption(
        uint256 amount,
        RedemptionKind kind,
        bytes32 settlementReference
    ) external returns (uint256 id);

    /**
     * @dev Burns the escrowed tokens of request `id`: the commodity was delivered or the cash paid.
     * A physical delivery is recorded at the block time, as `amount * reserveUnitsPerToken /
     * 10**decimals` reserve units rounded up, and subtracted from every count made before
     * ({currentReserves}); a cash settlement leaves the metal, and the reserves, as they are.
     *
     * Requirements: caller has `CUSTODIAN_ROLE`; the request is `Pending`. Works while paused, and
     * whatever the feed answers (it is not read).
     *
     * Emits {IERC20-Transfer} (to zero) and {RedemptionFulfilled} events and, without a feed,
     * {UnderCollateralised} when the attested reserves left no longer cover the supply, or
     * {CollateralisationRestored} when the burn brings the supply within usable reserves.
     */
    function fulfilRedemption(uint256 id) external;

    /**
     * @dev Returns the escrowed tokens of request `id` to its holder, for `reason`.
     *
     * Requirements: caller has `CUSTODIAN_ROLE`; the request is `Pending`; `reason` is not empty; the
     * holder may receive (verified, not frozen, country and category allowed; the maximum balance and
     * holders do not apply). Works while paused. A holder who may not receive can still be fulfilled.
     *
     * Emits {IERC20-Transfer} and {RedemptionRejected} events.
     */
    function rejectRedemption(uint256 id, string calldata reason) external;

    /**
     * @dev Withdraws the caller's pending request `id` and returns its escrowed tokens.
     *
     * Requirements: the request is `Pending`; the caller made it; the return passes every transfer rule
     * for the receiver, as a mint to the caller would (not paused, eligible, the maximum balance and
     * holders, the compliance module). If refused, the request stays pending.
     *
     * Emits {IERC20-Transfer} and {RedemptionCancelled} events.
     */
    function cancelRedemption(uint256 id) external;

    /// @dev The metadata fixed at deployment.
    function metadata() external view returns (CommodityMetadata memory);

    /// @dev The number of attestations recorded.
    function attestationCount() external view returns (uint256);

    /**
     * @dev Attestation `index` (from 0, oldest first); reverts with {CommodityReserveUnknownAttestation}.
     * Its report's URI is in its {ReservesAttested} event, in block `blockNumber` ({Attestation}).
     */
    function attestation(uint256 index) external view returns (Attestation memory);

    /**
     * @dev The latest attestation (its URI as for {attestation}); reverts with
     * {CommodityReserveNoAttestation} when there is none.
     */
    function latestAttestation() external view returns (Attestation memory);

    /// @dev The proof-of-reserve feed, zero when reserves come from the attestations.
    function reserveFeed() external view returns (AggregatorV3Interface);

    /**
     * @dev The reserves the mint gate and the coverage use, in reserve units, and the time they refer
     * to: the feed's scaled answer and `updatedAt` when a feed is set, else the latest attestation's
     * `reserves` and `asOf`; less {reservesDeliveredSince}`(asOf)`, the physical deliveries fulfilled
     * since (at `asOf` or later), down to zero.
     *
     * Requirements (else it reverts with the error that explains why): with a feed, it can be read
     * and answers well-formed data ({CommodityReserveFeedUnavailable}) with the decimals recorded
     * ({CommodityReserveFeedDecimalsChanged}), its answer is positive ({CommodityReserveFeedAnswerNotPositive})
     * and neither older than the maximum age nor dated after the block ({CommodityReserveFeedStale}); without, an attestation exists and
     * is not older than the maximum age ({CommodityReserveAttestationStale}, with `asOf` 0 when there is none).
     */
    function currentReserves() external view returns (uint256 reserves, uint256 asOf);

    /**
     * @dev Reserve units delivered by the physical redemptions fulfilled at block time `time` or
     * later, each `amount * reserveUnitsPerToken / 10**decimals` rounded up (the total saturates at
     * `type(uint256).max`).
     */
    function reservesDeliveredSince(uint256 time) external view returns (uint256);

    /**
     * @dev {currentReserves} as token base units: `reserves * 10**decimals / reserveUnitsPerToken`,
     * rounded down, saturating at `type(uint256).max`. The most the supply may reach by minting.
     */
    function reserveCapacity() external view returns (uint256);

    /**
     * @dev The capacity of the current reserves over the supply, with 18 decimals (1e18 is 100%);
     * `type(uint256).max` when the supply is zero, and saturating there (from about 1.16e59, i.e.
     * reserves more than 1e57 times the supply). Reverts as {currentReserves} when the supply is not zero.
     */
    function coverageRatio() external view returns (uint256);

    /// @dev Whether the under-collateralised flag is set: every mint is then refused.
    function isUnderCollateralised() external view returns (bool);

    /// @dev The number of redemption requests made; ids run from 1 to this number.
    function redemptionCount() external view returns (uint256);

    /// @dev Request `id`; all fields are zero (state `None`) for an unknown id.
    function redemption(uint256 id) external view returns (Redemption memory);
}

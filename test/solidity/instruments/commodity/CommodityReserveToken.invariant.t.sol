// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {Test} from "forge-std/Test.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {InvestorRegistry} from "../../../../contracts/registry/InvestorRegistry.sol";
import {CommodityReserveToken} from "../../../../contracts/instruments/commodity/CommodityReserveToken.sol";
import {ICommodityReserveToken} from "../../../../contracts/instruments/commodity/ICommodityReserveToken.sol";

/**
 * @dev Drives a {CommodityReserveToken} through random mints, attestations, redemption requests and
 * settlements, transfers and time, and keeps ghost counters of what must never happen. It records
 * every fulfilled physical delivery itself, so the reserves that back the supply (the latest count
 * less the deliveries since its `asOf`) are computed here independently of the token.
 */
contract CommodityHandler is CommonBase, StdUtils {
    uint256 internal constant UNITS_PER_TOKEN = 1_000;
    uint256 internal constant MAX_AGE = 30 days;

    CommodityReserveToken public immutable token;
    address[] internal _actors;

    /// @dev Successful mints after which the supply exceeded the capacity of the latest attestation less the deliveries since.
    uint256 public mintsAboveReserves;
    /// @dev Successful mints while the latest attestation was too old or the token under-collateralised.
    uint256 public mintsWhileRefusable;
    /// @dev Mints whose outcome disagreed with `detectTransferRestriction` just before.
    uint256 public detectMismatches;
    /// @dev Settlements (fulfil, reject, cancel) that succeeded on an already settled request.
    uint256 public doubleSettlements;
    /// @dev Sum of the amounts of the requests the handler saw opened and not yet settled.
    uint256 public ghostPending;

    uint256 public successfulMints;
    uint256 public settlements;
    uint256 public deliveries;
    mapping(uint256 id => bool) public settled;
    /// @dev Block time and milligrams (rounded up) of each fulfilled physical delivery.
    uint256[] internal _deliveryTimes;
    uint256[] internal _deliveryUnits;

    constructor(CommodityReserveToken token_, address[] memory actors_) {
        token = token_;
        _actors = actors_;
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function mint(uint256 actorSeed, uint256 amount) external {
        address to = _actor(actorSeed);
        uint256 supply = token.totalSupply();
        uint256 capacity = backingCapacity();
        uint256 room = capacity > supply ? capacity - supply : 0;
        // Aim at the edge of the capacity most of the time.
        amount = bound(amount, 0, room + room / 4 + 2);
        uint8 code = token.detectTransferRestriction(address(0), to, amount);
        bool refusable = _latestIsStale() || token.isUnderCollateralised();
        try token.mint(to, amount) {
            ++successfulMints;
            if (code != 0) ++detectMismatches;
            if (token.totalSupply() > backingCapacity()) ++mintsAboveReserves;
            if (refusable) ++mintsWhileRefusable;
        } catch {
            if (code == 0) ++detectMismatches;
        }
    }

    function attest(uint256 reserves, uint256 age) external {
        uint256 count = token.attestationCount();
        uint256 previous = count == 0 ? 0 : token.latestAttestation().asOf;
        if (previous >= block.timestamp) vm.warp(previous + 1);
        uint256 asOf = bound(age, previous + 1, block.timestamp);
        // From well below to well above the supply (in milligrams per whole token).
        uint256 supplyInUnits = (token.totalSupply() * UNITS_PER_TOKEN) / 1e18;
        reserves = bound(reserves, 0, supplyInUnits * 2 + 5_000_000);
        token.attestReserves(uint208(reserves), uint48(asOf), keccak256(abi.encode(count)), "ipfs://report");
    }

    function request(uint256 actorSeed, uint256 amount, bool cash) external {
        address holder = _actor(actorSeed);
        uint256 balance = token.balanceOf(holder);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        ICommodityReserveToken.RedemptionKind kind =
            cash
                ? ICommodityReserveToken.RedemptionKind.CashSettlement
                : ICommodityReserveToken.RedemptionKind.PhysicalDelivery;
        vm.prank(holder);
        token.requestRedemption(amount, kind, keccak256(abi.encode(holder, amount)));
        ghostPending += amount;
    }

    function fulfil(uint256 idSeed) external {
        (uint256 id, uint256 amount) = _pick(idSeed);
        if (id == 0) return;
        bool physical = token.redemption(id).kind == ICommodityReserveToken.RedemptionKind.PhysicalDelivery;
        try token.fulfilRedemption(id) {
            _settled(id, amount);
            if (physical) {
                ++deliveries;
                _deliveryTimes.push(block.timestamp);
                _deliveryUnits.push(Math.ceilDiv(amount * UNITS_PER_TOKEN, 1e18));
            }
        } catch {}
    }

    function reject(uint256 idSeed) external {
        (uint256 id, uint256 amount) = _pick(idSeed);
        if (id == 0) return;
        try token.rejectRedemption(id, "rejected") {
            _settled(id, amount);
        } catch {}
    }

    function cancel(uint256 idSeed, uint256 callerSeed, bool byHolder) external {
        (uint256 id, uint256 amount) = _pick(idSeed);
        if (id == 0) return;
        address caller = byHolder ? token.redemption(id).holder : _actor(callerSeed);
        vm.prank(caller);
        try token.cancelRedemption(id) {
            _settled(id, amount);
        } catch {}
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        amount = bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        token.transfer(to, amount);
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 12 days));
    }

    /// @dev Any request made so far, settled or not, with its amount; id 0 when there is none.
    function _pick(uint256 seed) private view returns (uint256 id, uint256 amount) {
        uint256 count = token.redemptionCount();
        if (count == 0) return (0, 0);
        id = bound(seed, 1, count);
        amount = token.redemption(id).amount;
    }

    function _settled(uint256 id, uint256 amount) private {
        ++settlements;
        if (settled[id]) ++doubleSettlements;
        else ghostPending -= amount;
        settled[id] = true;
    }

    function _actor(uint256 seed) private view returns (address) {
        return _actors[seed % _actors.length];
    }

    /// @dev Milligrams left in the vault by the handler's own count: the latest attestation less the deliveries since its `asOf`.
    function backingReserves() public view returns (uint256) {
        if (token.attestationCount() == 0) return 0;
        ICommodityReserveToken.Attestation memory latest = token.latestAttestation();
        uint256 delivered;
        for (uint256 i = 0; i < _deliveryTimes.length; ++i) {
            if (_deliveryTimes[i] >= latest.asOf) delivered += _deliveryUnits[i];
        }
        return latest.reserves > delivered ? latest.reserves - delivered : 0;
    }

    /// @dev The base units {backingReserves} back, rounded down.
    function backingCapacity() public view returns (uint256) {
        return (backingReserves() * 1e18) / UNITS_PER_TOKEN;
    }

    function _latestIsStale() private view returns (bool) {
        if (token.attestationCount() == 0) return true;
        return block.timestamp - token.latestAttestation().asOf > MAX_AGE;
    }
}

contract CommodityReserveTokenInvariantTest is Test {
    CommodityReserveToken internal token;
    CommodityHandler internal handler;
    address[] internal actors;

    function setUp() public {
        vm.warp(1_750_000_000);
        InvestorRegistry registry = new InvestorRegistry(address(this), 0);
        registry.grantRole(registry.KYC_AGENT_ROLE(), address(this));
        token = new CommodityReserveToken(
            "Gold Gram",
            "GLDG",
            18,
            registry,
            address(this),
            0,
            ICommodityReserveToken.CommodityMetadata({
                commodity: "Gold",
                unit: "milligram",
                description: "999.9 fine",
                reserveUnitsPerToken: 1_000,
                custodian: address(0xC0570D1A),
                maxAttestationAge: 30 days
            })
        );
        for (uint160 i = 1; i <= 3; ++i) {
            address actor = address(0xA11CE000 + i);
            actors.push(actor);
            registry.registerInvestor(actor, bytes32(uint256(i)), 586, 3, type(uint64).max);
        }
        handler = new CommodityHandler(token, actors);
        token.grantRole(token.ISSUER_ROLE(), address(handler));
        token.grantRole(token.AUDITOR_ROLE(), address(handler));
        token.grantRole(token.CUSTODIAN_ROLE(), address(handler));
        token.grantRole(token.AUDITOR_ROLE(), address(this));
        token.attestReserves(5_000_000, uint48(block.timestamp), keccak256("genesis"), "ipfs://genesis");

        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = CommodityHandler.mint.selector;
        selectors[1] = CommodityHandler.attest.selector;
        selectors[2] = CommodityHandler.request.selector;
        selectors[3] = CommodityHandler.fulfil.selector;
        selectors[4] = CommodityHandler.reject.selector;
        selectors[5] = CommodityHandler.cancel.selector;
        selectors[6] = CommodityHandler.transfer.selector;
        selectors[7] = CommodityHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @dev At every successful mint, the supply stayed within the latest attested reserves less the deliveries since.
    function invariant_mintNeverTakesSupplyAboveReserves() public view {
        assertEq(handler.mintsAboveReserves(), 0);
        assertEq(handler.mintsWhileRefusable(), 0);
    }

    /// @dev `detectTransferRestriction` is non-zero exactly when the mint reverts.
    function invariant_detectAgreesWithMint() public view {
        assertEq(handler.detectMismatches(), 0);
    }

    /// @dev The escrow is exactly the sum of the pending requests.
    function invariant_escrowEqualsPendingRequests() public view {
        uint256 pending;
        uint256 count = token.redemptionCount();
        for (uint256 id = 1; id <= count; ++id) {
            ICommodityReserveToken.Redemption memory r = token.redemption(id);
            if (r.state == ICommodityReserveToken.RedemptionState.Pending) pending += r.amount;
            else assertTrue(handler.settled(id) || r.state == ICommodityReserveToken.RedemptionState.None);
        }
        assertEq(token.balanceOf(address(token)), pending);
        assertEq(pending, handler.ghostPending());
    }

    /// @dev Escrowed plus circulating balances equal the supply.
    function invariant_balancesSumToSupply() public view {
        uint256 sum = token.balanceOf(address(token));
        for (uint256 i = 0; i < actors.length; ++i) sum += token.balanceOf(actors[i]);
        assertEq(sum, token.totalSupply());
    }

    /// @dev No request was settled twice.
    function invariant_noDoubleSettlement() public view {
        assertEq(handler.doubleSettlements(), 0);
    }

    /// @dev Reserves (less the deliveries since their count) below the supply always leave the token flagged.
    function invariant_uncoveredSupplyIsFlagged() public view {
        if (token.totalSupply() > handler.backingCapacity()) assertTrue(token.isUnderCollateralised());
    }

    /// @dev The token's reserves and coverage are the independent ones, never more: the coverage never overstates.
    function invariant_coverageNeverOverstates() public view {
        try token.currentReserves() returns (uint256 reserves, uint256) {
            assertEq(reserves, handler.backingReserves());
        } catch {
            return; // stale: no coverage is reported either
        }
        uint256 supply = token.totalSupply();
        uint256 capacity = handler.backingCapacity();
        uint256 ratio = token.coverageRatio();
        if (supply == 0) return assertEq(ratio, type(uint256).max);
        assertEq(ratio, Math.mulDiv(capacity, 1e18, supply));
        // ratio * supply / 1e18 is at most the capacity, itself at most the exact milligrams * 1e18 / 1,000.
        assertLe(Math.mulDiv(ratio, supply, 1e18), capacity);
    }
}

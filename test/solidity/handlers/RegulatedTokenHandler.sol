// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Gas rules do not apply to test code.
// solhint-disable gas-strict-inequalities, gas-increment-by-one

import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {RegulatedTokenMock} from "../../../contracts/mocks/RegulatedTokenMock.sol";
import {IInvestorRegistry} from "../../../contracts/registry/IInvestorRegistry.sol";
import {InvestorRegistry} from "../../../contracts/registry/InvestorRegistry.sol";

/**
 * @dev Drives a {RegulatedTokenMock} and its {InvestorRegistry} through random sequences of holder
 * transfers, mints, burns, escrow requests and their cancellation, enforcement actions, freezes,
 * pauses, KYC changes, policy changes and time warps among six fixed actors, and records in ghost variables every break of the rules the
 * invariant test checks.
 *
 * The handler holds every role of the token and the KYC agent role of the registry; holder
 * operations are made by the actors themselves (pranked). Actors 0 and 1 are two wallets of one
 * investor (for wallet recovery); actor 5 is never registered.
 */
contract RegulatedTokenHandler is CommonBase, StdUtils {
    uint256 public constant ACTOR_COUNT = 6;
    uint256 public constant OUTSIDER_INDEX = 5;
    uint256 internal constant MAX_MINT = 1_000_000e18;

    RegulatedTokenMock public immutable token;
    InvestorRegistry public immutable registry;
    address public immutable spender;

    address[ACTOR_COUNT] internal _actors;
    bytes32[ACTOR_COUNT] internal _ids;
    uint16[ACTOR_COUNT] internal _countries;
    uint8[ACTOR_COUNT] internal _categories;

    /// @dev Holder transfers / transferFroms / mints that succeeded although a restriction was reported.
    uint256 public ghostSucceededDespiteRestriction;
    /// @dev Holder transfers / transferFroms / mints that failed although no restriction was reported.
    uint256 public ghostFailedWithoutRestriction;
    /// @dev Enforcement actions whose outcome differs from the receiver's eligibility (or that moved nothing).
    uint256 public ghostEnforcementMismatch;
    /// @dev Set when a holder transfer takes a wallet's balance below its frozen amount (or its balance before).
    bool public ghostFrozenTokensMoved;
    uint256 public ghostMinted;
    uint256 public ghostBurned;
    /// @dev Set when a holder action (or a mint) adds a holder beyond a maximum number of holders.
    bool public ghostHolderLimitBroken;
    /// @dev Tokens each actor has in escrow (a pending request it may take back).
    uint256[ACTOR_COUNT] public escrowed;

    /// @dev Outcome counters, to see that the sequences really exercise both paths.
    uint256 public transfersSucceeded;
    uint256 public transfersRefused;

    constructor(RegulatedTokenMock token_, InvestorRegistry registry_, address spender_) {
        token = token_;
        registry = registry_;
        spender = spender_;
        bytes32 sharedId = keccak256("KYC-ACTOR-0");
        uint16[ACTOR_COUNT] memory countries = [uint16(586), 586, 840, 826, 784, 586];
        uint8[ACTOR_COUNT] memory categories = [uint8(3), 3, 1, 2, 4, 1];
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            _actors[i] = address(uint160(uint256(keccak256(abi.encode("actor", i)))));
            _ids[i] = i <= 1 ? sharedId : keccak256(abi.encode("KYC-ACTOR", i));
            _countries[i] = countries[i];
            _categories[i] = categories[i];
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Views for the invariant test
    // ---------------------------------------------------------------------------------------------

    function actor(uint256 index) external view returns (address) {
        return _actors[index];
    }

    function outsider() external view returns (address) {
        return _actors[OUTSIDER_INDEX];
    }

    /// @dev Registers actors 0 to 4 and gives each 1,000 tokens (called once by the test after granting the roles).
    function onboard() external {
        for (uint256 i = 0; i < OUTSIDER_INDEX; ++i) {
            _register(i, block.timestamp + 30 days + i * 5 days);
            token.mint(_actors[i], 1_000e18);
            ghostMinted += 1_000e18;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Holder operations: outcome must match detectTransferRestriction
    // ---------------------------------------------------------------------------------------------

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        amount = _amount(from, amount);
        uint8 code = token.detectTransferRestriction(from, to, amount);
        uint256 balanceBefore = token.balanceOf(from);
        uint256 frozenBefore = token.getFrozenTokens(from);

        uint32 holdersBefore = token.holderCount();

        vm.prank(from);
        try token.transfer(to, amount) {
            _record(true, code != 0);
        } catch {
            _record(false, code == 0);
        }
        _checkFrozen(from, balanceBefore, frozenBefore);
        _checkHolderLimit(holdersBefore);
    }

    function transferFrom(uint256 ownerSeed, uint256 toSeed, uint256 amount, uint256 allowance) external {
        address owner = _actor(ownerSeed);
        address to = _actor(toSeed);
        amount = _amount(owner, amount);
        // Mostly enough allowance; sometimes one short.
        allowance = allowance % 4 == 0 && amount != 0 ? amount - 1 : bound(allowance, amount, amount * 2 + 1);
        vm.prank(owner);
        token.approve(spender, allowance);
        uint8 code = token.detectTransferRestriction(owner, to, amount);
        bool refused = code != 0 || allowance < amount;
        uint256 balanceBefore = token.balanceOf(owner);
        uint256 frozenBefore = token.getFrozenTokens(owner);
        uint32 holdersBefore = token.holderCount();

        vm.prank(spender);
        try token.transferFrom(owner, to, amount) {
            _record(true, refused);
        } catch {
            _record(false, !refused);
        }
        _checkFrozen(owner, balanceBefore, frozenBefore);
        _checkHolderLimit(holdersBefore);
    }

    function mint(uint256 toSeed, uint256 amount) external {
        address to = _actor(toSeed);
        amount = bound(amount, 0, MAX_MINT);
        uint8 code = token.detectTransferRestriction(address(0), to, amount);
        uint32 holdersBefore = token.holderCount();
        try token.mint(to, amount) {
            ghostMinted += amount;
            _record(true, code != 0);
        } catch {
            _record(false, code == 0);
        }
        _checkHolderLimit(holdersBefore);
    }

    /// @dev A holder's request: moves some of its unfrozen tokens into escrow (as a redemption request would).
    function escrow(uint256 holderSeed, uint256 amount) external {
        uint256 index = holderSeed % ACTOR_COUNT;
        address holder = _actors[index];
        // Often the whole balance, which frees a holder slot that another wallet may take.
        amount = amount % 2 == 0 ? token.balanceOf(holder) : _amount(holder, amount);
        uint256 balanceBefore = token.balanceOf(holder);
        uint256 frozenBefore = token.getFrozenTokens(holder);
        try token.escrow(holder, amount) {
            escrowed[index] += amount;
        } catch {} // solhint-disable-line no-empty-blocks
        _checkFrozen(holder, balanceBefore, frozenBefore);
    }

    /// @dev A holder takes its escrow back (as a cancelled request): the outcome a mint to it would have.
    function returnEscrow(uint256 holderSeed) external {
        uint256 index = holderSeed % ACTOR_COUNT;
        address holder = _actors[index];
        uint256 amount = escrowed[index];
        uint8 code = token.detectTransferRestriction(address(0), holder, amount);
        uint32 holdersBefore = token.holderCount();
        try token.returnEscrow(holder, amount) {
            escrowed[index] = 0;
            _record(true, code != 0);
        } catch {
            _record(false, code == 0);
        }
        _checkHolderLimit(holdersBefore);
    }

    // ---------------------------------------------------------------------------------------------
    // Enforcement: skips the pause, the sender's rules and freezes, never the receiver's eligibility
    // ---------------------------------------------------------------------------------------------

    function burn(uint256 fromSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        uint256 balance = token.balanceOf(from);
        amount = bound(amount, 0, balance);
        try token.burn(from, amount) {
            ghostBurned += amount;
            if (token.balanceOf(from) != balance - amount) ++ghostEnforcementMismatch;
        } catch {
            ++ghostEnforcementMismatch; // a burn within the balance always works
        }
    }

    function forcedTransfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        amount = bound(amount, 0, token.balanceOf(from));
        bool receivable = token.canReceive(to);
        try token.forcedTransfer(from, to, amount) {
            if (!receivable) ++ghostEnforcementMismatch;
        } catch {
            if (receivable) ++ghostEnforcementMismatch;
        }
    }

    function recoverWallet(bool fromFirst) external {
        (address lost, address replacement) = fromFirst ? (_actors[0], _actors[1]) : (_actors[1], _actors[0]);
        uint256 total = token.balanceOf(lost) + token.balanceOf(replacement);
        bool receivable = token.canReceive(replacement);
        try token.recoverWallet(lost, replacement) {
            if (!receivable || token.balanceOf(lost) != 0 || token.balanceOf(replacement) != total) {
                ++ghostEnforcementMismatch;
            }
        } catch {
            if (receivable) ++ghostEnforcementMismatch;
        }
    }

    function setFrozenTokens(uint256 actorSeed, uint256 amount) external {
        address account = _actor(actorSeed);
        uint256 balance = token.balanceOf(account);
        // Zero, the balance itself, or anything up to twice the balance.
        if (amount % 5 == 0) amount = 0;
        else if (amount % 5 == 1) amount = balance;
        else amount = bound(amount, 0, balance * 2 + 1e18);
        token.setFrozenTokens(account, amount);
    }

    function setAddressFrozen(uint256 actorSeed, bool frozen) external {
        token.setAddressFrozen(_actor(actorSeed), frozen);
    }

    /// @dev Unpauses, or pauses one time in four: the token is paused about a fifth of the time.
    function togglePause(uint256 seed) external {
        if (token.paused()) token.unpause();
        else if (seed % 4 == 0) token.pause();
    }

    // ---------------------------------------------------------------------------------------------
    // Registry, policy and time
    // ---------------------------------------------------------------------------------------------

    /// @dev Revokes a registered actor, or registers again a revoked one. The outsider is never registered.
    function revokeOrRegister(uint256 actorSeed, uint256 ttl) external {
        uint256 index = actorSeed % OUTSIDER_INDEX;
        IInvestorRegistry.Investor memory record = registry.investorOf(_actors[index]);
        if (record.revoked) _register(index, block.timestamp + bound(ttl, 1 hours, 40 days));
        else registry.revokeInvestor(_actors[index]);
    }

    /// @dev Renews the KYC of a registered (possibly expired) actor.
    function renewKyc(uint256 actorSeed, uint256 ttl) external {
        uint256 index = actorSeed % OUTSIDER_INDEX;
        if (registry.investorOf(_actors[index]).revoked) return;
        registry.updateInvestor(
            _actors[index],
            _ids[index],
            _countries[index],
            _categories[index],
            uint64(block.timestamp + bound(ttl, 1 hours, 40 days))
        );
    }

    function changePolicy(uint256 which, uint256 value) external {
        which %= 5;
        if (which == 0) {
            uint16[] memory countries = new uint16[](1);
            countries[0] = 784; // the country of actor 4 only
            token.setCountriesAllowed(countries, !token.isCountryAllowed(784));
        } else if (which == 1) {
            token.setAllowedCategories(value % 2 == 0 ? type(uint16).max : uint16(value));
        } else if (which == 2) {
            token.setMaxBalance(value % 2 == 0 ? 0 : bound(value, 1e18, MAX_MINT * 2));
        } else if (which == 3) {
            token.setMaxHolders(uint32(value % 6));
        } else {
            token.setLockUpEnd(value % 2 == 0 ? 0 : uint64(block.timestamp + bound(value, 0, 5 days)));
        }
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 10 days));
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % ACTOR_COUNT];
    }

    /// @dev Exactly the unfrozen tokens, one more, or any amount up to 1.25x the balance.
    function _amount(address from, uint256 seed) internal view returns (uint256) {
        uint256 balance = token.balanceOf(from);
        uint256 frozen = token.getFrozenTokens(from);
        uint256 unfrozen = balance > frozen ? balance - frozen : 0;
        if (seed % 6 == 0) return unfrozen;
        if (seed % 6 == 1) return unfrozen + 1;
        return bound(seed, 0, balance + balance / 4 + 1);
    }

    function _record(bool succeeded, bool mismatch) internal {
        if (succeeded) ++transfersSucceeded;
        else ++transfersRefused;
        if (mismatch) {
            if (succeeded) ++ghostSucceededDespiteRestriction;
            else ++ghostFailedWithoutRestriction;
        }
    }

    /// @dev A holder transfer never takes the balance below min(frozen amount, balance before).
    function _checkFrozen(address from, uint256 balanceBefore, uint256 frozenBefore) internal {
        uint256 floor = balanceBefore < frozenBefore ? balanceBefore : frozenBefore;
        if (token.balanceOf(from) < floor) ghostFrozenTokensMoved = true;
    }

    /// @dev A holder action may add a holder only within the maximum (which the compliance role may lower below the count).
    function _checkHolderLimit(uint32 holdersBefore) internal {
        uint32 maximum = token.maxHolders();
        uint32 holders = token.holderCount();
        if (maximum != 0 && holders > holdersBefore && holders > maximum) ghostHolderLimitBroken = true;
    }

    function _register(uint256 index, uint256 expiresAt) internal {
        registry.registerInvestor(
            _actors[index],
            _ids[index],
            _countries[index],
            _categories[index],
            uint64(expiresAt)
        );
    }
}

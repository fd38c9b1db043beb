// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC1404} from "../interfaces/IERC1404.sol";
import {IERC7943Fungible} from "../interfaces/IERC7943Fungible.sol";
import {IReferencedActions} from "../interfaces/IReferencedActions.sol";
import {IInvestorRegistry} from "../registry/IInvestorRegistry.sol";
import {checkBatchLength} from "../utils/Batch.sol";
import {ReferencedActions} from "../utils/ReferencedActions.sol";
import {IRegulatedToken} from "./IRegulatedToken.sol";
import {PackedERC20} from "./PackedERC20.sol";
import {TokenFreezes} from "./TokenFreezes.sol";
import {TokenPolicy} from "./TokenPolicy.sol";
import {TransferRestriction} from "./TransferRestriction.sol";

/**
 * @dev The abstract core of every instrument: an ERC-20 whose every balance change passes one {_update} override that
 * enforces the pause, the investor registry, freezes and the token's eligibility policy. {detectTransferRestriction}
 * (ERC-1404) and {canTransfer} (ERC-7943) run the very same checks ({_transferRestriction}): the restriction code is
 * non-zero exactly when a transfer with the same arguments reverts. {canTransfer} answers the permissioned rules only,
 * as ERC-7943 requires: it ignores the ERC-20 balance rule, so it is true for an amount above the balance that every
 * other rule allows, and that transfer reverts only with {IERC20Errors-ERC20InsufficientBalance}.
 *
 * Rules, in the order they are checked (the first that fails gives the restriction code): not paused; the sender and
 * the receiver are each verified in the registry, not frozen, and of an allowed country and category; an amount within
 * the sender's balance is within its unfrozen tokens (the frozen rule is evaluated for amounts within the balance: more
 * than the balance is ERC-20's refusal); no lock-up on holder-to-holder transfers; the receiver stays within the
 * maximum balance and the maximum number of holders; the optional compliance module agrees; last, ERC-20's rule: the
 * amount is within the sender's balance. A mint checks the receiver's rules only; a burn by a holder the sender's.
 *
 * Enforcement actions ({forcedTransfer}, {recoverWallet}, the issuer's {burn}) skip the pause and the sender's rules,
 * may move frozen tokens (lowering the frozen amount first, with a {Frozen} event), and still refuse a receiver that
 * may not receive. They skip the maximum balance, the maximum number of holders and the compliance module's check,
 * which govern investors' choices, not the regulator's.
 *
 * Instruments may hold tokens in escrow, this contract's own balance, only through {_escrow}, {_returnEscrow} and
 * {_releaseEscrow} (for example redemption requests); no transfer, mint or enforcement action can move tokens into or
 * out of it otherwise, even if the token's address were registered. A holder's own action never bypasses the holder
 * rules: tokens a holder takes back from escrow ({_returnEscrow}) pass the receiver's rules, the maximum balance and
 * holders and the compliance module included; only a privileged role's release ({_releaseEscrow}) is enforcement.
 *
 * Every action can carry a reference to its reason ({ReferencedActions-withReference}).
 *
 * Holders are counted by wallet. No proxy: what was audited is what runs; the admin can point the token to a new
 * registry. Decimals are set at deployment.
 *
 * Not checked: the registry and the compliance module are trusted contracts chosen by the admin. A balance change the
 * module would make while it is told of one is refused ({_notifyComplianceModule}).
 *
 * Modules: the policy's state, setters and reads are {TokenPolicy}; the freezes and the account-level rules are
 * {TokenFreezes}; the codes, messages and errors of a refusal are {TransferRestriction}. This contract holds the
 * issuance and enforcement actions, the escrow and the transfer path ({_update}), the one place where every balance
 * change is checked.
 */
abstract contract RegulatedToken is PackedERC20, TokenFreezes, ReferencedActions, IERC1404 {
    /// @dev Mints and burns.
    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");
    /// @dev Pauses and unpauses.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    uint8 private immutable _decimals;
    /// @dev `10 ** decimals()`, kept so that no amount conversion pays for the exponentiation.
    uint256 private immutable _baseUnits;
    /// @dev True while an enforcement action runs, for {_update} to apply the enforcement rules.
    bool private transient _enforcing;
    /// @dev True while {_escrow}, {_returnEscrow} or {_releaseEscrow} runs: only then may this contract hold or give tokens.
    bool private transient _escrowing;
    /// @dev True while the compliance module is told of a balance change ({IComplianceModule-transferred}).
    bool private transient _notifying;

    /// @dev Runs the function as an enforcement action. A flag, not a variant of {_update}: enforcement passes the
    /// instruments' {_update} overrides too. Reset, not restored: read before the balance change only (a nested
    /// action's reset changes nothing after it), and a restore would cost every forced transfer a transient read.
    modifier asEnforcement() {
        _enforcing = true;
        _;
        _enforcing = false;
    }

    /**
     * @param name_ ERC-20 name.
     * @param symbol_ ERC-20 symbol.
     * @param decimals_ ERC-20 decimals.
     * @param registry_ The investor registry.
     * @param admin Holder of `DEFAULT_ADMIN_ROLE`, which grants the other roles.
     * @param adminDelay Seconds a new admin must wait after being nominated before accepting.
     *
     * The policy starts open: every category and country allowed, no maximum, no lock-up.
     */
    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_,
        IInvestorRegistry registry_,
        address admin,
        uint48 adminDelay
    ) PackedERC20(name_, symbol_) AccessControlDefaultAdminRules(adminDelay, admin) TokenPolicy(registry_) {
        _decimals = decimals_;
        _baseUnits = 10 ** decimals_;
    }

    // ---------------------------------------------------------------------------------------------
    // Issuance and enforcement actions

    /// @inheritdoc IRegulatedToken
    function mint(address to, uint256 amount) external onlyRole(ISSUER_ROLE) {
        _mint(to, amount);
    }

    /// @inheritdoc IRegulatedToken
    function batchMint(address[] calldata tos, uint256[] calldata amounts) external onlyRole(ISSUER_ROLE) {
        checkBatchLength(tos.length, amounts.length);
        for (uint256 i = 0; i < tos.length; ++i) {
            _mint(tos[i], amounts[i]);
        }
    }

    /// @inheritdoc IRegulatedToken
    function burn(address from, uint256 amount) external onlyRole(ISSUER_ROLE) asEnforcement {
        _burn(from, amount);
    }

    /// @inheritdoc IERC7943Fungible
    function forcedTransfer(
        address from,
        address to,
        uint256 amount
    ) external onlyRole(ENFORCEMENT_ROLE) returns (bool) {
        _forcedTransfer(from, to, amount);
        return true;
    }

    /// @inheritdoc IRegulatedToken
    function batchForcedTransfer(
        address[] calldata froms,
        address[] calldata tos,
        uint256[] calldata amounts
    ) external onlyRole(ENFORCEMENT_ROLE) {
        checkBatchLength(froms.length, tos.length);
        checkBatchLength(froms.length, amounts.length);
        for (uint256 i = 0; i < froms.length; ++i) {
            _forcedTransfer(froms[i], tos[i], amounts[i]);
        }
    }

    /// @inheritdoc IRegulatedToken
    function recoverWallet(address lost, address replacement) public virtual onlyRole(ENFORCEMENT_ROLE) {
        (bool walletFrozen, uint256 frozenTokens) = _beginRecovery(lost, replacement);
        _syncFreezeFlag(lost);
        uint256 amount = balanceOf(lost);
        _forcedTransfer(lost, replacement, amount);
        _completeRecovery(lost, replacement, walletFrozen, frozenTokens, amount);
        _syncFreezeFlag(replacement);
    }

    // ---------------------------------------------------------------------------------------------
    // Pause

    /// @inheritdoc IRegulatedToken
    function pause() external onlyRole(PAUSER_ROLE) {
        if (_settings.paused) revert EnforcedPause();
        _settings.paused = true;
        emit Paused(_msgSender());
    }

    /// @inheritdoc IRegulatedToken
    function unpause() external onlyRole(PAUSER_ROLE) {
        if (!_settings.paused) revert ExpectedPause();
        _settings.paused = false;
        emit Unpaused(_msgSender());
    }

    // ---------------------------------------------------------------------------------------------
    // Reads: ERC-7943, ERC-1404, ERC-20 metadata

    /// @inheritdoc IERC7943Fungible
    /// @dev The permissioned rules only: {TransferRestriction-INSUFFICIENT_BALANCE}, ERC-20's rule and the
    /// last code checked, counts as allowed (see the contract's documentation).
    function canTransfer(address from, address to, uint256 amount) external view returns (bool) {
        uint8 code = _reportedRestriction(from, to, amount);
        return code == TransferRestriction.SUCCESS || code == TransferRestriction.INSUFFICIENT_BALANCE;
    }

    /// @inheritdoc IERC1404
    /// @dev With `from` zero, tells whether a mint of `value` to `to` would pass, and if not why.
    function detectTransferRestriction(address from, address to, uint256 value) external view returns (uint8) {
        return _reportedRestriction(from, to, value);
    }

    /// @inheritdoc IERC1404
    function messageForTransferRestriction(uint8 restrictionCode) public view virtual returns (string memory) {
        return TransferRestriction.message(restrictionCode);
    }

    /// @inheritdoc PackedERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @dev Base units per whole token: `10 ** decimals()`.
    function _baseUnitsPerToken() internal view returns (uint256) {
        return _baseUnits;
    }

    /// @dev Answers true for {IERC7943Fungible}, {IERC1404}, {IERC20}, {IReferencedActions} and the access-control interfaces.
    function supportsInterface(
        bytes4 interfaceId
    ) public view virtual override(AccessControlDefaultAdminRules, IERC165) returns (bool) {
        return
            interfaceId == type(IERC7943Fungible).interfaceId ||
            interfaceId == type(IERC1404).interfaceId ||
            interfaceId == type(IERC20).interfaceId ||
            interfaceId == type(IReferencedActions).interfaceId ||
            super.supportsInterface(interfaceId);
    }

    /// @inheritdoc IRegulatedToken
    function paused() external view returns (bool) {
        return _settings.paused;
    }

    // ---------------------------------------------------------------------------------------------
    // Escrow: the only way in and out of this contract's own balance

    /**
     * @dev Moves `amount` of `holder` into escrow, a balance held by this contract (for example a redemption request).
     * The holder's rules apply as for a burn by the holder: not paused, sender verified, not frozen, eligible, amount
     * within its unfrozen tokens.
     */
    function _escrow(address holder, uint256 amount) internal {
        _escrowing = true;
        _transfer(holder, address(this), amount);
        _escrowing = false;
    }

    /**
     * @dev Gives `amount` of escrow back to `holder` at the holder's own request (for example a cancelled redemption
     * request), under the transfer rules for the receiver, as for a mint: not paused, `holder` may receive, the maximum
     * balance and the maximum number of holders, the compliance module (which sees the token's address as the sender).
     * No lock-up: the tokens were the holder's.
     */
    function _returnEscrow(address holder, uint256 amount) internal {
        _escrowing = true;
        _transfer(address(this), holder, amount);
        _escrowing = false;
    }

    /**
     * @dev Takes `amount` out of escrow by a privileged role's decision, to `to` (for example back to a holder whose
     * request a custodian rejected), or burnt when `to` is zero. An enforcement action: it works while paused, and `to`
     * must be allowed to receive, but the maximum balance, the maximum number of holders and the compliance module's
     * check do not apply. A holder's own request goes through {_returnEscrow}.
     */
    function _releaseEscrow(address to, uint256 amount) internal asEnforcement {
        _escrowing = true;
        if (to == address(0)) _burn(address(this), amount);
        else _transfer(address(this), to, amount);
        _escrowing = false;
    }

    // ---------------------------------------------------------------------------------------------
    // The transfer path: every balance change passes here

    /// @dev The one hook of every balance change: applies the transfer rules (or, during an enforcement action, the
    /// enforcement rules), counts holders and informs the compliance module.
    function _update(address from, address to, uint256 value) internal virtual override {
        if (_enforcing) {
            _checkEnforcement(from, to, value);
        } else {
            uint8 code = _transferRestriction(from, to, value);
            if (code != TransferRestriction.SUCCESS) _revertRestricted(code, from, to, value);
        }
        // The balances move as in {PackedERC20-_update}, which returns what the holder count needs.
        (uint256 fromBalanceAfter, uint256 toBalanceBefore) = _moveBalance(from, to, value);
        _countHolders(from, to, value, fromBalanceAfter, toBalanceBefore);
        if (_settings.hasComplianceModule) _notifyComplianceModule(from, to, value);
    }

    /**
     * @dev The restriction code of moving `amount` from `from` to `to` (zero `from`: a mint; zero `to`: a burn by the
     * holder); {TransferRestriction-SUCCESS} when it would pass. Instruments extend it with their own codes (from 32)
     * and {_revertRestricted} with their errors. The core reports {TransferRestriction-INSUFFICIENT_BALANCE} only after
     * every other rule passed, and {canTransfer} counts it as allowed: an override that adds rules after the core's
     * must apply them to that code too.
     */
    function _transferRestriction(address from, address to, uint256 amount) internal view virtual returns (uint8) {
        // The escrow, this contract's own balance, is no wallet: tokens enter it only through {_escrow}, under the
        // holder's rules as for a burn, and leave it through {_returnEscrow}, under the receiver's rules as for a
        // mint (or {_releaseEscrow}, enforcement). The module still sees the token's address ({IComplianceModule}).
        (address sender, address receiver) = (from, to);
        if (to == address(this)) {
            if (!_escrowing) return TransferRestriction.RECEIVER_NOT_VERIFIED;
            receiver = address(0);
        }
        if (from == address(this)) {
            if (!_escrowing) return TransferRestriction.SENDER_NOT_VERIFIED;
            sender = address(0);
        }
        uint256 settings = _settingsWord();
        if (_isSet(settings, PAUSED_BIT)) return TransferRestriction.PAUSED;
        (uint256 senderEligibility, uint256 receiverEligibility) = _eligibilities(settings, sender, receiver);
        // One storage read per party gives its balance and whether it has a freeze to read.
        uint256 balance;
        bool senderFlagged;
        uint8 code;
        if (sender != address(0)) {
            (balance, senderFlagged) = _balanceAndFlag(sender);
            code = _accountRestriction(sender, senderEligibility, senderFlagged, settings);
            if (code != TransferRestriction.SUCCESS) return code;
        }
        if (receiver != address(0)) {
            (, bool receiverFlagged) = _balanceAndFlag(receiver);
            code = _accountRestriction(receiver, receiverEligibility, receiverFlagged, settings);
            if (code != TransferRestriction.SUCCESS) return code + 1; // the receiver's code
        }
        if (sender != address(0)) {
            if (senderFlagged && amount <= balance && amount > _unfrozenBalance(sender, balance)) {
                return TransferRestriction.INSUFFICIENT_UNFROZEN_BALANCE;
            }
            if (receiver != address(0) && _lockedUp(settings)) return TransferRestriction.LOCKED_UP;
        }
        if (receiver != address(0) && sender != receiver) {
            if (_isSet(settings, HAS_MAX_BALANCE_BIT) && _exceedsMaxBalance(receiver, amount)) {
                return TransferRestriction.MAX_BALANCE_EXCEEDED;
            }
            if (_isSet(settings, HAS_MAX_HOLDERS_BIT) && _exceedsMaxHolders(sender, receiver, amount)) {
                return TransferRestriction.MAX_HOLDERS_REACHED;
            }
        }
        if (_isSet(settings, HAS_COMPLIANCE_MODULE_BIT) && !_complianceModule.canTransfer(from, to, amount)) {
            return TransferRestriction.COMPLIANCE_MODULE_REFUSED;
        }
        // ERC-20's own rule, last: {canTransfer} reports the permissioned rules above only.
        if (sender != address(0) && amount > balance) return TransferRestriction.INSUFFICIENT_BALANCE;
        return TransferRestriction.SUCCESS;
    }

    /// @dev The restriction reported to integrators: {_transferRestriction}, except that no transfer can go to the zero
    /// address (ERC-20 refuses it), where a holder burn would pass.
    function _reportedRestriction(address from, address to, uint256 amount) private view returns (uint8) {
        if (to == address(0)) return TransferRestriction.RECEIVER_NOT_VERIFIED;
        return _transferRestriction(from, to, amount);
    }

    /// @dev Reverts with the error that explains restriction `code` of a transfer of `value` from `from` to `to`.
    function _revertRestricted(uint8 code, address from, address to, uint256 value) internal view virtual {
        uint256 fromBalance = balanceOf(from);
        _revertWith(
            code,
            from,
            to,
            value,
            fromBalance,
            _unfrozenBalance(from, fromBalance),
            _settings.lockUpEndsAt,
            balanceOf(to),
            _maxBalance,
            _maxHolders
        );
    }

    /// @dev {TransferRestriction-revertWith}, given the figures {_revertRestricted} read. An instrument near the
    /// contract size limit runs it from its linked library instead.
    function _revertWith(
        uint8 code,
        address from,
        address to,
        uint256 value,
        uint256 fromBalance,
        uint256 fromUnfrozen,
        uint256 lockUpEndsAt_,
        uint256 toBalance,
        uint256 maxBalance_,
        uint256 maxHolders_
    ) internal pure virtual {
        TransferRestriction.revertWith(
            code,
            from,
            to,
            value,
            fromBalance,
            fromUnfrozen,
            lockUpEndsAt_,
            toBalance,
            maxBalance_,
            maxHolders_
        );
    }

    // ---------------------------------------------------------------------------------------------
    // Rules and bookkeeping of the transfer path

    /// @dev Enforcement rules: the receiver (unless burning) must be allowed to receive; the frozen tokens that the move
    /// takes (the part of `value` above the sender's unfrozen tokens) are unfrozen first, with a {Frozen} event. A
    /// freeze above the balance keeps its excess.
    function _checkEnforcement(address from, address to, uint256 value) private {
        if (
            to == address(this) ||
            (to != address(0) && _accountRestriction(to, _settingsWord()) != TransferRestriction.SUCCESS)
        ) {
            revert ERC7943CannotReceive(to);
        }
        // `from` is never zero here: enforcement actions transfer or burn, and ERC-20 refuses a zero sender.
        if (from == address(this)) {
            if (_escrowing) return; // {_releaseEscrow}
            revert ERC7943CannotSend(from);
        }
        uint256 balance = balanceOf(from);
        // Nothing leaves the wallet, or ERC-20 reports the shortfall.
        if (from == to || value > balance) return;
        uint256 unfrozen = _unfrozenBalance(from, balance);
        if (value > unfrozen) _setFrozenTokens(from, _freezes[from].frozenTokens - (value - unfrozen));
    }

    /// @dev Whether `account` would hold more than the maximum balance after receiving `amount` (no overflow).
    function _exceedsMaxBalance(address account, uint256 amount) private view returns (bool) {
        uint256 balance = balanceOf(account);
        return balance > _maxBalance || amount > _maxBalance - balance;
    }

    /// @dev Whether moving `amount` from `from` to `to` raises the number of holders while it is at the maximum.
    function _exceedsMaxHolders(address from, address to, uint256 amount) private view returns (bool) {
        bool toIsNew = amount != 0 && balanceOf(to) == 0;
        bool fromLeaves = from != address(0) && amount != 0 && balanceOf(from) == amount;
        return toIsNew && !fromLeaves && _holderCount >= _maxHolders;
    }

    /// @dev Whether the lock-up of the settings word `settings` is still running.
    function _lockedUp(uint256 settings) private view returns (bool) {
        return block.timestamp < uint40(settings >> LOCK_UP_ENDS_AT_BIT);
    }

    /// @dev Keeps {holderCount}: wallets with a non-zero balance, the escrow not included. `fromBalanceAfter` and
    /// `toBalanceBefore`: the balances {_moveBalance} returned.
    function _countHolders(
        address from,
        address to,
        uint256 value,
        uint256 fromBalanceAfter,
        uint256 toBalanceBefore
    ) private {
        if (value == 0 || from == to) return;
        if (to != address(0) && to != address(this) && toBalanceBefore == 0) ++_holderCount;
        if (from != address(0) && from != address(this) && fromBalanceAfter == 0) --_holderCount;
    }

    /// @dev Tells the compliance module of a balance change. A balance change the module would make meanwhile is
    /// refused: it would run under this action's rules (an enforcement action's, an escrow's), or before the action's
    /// bookkeeping ends (a recovery's freeze of the replacement).
    function _notifyComplianceModule(address from, address to, uint256 value) private {
        if (_notifying) revert ReentrancyGuardTransient.ReentrancyGuardReentrantCall();
        _notifying = true;
        _complianceModule.transferred(from, to, value);
        _notifying = false;
    }

    function _forcedTransfer(address from, address to, uint256 amount) private asEnforcement {
        _transfer(from, to, amount);
        emit ForcedTransfer(from, to, amount);
    }
}

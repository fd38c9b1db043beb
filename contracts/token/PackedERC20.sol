// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Context} from "@openzeppelin/contracts/utils/Context.sol";

/**
 * @dev The ERC-20 of {RegulatedToken}: it behaves as OpenZeppelin's `ERC20` (5.x) with `ERC20Capped` at
 * {MAX_SUPPLY}, and owns its storage so that a wallet's balance and one flag of the contract built on it are
 * read in one storage slot.
 *
 * Behaviour, as OpenZeppelin's: the same external functions, events and custom errors ({IERC20Errors}), checked in
 * the same order; an allowance of `type(uint256).max` is never spent, and spending an allowance emits no
 * {IERC20-Approval}; the same internal functions for the contracts built on it ({_update}, the one hook of every
 * balance change, {_mint}, {_burn}, {_transfer}, {_approve}, {_spendAllowance}).
 *
 * Storage: a wallet's "balance word" holds its balance in the high 255 bits and the flag in the lowest bit (a
 * shift reads the balance: a mask would cost a 32-byte constant at every read, EIP-170). The flag
 * is the derived contract's ({_balanceAndFlag}, {_setFlag}); no balance change ever alters it, and a flag may be
 * set on a wallet that holds nothing. {RegulatedToken} sets it on a wallet that has a freeze, so that a transfer
 * learns from the balance it reads anyway that the freeze needs no reading.
 *
 * The limit this sets: balances and the total supply are at most {MAX_SUPPLY}, 2**255 - 1 (about 5.8e58 whole
 * tokens of 18 decimals). A mint beyond it reverts with {ERC20ExceededCap}, the error of OpenZeppelin's
 * `ERC20Capped`; a mint past 2**256 - 1 panics first, as in OpenZeppelin's `ERC20`. Since no balance exceeds the
 * total supply, no balance change can carry into the flag.
 */
abstract contract PackedERC20 is Context, IERC20, IERC20Metadata, IERC20Errors {
    /// @dev The largest total supply, hence the largest balance: the bits of a balance word above the flag.
    uint256 internal constant MAX_SUPPLY = (1 << 255) - 1;

    /// @dev The total supply would exceed `cap` ({MAX_SUPPLY}): it would be `increasedSupply` after the mint.
    error ERC20ExceededCap(uint256 increasedSupply, uint256 cap);

    mapping(address account => uint256 word) private _balanceWords;
    mapping(address account => mapping(address spender => uint256)) private _allowances;
    uint256 private _totalSupply;
    string private _name;
    string private _symbol;

    /// @dev Sets {name} and {symbol}, which never change.
    constructor(string memory name_, string memory symbol_) {
        _name = name_;
        _symbol = symbol_;
    }

    /// @inheritdoc IERC20Metadata
    function name() public view virtual returns (string memory) {
        return _name;
    }

    /// @inheritdoc IERC20Metadata
    function symbol() public view virtual returns (string memory) {
        return _symbol;
    }

    /// @inheritdoc IERC20Metadata
    function decimals() public view virtual returns (uint8) {
        return 18;
    }

    /// @inheritdoc IERC20
    function totalSupply() public view virtual returns (uint256) {
        return _totalSupply;
    }

    /// @inheritdoc IERC20
    function balanceOf(address account) public view virtual returns (uint256) {
        return _balanceWords[account] >> 1;
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) public view virtual returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @inheritdoc IERC20
    function transfer(address to, uint256 value) public virtual returns (bool) {
        _transfer(_msgSender(), to, value);
        return true;
    }

    /// @inheritdoc IERC20
    function approve(address spender, uint256 value) public virtual returns (bool) {
        _approve(_msgSender(), spender, value);
        return true;
    }

    /// @inheritdoc IERC20
    /// @dev The allowance is checked and spent before the balance is.
    function transferFrom(address from, address to, uint256 value) public virtual returns (bool) {
        _spendAllowance(from, _msgSender(), value);
        _transfer(from, to, value);
        return true;
    }

    /// @dev Moves `value` from `from` to `to`, neither of which may be zero ({ERC20InvalidSender}, then
    /// {ERC20InvalidReceiver}), through {_update}.
    function _transfer(address from, address to, uint256 value) internal {
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        _update(from, to, value);
    }

    /// @dev Creates `value` for `account` (not zero: {ERC20InvalidReceiver}) through {_update}.
    function _mint(address account, uint256 value) internal {
        if (account == address(0)) revert ERC20InvalidReceiver(address(0));
        _update(address(0), account, value);
    }

    /// @dev Destroys `value` of `account` (not zero: {ERC20InvalidSender}) through {_update}.
    function _burn(address account, uint256 value) internal {
        if (account == address(0)) revert ERC20InvalidSender(address(0));
        _update(account, address(0), value);
    }

    /**
     * @dev The one hook of every balance change: moves `value` from `from` to `to`, a zero `from` minting and a zero
     * `to` burning ({_moveBalance}). Contracts built on this one override it to add their rules.
     */
    function _update(address from, address to, uint256 value) internal virtual {
        _moveBalance(from, to, value);
    }

    /**
     * @dev What {_update} does without a rule of its own: a mint adds `value` to the total supply (a panic past
     * 2**256 - 1, {ERC20ExceededCap} past {MAX_SUPPLY}), a sender must hold `value` ({ERC20InsufficientBalance}),
     * a burn lowers the total supply. Emits {IERC20-Transfer}. Returns what an override may want without reading
     * the balances again: the balance `from` is left with and the one `to` had before (zero for the zero address).
     */
    function _moveBalance(
        address from,
        address to,
        uint256 value
    ) internal returns (uint256 fromBalanceAfter, uint256 toBalanceBefore) {
        if (from == address(0)) {
            uint256 increasedSupply = _totalSupply + value;
            // As `ERC20Capped`, which checks the supply the whole call leaves: a zero `to` burns the value again.
            if (increasedSupply > MAX_SUPPLY && to != address(0)) {
                revert ERC20ExceededCap(increasedSupply, MAX_SUPPLY);
            }
            _totalSupply = increasedSupply;
        } else {
            uint256 fromWord = _balanceWords[from];
            uint256 fromBalance = fromWord >> 1;
            if (fromBalance < value) revert ERC20InsufficientBalance(from, fromBalance, value);
            unchecked {
                _balanceWords[from] = fromWord - (value << 1); // value <= balance < 2**255: the flag is untouched
                fromBalanceAfter = fromBalance - value;
            }
        }
        if (to == address(0)) {
            unchecked {
                _totalSupply -= value; // a burnt value was within a balance, so within the total supply
            }
        } else {
            uint256 toWord = _balanceWords[to];
            toBalanceBefore = toWord >> 1;
            unchecked {
                _balanceWords[to] = toWord + (value << 1); // balance + value <= total supply <= MAX_SUPPLY: no carry
            }
        }
        emit Transfer(from, to, value);
    }

    /// @dev The balance of `account` and the flag of its balance word, in one storage read.
    function _balanceAndFlag(address account) internal view returns (uint256 balance, bool flagged) {
        uint256 word = _balanceWords[account];
        return (word >> 1, word & 1 != 0);
    }

    /// @dev Sets the flag of the balance word of `account` to `flagged`; writes only a change.
    function _setFlag(address account, bool flagged) internal {
        uint256 word = _balanceWords[account];
        if ((word & 1 != 0) != flagged) _balanceWords[account] = word ^ 1;
    }

    /// @dev Sets the allowance of `spender` over the tokens of `owner` to `value`, with an {IERC20-Approval} event.
    function _approve(address owner, address spender, uint256 value) internal {
        _approve(owner, spender, value, true);
    }

    /// @dev {_approve}, with the event only when `emitEvent`. Neither `owner` ({ERC20InvalidApprover}) nor `spender`
    /// ({ERC20InvalidSpender}) may be zero.
    function _approve(address owner, address spender, uint256 value, bool emitEvent) internal virtual {
        if (owner == address(0)) revert ERC20InvalidApprover(address(0));
        if (spender == address(0)) revert ERC20InvalidSpender(address(0));
        _allowances[owner][spender] = value;
        if (emitEvent) emit Approval(owner, spender, value);
    }

    /// @dev Spends `value` of the allowance of `spender` over the tokens of `owner` ({ERC20InsufficientAllowance}
    /// when short), without an event; an allowance of `type(uint256).max` is unlimited and never spent.
    function _spendAllowance(address owner, address spender, uint256 value) internal virtual {
        uint256 currentAllowance = allowance(owner, spender);
        if (currentAllowance == type(uint256).max) return;
        if (currentAllowance < value) revert ERC20InsufficientAllowance(spender, currentAllowance, value);
        unchecked {
            _approve(owner, spender, currentAllowance - value, false);
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/**
 * @dev OpenZeppelin's {TimelockController}, unchanged, compiled from the project so that Hardhat
 * emits an artifact for it (contracts of dependencies get none). An issuance manifest can make it
 * the admin of every contract: role changes are then scheduled by a proposer and executed after
 * `minDelay` seconds.
 */
contract Timelock is TimelockController {
    /**
     * @param minDelay Seconds between scheduling an operation and executing it.
     * @param proposers Accounts that schedule (and cancel) operations.
     * @param executors Accounts that execute ready operations (the zero address: anyone).
     * @param admin Optional admin of the timelock's own roles, the zero address for none.
     */
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory executors,
        address admin
    ) TimelockController(minDelay, proposers, executors, admin) {}
}

export * from "./pricing.js";
export * from "./auction.js";
export * from "./discount.js";

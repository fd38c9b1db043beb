export * from "./dateTime.js";
export * from "./dayCount.js";
export * from "./schedule.js";
export * from "./accrued.js";
export * from "./price.js";

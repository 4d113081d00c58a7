/** Rollup arithmetic and rates (DESIGN.md §2 "Rollup"): sums per cell, over years, and rates from rolled-up parts. */
export * from './rollup';
export * from './rates';
export * from './series';
export * from './region';

export * from './catalogue';
export * from './interchange';
export * from './money';
export * from './report-values';
export * from './checks';
export * from './hierarchy';
export * from './synthetic';
export * from './rollup';

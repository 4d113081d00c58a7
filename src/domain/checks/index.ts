// Placeholder surface replaced by the checks implementation (see types.ts for the contract).
export * from './types';

/** Dated hierarchy rules (DESIGN.md §2): the tree of a year, descendants, validation, the closure table. */
export * from './hierarchy';

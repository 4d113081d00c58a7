/** The SQLite migrations in order (imported as classes so that ts-node, swc and compiled code agree). */
import { Init1795901786680 } from './1795901786680-Init';
import { SeedCellCodes1795901790000 } from './1795901790000-SeedCellCodes';
import { ApiTokens1795904083691 } from './1795904083691-ApiTokens';
import { PackedRollupCells1795909000000 } from './1795909000000-PackedRollupCells';
import { SeparatedRollupTriples1795912000000 } from './1795912000000-SeparatedRollupTriples';
import { ChangeLog1795915000000 } from './1795915000000-ChangeLog';

export const SQLITE_MIGRATIONS = [Init1795901786680, SeedCellCodes1795901790000, ApiTokens1795904083691, PackedRollupCells1795909000000, SeparatedRollupTriples1795912000000, ChangeLog1795915000000];

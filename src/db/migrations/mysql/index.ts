/** The MySQL/MariaDB/TiDB migrations in order (imported as classes so that ts-node, swc and compiled code agree). */
import { Init1795901789392 } from './1795901789392-Init';
import { SeedCellCodes1795901790000 } from './1795901790000-SeedCellCodes';
import { ApiTokens1795904106393 } from './1795904106393-ApiTokens';
import { PackedRollupCells1795909000000 } from './1795909000000-PackedRollupCells';
import { SeparatedRollupTriples1795912000000 } from './1795912000000-SeparatedRollupTriples';
import { ChangeLog1795915000000 } from './1795915000000-ChangeLog';

export const MYSQL_MIGRATIONS = [Init1795901789392, SeedCellCodes1795901790000, ApiTokens1795904106393, PackedRollupCells1795909000000, SeparatedRollupTriples1795912000000, ChangeLog1795915000000];

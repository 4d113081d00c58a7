import { AgencyAliasEntity, AgencyEntity, AgencyNameEntity } from './agency.entity';
import { ApiTokenEntity } from './api-token.entity';
import { ChangeLogEntity } from './change-log.entity';
import { AgencyClosureEntity, ParentLinkEntity } from './hierarchy.entity';
import { CellCodeEntity, ReportCellEntity, ReportCheckFailureEntity, ReportEntity, ReportRevisionEntity } from './report.entity';
import { RollupEntity, RollupNodeEntity, RollupYearEntity } from './rollup.entity';

/** Every entity of the schema (the migrations create exactly these tables). */
export const ENTITIES = [
  AgencyEntity, AgencyNameEntity, AgencyAliasEntity,
  ParentLinkEntity, AgencyClosureEntity,
  CellCodeEntity, ReportEntity, ReportCellEntity, ReportCheckFailureEntity, ReportRevisionEntity,
  RollupEntity, RollupNodeEntity, RollupYearEntity,
  ApiTokenEntity,
  ChangeLogEntity,
];

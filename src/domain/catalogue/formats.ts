/**
 * The two official formats of 政府信息公开工作年度报告, cell by cell (shared/spec/FORMATS.md).
 * A cell's code is `<table>.<row>.<column>`; codes are the project's contract.
 */
import type { ColumnDef, FormatDef, RowDef, TableDef } from './types';

const col = (
  code: string,
  zh: string,
  en: string,
  unit: ColumnDef['unit'] = 'count',
  yearAggregation: ColumnDef['yearAggregation'] = 'flow',
  aliases?: readonly string[],
): ColumnDef => ({ code, label: { zh, en }, unit, yearAggregation, ...(aliases ? { aliases } : {}) });

// ---------------------------------------------------------------------------------------------
// Table proactive (二、主动公开政府信息情况)
// ---------------------------------------------------------------------------------------------

const ART_20_1 = { zh: '第二十条第（一）项', en: 'Art. 20 (1): rules and normative documents' };
const ART_20_5 = { zh: '第二十条第（五）项', en: 'Art. 20 (5): licensing and other services' };
const ART_20_6 = { zh: '第二十条第（六）项', en: 'Art. 20 (6): penalties and coercion' };
const ART_20_8 = { zh: '第二十条第（八）项', en: 'Art. 20 (8): administrative fees' };
const ART_20_9 = { zh: '第二十条第（九）项', en: 'Art. 20 (9): central government procurement' };

const PROACTIVE_LABEL = { zh: '二、主动公开政府信息情况', en: 'II. Proactive disclosure' };

const F2019_PROACTIVE: TableDef = {
  id: 'proactive',
  label: PROACTIVE_LABEL,
  columns: [
    col('new_made', '本年新制作数量', 'made this year'),
    col('new_published', '本年新公开数量', 'published this year'),
    // A cumulative total of what is public: a closing stock.
    col('total_published', '对外公开总数量', 'total published', 'count', 'stock_end'),
    col('prev_year_items', '上一年项目数量', 'items the previous year', 'count', 'stock_start'),
    col('change', '本年增/减', 'change this year', 'signed', 'flow', ['本年增减', '本年增/减少']),
    col('decisions', '处理决定数量', 'decisions'),
    col('items', '采购项目数量', 'procurement items'),
    col('amount', '采购总金额', 'procurement total (10k yuan)', 'amount'),
  ],
  rows: [
    { code: 'regulations', label: { zh: '规章', en: 'regulations' }, group: ART_20_1, columns: ['new_made', 'new_published', 'total_published'] },
    { code: 'normative_documents', label: { zh: '规范性文件', en: 'normative documents' }, group: ART_20_1, columns: ['new_made', 'new_published', 'total_published'], aliases: ['行政规范性文件'] },
    { code: 'admin_licensing', label: { zh: '行政许可', en: 'administrative licensing' }, group: ART_20_5, columns: ['prev_year_items', 'change', 'decisions'] },
    { code: 'other_external_services', label: { zh: '其他对外管理服务事项', en: 'other external management services' }, group: ART_20_5, columns: ['prev_year_items', 'change', 'decisions'] },
    { code: 'admin_penalty', label: { zh: '行政处罚', en: 'administrative penalties' }, group: ART_20_6, columns: ['prev_year_items', 'change', 'decisions'] },
    { code: 'admin_coercion', label: { zh: '行政强制', en: 'administrative coercion' }, group: ART_20_6, columns: ['prev_year_items', 'change', 'decisions'] },
    { code: 'admin_fees', label: { zh: '行政事业性收费', en: 'administrative fees' }, group: ART_20_8, columns: ['prev_year_items', 'change'] },
    { code: 'gov_central_procurement', label: { zh: '政府集中采购', en: 'central government procurement' }, group: ART_20_9, columns: ['items', 'amount'], aliases: ['政府集中釆购'] },
  ],
};

const F2021_PROACTIVE: TableDef = {
  id: 'proactive',
  label: PROACTIVE_LABEL,
  columns: [
    col('issued', '本年制发件数', 'issued this year', 'count', 'flow', ['本年发件', '本年制发件']),
    col('repealed', '本年废止件数', 'repealed this year', 'count', 'flow', ['本年废止件']),
    col('in_force', '现行有效件数', 'in force', 'count', 'stock_end', ['现行有效件']),
    col('decisions', '本年处理决定数量', 'decisions this year', 'count', 'flow', ['处理决定数量']),
    col('amount', '本年收费金额（单位：万元）', 'fees collected (10k yuan)', 'amount', 'flow', ['本年收费金额']),
  ],
  rows: [
    { code: 'regulations', label: { zh: '规章', en: 'regulations' }, group: ART_20_1, columns: ['issued', 'repealed', 'in_force'] },
    { code: 'normative_documents', label: { zh: '行政规范性文件', en: 'administrative normative documents' }, group: ART_20_1, columns: ['issued', 'repealed', 'in_force'], aliases: ['规范性文件'] },
    { code: 'admin_licensing', label: { zh: '行政许可', en: 'administrative licensing' }, group: ART_20_5, columns: ['decisions'] },
    { code: 'admin_penalty', label: { zh: '行政处罚', en: 'administrative penalties' }, group: ART_20_6, columns: ['decisions'] },
    { code: 'admin_coercion', label: { zh: '行政强制', en: 'administrative coercion' }, group: ART_20_6, columns: ['decisions'] },
    { code: 'admin_fees', label: { zh: '行政事业性收费', en: 'administrative fees' }, group: ART_20_8, columns: ['amount'] },
  ],
};

// ---------------------------------------------------------------------------------------------
// Table applications (三、收到和处理政府信息公开申请情况), both formats
// ---------------------------------------------------------------------------------------------

const ORG = '法人或其他组织';
const APPLICANT_COLUMNS: readonly ColumnDef[] = [
  col('natural_person', '自然人', 'natural persons'),
  col('commercial', `${ORG} / 商业企业`, 'companies'),
  col('research', `${ORG} / 科研机构`, 'research institutions'),
  col('social_welfare', `${ORG} / 社会公益组织`, 'social welfare organisations'),
  col('legal_service', `${ORG} / 法律服务机构`, 'legal service providers'),
  col('other_org', `${ORG} / 其他`, 'other organisations'),
  col('total', '总计', 'total'),
];
const APPLICANT_CODES = APPLICANT_COLUMNS.map((c) => c.code);

const RESULTS = { zh: '三、本年度办理结果', en: 'III. Outcomes this year' };
const DENIED = { zh: '三、本年度办理结果 › （三）不予公开', en: 'III. Outcomes › (3) denied' };
const UNABLE = { zh: '三、本年度办理结果 › （四）无法提供', en: 'III. Outcomes › (4) unable to provide' };
const NOT_PROCESSED = { zh: '三、本年度办理结果 › （五）不予处理', en: 'III. Outcomes › (5) not processed' };
const OTHER = { zh: '三、本年度办理结果 › （六）其他处理', en: 'III. Outcomes › (6) other handling' };

const appRow = (
  code: string,
  zh: string,
  en: string,
  group?: RowDef['group'],
  extra: Partial<Pick<RowDef, 'yearAggregation' | 'aliases'>> = {},
): RowDef => ({ code, label: { zh, en }, columns: APPLICANT_CODES, ...(group ? { group } : {}), ...extra });

const APPLICATION_ROWS_BEFORE_OTHER: readonly RowDef[] = [
  appRow('new_received', '一、本年新收政府信息公开申请数量', 'I. new applications this year'),
  // Opening balance: over a range of years only the first year's carry-over counts (rule A2 then holds for the range).
  appRow('carried_over', '二、上年结转政府信息公开申请数量', 'II. carried over from last year', undefined, { yearAggregation: 'stock_start' }),
  appRow('granted', '（一）予以公开', '(1) granted', RESULTS),
  appRow('partially_granted', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '(2) partially granted', RESULTS, {
    aliases: ['（二）部分公开（区分处理的，只计这一情况，不计其他情况）', '（二）部分公开'],
  }),
  appRow('denied_state_secret', '1.属于国家秘密', 'state secret', DENIED),
  appRow('denied_prohibited_by_law', '2.其他法律行政法规禁止公开', 'prohibited by other laws', DENIED),
  appRow('denied_security_stability', '3.危及“三安全一稳定”', 'endangers security or stability', DENIED, { aliases: ['3.危及"三安全一稳定"'] }),
  appRow('denied_third_party_rights', '4.保护第三方合法权益', "third parties' rights", DENIED),
  appRow('denied_internal_affairs', '5.属于三类内部事务信息', 'internal affairs', DENIED, { aliases: ['5.属于三类内容事务信息'] }),
  appRow('denied_process_info', '6.属于四类过程性信息', 'process information', DENIED),
  appRow('denied_enforcement_case_file', '7.属于行政执法案卷', 'enforcement case file', DENIED),
  appRow('denied_admin_query', '8.属于行政查询事项', 'administrative query', DENIED),
  appRow('unable_not_held', '1.本机关不掌握相关政府信息', 'not held by this agency', UNABLE),
  appRow('unable_needs_creation', '2.没有现成信息需要另行制作', 'would need to be created', UNABLE),
  appRow('unable_unclear_after_correction', '3.补正后申请内容仍不明确', 'still unclear after correction', UNABLE),
  appRow('not_processed_petition_complaint', '1.信访举报投诉类申请', 'petitions and complaints', NOT_PROCESSED),
  appRow('not_processed_duplicate', '2.重复申请', 'duplicate applications', NOT_PROCESSED),
  appRow('not_processed_publication', '3.要求提供公开出版物', 'asks for publications', NOT_PROCESSED),
  appRow('not_processed_excessive_repeated', '4.无正当理由大量反复申请', 'excessive repeated applications', NOT_PROCESSED),
  appRow('not_processed_confirm_or_reissue', '5.要求行政机关确认或重新出具已获取信息', 'asks to confirm or reissue information', NOT_PROCESSED),
];

const APPLICATION_ROWS_AFTER_OTHER: readonly RowDef[] = [
  appRow('total_handled', '（七）总计', '(7) total handled', RESULTS),
  // Closing balance: over a range of years only the last year's carry-forward counts.
  appRow('carried_forward', '四、结转下年度继续办理', 'IV. carried forward to next year', undefined, { yearAggregation: 'stock_end' }),
];

const APPLICATIONS_LABEL = { zh: '三、收到和处理政府信息公开申请情况', en: 'III. Applications received and handled' };

const F2019_APPLICATIONS: TableDef = {
  id: 'applications',
  label: APPLICATIONS_LABEL,
  columns: APPLICANT_COLUMNS,
  rows: [
    ...APPLICATION_ROWS_BEFORE_OTHER,
    appRow('other_handling', '（六）其他处理', '(6) other handling', RESULTS),
    ...APPLICATION_ROWS_AFTER_OTHER,
  ],
};

const F2021_APPLICATIONS: TableDef = {
  id: 'applications',
  label: APPLICATIONS_LABEL,
  columns: APPLICANT_COLUMNS,
  rows: [
    ...APPLICATION_ROWS_BEFORE_OTHER,
    appRow(
      'other_overdue_correction',
      '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      'applicant did not correct in time',
      OTHER,
    ),
    appRow(
      'other_unpaid_fee',
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      'applicant did not pay the fee in time',
      OTHER,
    ),
    appRow('other_misc', '3.其他', 'other', OTHER),
    ...APPLICATION_ROWS_AFTER_OTHER,
  ],
};

// ---------------------------------------------------------------------------------------------
// Table appeals (四、政府信息公开行政复议、行政诉讼情况), both formats: one row of 15 counts
// ---------------------------------------------------------------------------------------------

const APPEAL_COLUMNS: readonly ColumnDef[] = [
  col('upheld', '结果维持', 'upheld'),
  col('corrected', '结果纠正', 'corrected'),
  col('other', '其他结果', 'other outcome'),
  col('pending', '尚未审结', 'pending'),
  col('total', '总计', 'total'),
];
const APPEAL_CODES = APPEAL_COLUMNS.map((c) => c.code);

const APPEALS: TableDef = {
  id: 'appeals',
  label: { zh: '四、政府信息公开行政复议、行政诉讼情况', en: 'IV. Administrative reviews and lawsuits' },
  columns: APPEAL_COLUMNS,
  rows: [
    { code: 'review', label: { zh: '行政复议', en: 'administrative review' }, columns: APPEAL_CODES },
    {
      code: 'litigation_direct',
      label: { zh: '行政诉讼 / 未经复议直接起诉', en: 'lawsuit without prior review' },
      group: { zh: '行政诉讼', en: 'administrative litigation' },
      columns: APPEAL_CODES,
    },
    {
      code: 'litigation_after_review',
      label: { zh: '行政诉讼 / 复议后起诉', en: 'lawsuit after review' },
      group: { zh: '行政诉讼', en: 'administrative litigation' },
      columns: APPEAL_CODES,
    },
  ],
};

export const F2019: FormatDef = {
  id: 'F2019',
  label: { zh: '2019年版格式', en: '2019 format' },
  notice: '国办公开办函〔2019〕60号',
  intendedYears: { from: 2019, to: 2020 },
  markers: ['本年新制作数量', '上一年项目数量', '政府集中采购', '政府集中釆购', '本年新公开数量'],
  tables: [F2019_PROACTIVE, F2019_APPLICATIONS, APPEALS],
};

export const F2021: FormatDef = {
  id: 'F2021',
  label: { zh: '2021年版格式', en: '2021 format' },
  notice: '国办公开办函〔2021〕30号',
  intendedYears: { from: 2021, to: null },
  markers: ['本年制发件数', '本年处理决定数量', '本年收费金额', '逾期不补正', '本年废止件数', '现行有效件数'],
  tables: [F2021_PROACTIVE, F2021_APPLICATIONS, APPEALS],
};

export const FORMATS: readonly FormatDef[] = [F2019, F2021];

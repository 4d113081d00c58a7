/**
 * The whole report as a sequence of blocks (page chrome, title, headings, prose, tables, signature),
 * shared by every layout. Prose carries realistic traps: numbered sub-headings that look like table
 * labels, years and figures, and the sentences rule T1 reads ("主动公开政府信息N条",
 * "共收到政府信息公开申请N件").
 */
import type { TableId } from '../../../src/domain/catalogue';
import { buildTables, type TableModel } from './table-model';
import type { QuirkSet, RenderInput } from './types';

export type Block =
  | { readonly kind: 'chrome' | 'title' | 'heading' | 'paragraph' | 'signature'; readonly text: string }
  | { readonly kind: 'table'; readonly table: TableModel };

const HEADINGS: Record<'overview' | TableId | 'problems' | 'other', readonly [official: string, renamed: string]> = {
  overview: ['一、总体情况', '一、总体情况'],
  proactive: ['二、主动公开政府信息情况', '二、主动公开政府信息的情况'],
  applications: ['三、收到和处理政府信息公开申请情况', '三、收到和处理政府信息公开申请的情况'],
  appeals: ['四、政府信息公开行政复议、行政诉讼情况', '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况'],
  problems: ['五、存在的主要问题及改进情况', '五、存在的主要问题及改进情况'],
  other: ['六、其他需要报告的事项', '六、其他需要报告的事项'],
};

const HANZI_DIGITS = '〇一二三四五六七八九';

/** 13 → 十三, 20 → 二十, 1 → 一 (months and days in Chinese numerals). */
function hanziNumber(n: number): string {
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens === 0 ? '' : tens === 1 ? '十' : `${HANZI_DIGITS[tens]}十`}${units === 0 && tens > 0 ? '' : HANZI_DIGITS[units]}`;
}

/** "2022-01-13" → "2022年1月13日" (the seed's signature date), or the style of quirk dateStyle. */
export function chineseDate(iso: string, style: QuirkSet['dateStyle'] = 'plain'): string {
  const [y, m, d] = iso.split('-').map(Number);
  switch (style) {
    case 'plain':
      return `${y}年${m}月${d}日`;
    case 'padded':
      return `${y}年${String(m).padStart(2, '0')}月${String(d).padStart(2, '0')}日`;
    case 'iso':
      return iso;
    case 'hanzi':
      return `${[...String(y)].map((c) => HANZI_DIGITS[Number(c)]).join('')}年${hanziNumber(m)}月${hanziNumber(d)}日`;
    default: {
      const unreachable: never = style;
      throw new Error(`unknown date style ${String(unreachable)}`);
    }
  }
}

export function titleOf(input: RenderInput, q: QuirkSet): string {
  if (q.titleWithoutYear) return `${input.agencyName}政府信息公开工作年度报告`;
  return q.titleStyle === 'year-first'
    ? `${input.year}年度${input.agencyName}政府信息公开工作年度报告`
    : `${input.agencyName}${input.year}年政府信息公开工作年度报告`;
}

export function buildBlocks(input: RenderInput, q: QuirkSet): Block[] {
  const heading = (key: keyof typeof HEADINGS) => ({ kind: 'heading' as const, text: HEADINGS[key][q.renamedHeadings ? 1 : 0] });
  const para = (text: string) => ({ kind: 'paragraph' as const, text });
  const when = q.titleWithoutYear ? '本年度' : `${input.year}年`;
  const tables = buildTables(input, q);
  const blocks: Block[] = [];
  if (q.pageChrome) {
    blocks.push({ kind: 'chrome', text: '首页 > 政务公开 > 法定主动公开内容 > 政府信息公开年报' });
    blocks.push({ kind: 'chrome', text: '字号：[ 大 中 小 ]  打印本页  关闭窗口  浏览次数：1024' });
  }
  blocks.push({ kind: 'title', text: titleOf(input, q) });
  blocks.push({ ...heading('overview'), text: (q.artefacts ? '[bookmark: OLE_LINK1]' : '') + HEADINGS.overview[0] });
  blocks.push(
    para(
      `${when}，${input.agencyName}认真贯彻落实《中华人民共和国政府信息公开条例》和上级关于政务公开工作的安排部署，` +
        '坚持以公开为常态、不公开为例外，扎实推进政府信息公开工作。',
    ),
  );
  blocks.push(para('（一）主动公开情况'));
  const stated = input.statedFigures ?? {};
  blocks.push(
    para(
      stated.proactiveItems !== undefined
        ? `${when}，通过门户网站、政务新媒体等渠道主动公开政府信息${stated.proactiveItems}条，其中主要是工作动态、通知公告类信息。`
        : '通过门户网站、政务新媒体等渠道及时发布工作动态、通知公告类信息。',
    ),
  );
  blocks.push(para('（二）依申请公开情况'));
  blocks.push(
    para(
      stated.applicationsReceived !== undefined
        ? `${when}，共收到政府信息公开申请${stated.applicationsReceived}件，均在法定期限内予以答复。`
        : '依法依规办理政府信息公开申请，做到件件有回复。',
    ),
  );
  blocks.push(para('1.建立健全组织机构。成立了主要领导任组长的政务公开工作领导小组，下设办公室负责日常工作。'));

  const tableSection = (id: TableId) => {
    blocks.push(heading(id));
    const table = tables[id];
    if (!table) {
      blocks.push(para('本年度无相关情况。'));
      return;
    }
    if (q.otherNoticeCited && id === 'proactive') {
      const notice = input.format === 'F2021' ? '国办公开办函〔2019〕60号' : '国办公开办函〔2021〕30号';
      blocks.push(para(`按照《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（${notice}）要求，现将有关情况报告如下：`));
    }
    if (q.sentenceBeforeTable) blocks.push(para('该部分以表格形式报告。表格如下：'));
    blocks.push({ kind: 'table', table });
  };
  tableSection('proactive');
  tableSection('applications');
  tableSection('appeals');

  blocks.push(heading('problems'));
  blocks.push(para('（一）存在问题'));
  blocks.push(para('一是公开内容的深度和广度还不够；二是信息发布的及时性有待提高；三是工作人员业务水平需进一步提升。'));
  blocks.push(para('（二）改进情况'));
  blocks.push(para((q.artefacts ? '[bookmark: _GoBack]' : '') + '1.强化意识，规范程序。2.加大政务公开宣传力度，丰富公开形式。'));
  blocks.push(heading('other'));
  blocks.push(
    para(
      input.format === 'F2021'
        ? '按照《政府信息公开信息处理费管理办法》规定，本机关本年度未收取信息处理费。本年度无其他需要报告的事项。'
        : '本年度无其他需要报告的事项。',
    ),
  );
  blocks.push({ kind: 'signature', text: input.agencyName });
  blocks.push({ kind: 'signature', text: chineseDate(input.publishedOn, q.dateStyle) });
  return blocks;
}

import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { ItemContent, ItemContentInput } from '../content/item-content';

/**
 * QTI 3.0 (1EdTech): one `qti-assessment-item` per item and an IMS content package
 * (`imsmanifest.xml` plus `items/*.xml`) zipped. Identifiers must be XML names, so option ids
 * are written as `C_<id>` and match texts as `M_<n>`; the reader undoes both. Standard response
 * processing templates are used where one fits (match_correct, map_response); numeric tolerance
 * uses `qti-equal` with an absolute tolerance; an essay has no key and carries its rubric in a
 * scorer-only `qti-rubric-block`. Level, topic, tags, programs and source go into the
 * manifest's resource metadata as keywords are not part of QTI items.
 */
export const QTI_NAMESPACE = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
const CP_NAMESPACE = 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1';
const SCHEMA = 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd';
const TEMPLATES = 'https://purl.imsglobal.org/spec/qti/v3p0/rptemplates';

type Node = Record<string, unknown>;

const choiceId = (id: string) => `C_${id}`;
const fromChoiceId = (id: string) => id.replace(/^C_/, '');

/** An XML name for an item: its ref when it is one, else its position. */
function itemIdentifier(ref: string | null | undefined, index: number): string {
  const clean = (ref ?? '').replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(clean) ? clean : `item_${index + 1}${clean ? `_${clean}` : ''}`;
}

const values = (list: string[]) => ({ 'qti-value': list.map((v) => ({ '#text': v })) });

function declaration(c: ItemContent): Node {
  const d = (cardinality: string, baseType: string, correct?: string[], extra: Node = {}): Node => ({
    '@_identifier': 'RESPONSE',
    '@_cardinality': cardinality,
    '@_base-type': baseType,
    ...(correct ? { 'qti-correct-response': values(correct) } : {}),
    ...extra,
  });
  switch (c.type) {
    case 'single_choice':
      return d('single', 'identifier', [choiceId(c.key as string)]);
    case 'multiple_response':
      return d('multiple', 'identifier', (c.key as string[]).map(choiceId));
    case 'true_false':
      return d('single', 'identifier', [c.key ? 'true' : 'false']);
    case 'short_answer': {
      const accepted = c.key as string[];
      return d('single', 'string', [accepted[0]], {
        'qti-mapping': {
          '@_default-value': '0',
          '@_upper-bound': '1',
          'qti-map-entry': accepted.map((a) => ({ '@_map-key': a, '@_mapped-value': '1', '@_case-sensitive': 'false' })),
        },
      });
    }
    case 'numeric':
      return d('single', 'float', [String(c.key)]);
    case 'matching': {
      const matches = matchIds(c);
      return d('multiple', 'directedPair', (c.key as Array<[string, string]>).map(([o, m]) => `${choiceId(o)} ${matches.get(m)}`));
    }
    case 'ordering':
      return d('ordered', 'identifier', (c.key as string[]).map(choiceId));
    case 'essay':
      return d('single', 'string');
  }
}

/** Distinct match texts in first-seen order, named M_1, M_2 ... */
function matchIds(c: ItemContent): Map<string, string> {
  const ids = new Map<string, string>();
  for (const [, m] of c.key as Array<[string, string]>) if (!ids.has(m)) ids.set(m, `M_${ids.size + 1}`);
  return ids;
}

function interaction(c: ItemContent): Node {
  const choices = () => c.options.map((o) => ({ '@_identifier': choiceId(o.id), '#html': o.text }));
  switch (c.type) {
    case 'single_choice':
    case 'multiple_response':
      return { 'qti-choice-interaction': { '@_response-identifier': 'RESPONSE', '@_max-choices': c.type === 'single_choice' ? '1' : '0', 'qti-simple-choice': choices() } };
    case 'true_false':
      return {
        'qti-choice-interaction': {
          '@_response-identifier': 'RESPONSE',
          '@_max-choices': '1',
          'qti-simple-choice': [
            { '@_identifier': 'true', '#html': 'Đúng' },
            { '@_identifier': 'false', '#html': 'Sai' },
          ],
        },
      };
    case 'short_answer':
    case 'numeric':
      return { p: { 'qti-text-entry-interaction': { '@_response-identifier': 'RESPONSE' } } };
    case 'matching': {
      const matches = matchIds(c);
      return {
        'qti-match-interaction': {
          '@_response-identifier': 'RESPONSE',
          '@_max-associations': String(c.options.length),
          'qti-simple-match-set': [
            { 'qti-simple-associable-choice': c.options.map((o) => ({ '@_identifier': choiceId(o.id), '@_match-max': '1', '#html': o.text })) },
            { 'qti-simple-associable-choice': [...matches].map(([text, id]) => ({ '@_identifier': id, '@_match-max': '0', '#html': escapeText(text) })) },
          ],
        },
      };
    }
    case 'ordering':
      return { 'qti-order-interaction': { '@_response-identifier': 'RESPONSE', 'qti-simple-choice': choices() } };
    case 'essay':
      return { 'qti-extended-text-interaction': { '@_response-identifier': 'RESPONSE' } };
  }
}

function processing(c: ItemContent): Node {
  switch (c.type) {
    case 'short_answer':
      return { '@_template': `${TEMPLATES}/map_response.xml` };
    case 'essay':
      return {};
    case 'numeric': {
      const t = String(c.scoring.tolerance ?? 0);
      const set = (v: string) => ({ '@_identifier': 'SCORE', 'qti-base-value': { '@_base-type': 'float', '#text': v } });
      return {
        'qti-response-condition': {
          'qti-response-if': {
            'qti-equal': {
              '@_tolerance-mode': 'absolute',
              '@_tolerance': `${t} ${t}`,
              'qti-variable': { '@_identifier': 'RESPONSE' },
              'qti-correct': { '@_identifier': 'RESPONSE' },
            },
            'qti-set-outcome-value': set('1'),
          },
          'qti-response-else': { 'qti-set-outcome-value': set('0') },
        },
      };
    }
    default:
      return { '@_template': `${TEMPLATES}/match_correct.xml` };
  }
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true, suppressBooleanAttributes: false, processEntities: true });

/** One item as a QTI 3.0 `qti-assessment-item` document. Rich text (already sanitized) is kept as markup. */
export function writeQtiItem(content: ItemContent, identifier: string): string {
  const c = content;
  // Markup is inserted after building (the builder would escape it); private-use characters mark where.
  const html: string[] = [];
  const mark = (s: string) => {
    html.push(s);
    return `\uE000${html.length - 1}\uE001`;
  };
  const withHtml = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(withHtml);
    if (n && typeof n === 'object') {
      const out: Node = {};
      for (const [k, v] of Object.entries(n as Node)) {
        if (k === '#html') out['#text'] = mark(String(v));
        else out[k] = withHtml(v);
      }
      return out;
    }
    return n;
  };
  const body: Node = { div: { '@_class': 'stem', '#text': mark(c.stem) }, ...(withHtml(interaction(c)) as Node) };
  if (c.type === 'essay' && c.scoring.rubric?.length) {
    body['qti-rubric-block'] = {
      '@_use': 'scoring',
      '@_view': 'scorer',
      'qti-content-body': { ul: { li: c.scoring.rubric.map((r) => ({ '@_data-points': String(r.points), '#text': r.criterion })) } },
    };
  }
  const doc: Node = {
    'qti-assessment-item': {
      '@_xmlns': QTI_NAMESPACE,
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xsi:schemaLocation': `${QTI_NAMESPACE} ${SCHEMA}`,
      '@_identifier': identifier,
      '@_title': c.topic,
      '@_adaptive': 'false',
      '@_time-dependent': 'false',
      '@_xml:lang': 'vi',
      'qti-response-declaration': declaration(c),
      'qti-outcome-declaration': { '@_identifier': 'SCORE', '@_cardinality': 'single', '@_base-type': 'float' },
      'qti-item-body': body,
      ...(c.explanation
        ? { 'qti-modal-feedback': { '@_outcome-identifier': 'FEEDBACK', '@_identifier': 'EXPLANATION', '@_show-hide': 'show', 'qti-content-body': { div: { '#text': mark(c.explanation) } } } }
        : {}),
      'qti-response-processing': processing(c),
    },
  };
  if (c.explanation) {
    (doc['qti-assessment-item'] as Node)['qti-outcome-declaration'] = [
      { '@_identifier': 'SCORE', '@_cardinality': 'single', '@_base-type': 'float' },
      { '@_identifier': 'FEEDBACK', '@_cardinality': 'single', '@_base-type': 'identifier' },
    ];
  }
  const xml = builder.build(doc) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml.replace(/\uE000(\d+)\uE001/g, (_, i: string) => html[Number(i)])}`;
}

/** A zipped IMS content package: `imsmanifest.xml` and `items/<identifier>.xml` per item. */
export function writeQtiPackage(items: Array<{ ref?: string | null; content: ItemContent }>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const resources: Node[] = [];
  const used = new Set<string>();
  items.forEach(({ ref, content }, index) => {
    let id = itemIdentifier(ref, index);
    while (used.has(id)) id = `${id}_${index + 1}`;
    used.add(id);
    const href = `items/${id}.xml`;
    files[href] = strToU8(writeQtiItem(content, id));
    const keywords = [content.topic, `level:${content.level}`, ...content.tags.map((t) => `tag:${t}`), ...content.programIds.map((p) => `program:${p}`)];
    resources.push({
      '@_identifier': id,
      '@_type': 'imsqti_item_xmlv3p0',
      '@_href': href,
      metadata: {
        lom: {
          general: { keyword: keywords.map((k) => ({ string: { '@_language': 'vi', '#text': k } })) },
          ...(content.source ? { educational: { description: { string: { '@_language': 'vi', '#text': [content.source.document, content.source.article].filter(Boolean).join(', ') } } } } : {}),
        },
      },
      file: { '@_href': href },
    });
  });
  const manifest = builder.build({
    manifest: {
      '@_xmlns': CP_NAMESPACE,
      '@_identifier': 'MANIFEST-boiduong-question-bank',
      metadata: { schema: 'QTI Package', schemaversion: '3.0.0' },
      organizations: '',
      resources: { resource: resources },
    },
  }) as string;
  files['imsmanifest.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n${manifest}`);
  return zipSync(files, { level: 6, mtime: new Date('2025-01-01T00:00:00Z') });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  preserveOrder: false,
  parseTagValue: false,
  stopNodes: ['*.div', '*.qti-simple-choice', '*.qti-simple-associable-choice'],
  isArray: (name) => ['qti-value', 'qti-simple-choice', 'qti-simple-associable-choice', 'qti-simple-match-set', 'qti-map-entry', 'li', 'resource', 'keyword'].includes(name),
});

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const inner = (n: unknown): string => (typeof n === 'object' && n !== null ? String((n as Node)['#text'] ?? '') : String(n ?? '')).trim();

/**
 * Reads a package written by `writeQtiPackage` back into item inputs (what the round trip keeps:
 * type, stem, options, key, scoring, explanation, topic, level, tags, programs). Other QTI is not
 * an import format; this reader exists to prove the export.
 */
export function readQtiPackage(zip: Uint8Array): ItemContentInput[] {
  const files = unzipSync(zip);
  const text = (name: string) => new TextDecoder().decode(files[name]);
  const manifest = parser.parse(text('imsmanifest.xml')) as Node;
  const resources = ((manifest['manifest'] as Node)['resources'] as Node)['resource'] as Node[];
  return resources.map((r) => {
    const keywords = ((((r['metadata'] as Node)['lom'] as Node)['general'] as Node)['keyword'] as Node[]).map((k) => inner((k as Node)['string']));
    const item = (parser.parse(text(String(r['@_href']))) as Node)['qti-assessment-item'] as Node;
    return { ...readItem(item), topic: keywords[0], ...meta(keywords.slice(1)) };
  });
}

function meta(keywords: string[]): Pick<ItemContentInput, 'level' | 'tags' | 'programIds'> {
  const pick = (prefix: string) => keywords.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  return { level: pick('level:')[0] ?? '', tags: pick('tag:'), programIds: pick('program:') };
}

function readItem(item: Node): Omit<ItemContentInput, 'topic' | 'level'> {
  const decl = item['qti-response-declaration'] as Node;
  const correct = ((decl['qti-correct-response'] as Node | undefined)?.['qti-value'] as unknown[] | undefined)?.map(inner) ?? [];
  const body = item['qti-item-body'] as Node;
  const stem = inner(body['div']);
  const feedback = item['qti-modal-feedback'] as Node | undefined;
  const explanation = feedback ? inner((feedback['qti-content-body'] as Node)['div']) : null;
  const choices = (n: unknown) => ((n as Node | undefined)?.['qti-simple-choice'] as Node[] | undefined)?.map((c) => ({ id: fromChoiceId(String(c['@_identifier'])), text: inner(c) })) ?? [];
  const base = { stem, explanation };
  if (body['qti-order-interaction']) {
    return { ...base, type: 'ordering', options: choices(body['qti-order-interaction']), key: correct.map(fromChoiceId) };
  }
  if (body['qti-match-interaction']) {
    const [left, right] = (body['qti-match-interaction'] as Node)['qti-simple-match-set'] as Node[];
    const side = (s: Node) => (s['qti-simple-associable-choice'] as Node[]).map((c) => ({ id: String(c['@_identifier']), text: inner(c) }));
    const texts = new Map(side(right).map((m) => [m.id, decode(m.text)]));
    return {
      ...base,
      type: 'matching',
      options: side(left).map((o) => ({ id: fromChoiceId(o.id), text: o.text })),
      key: correct.map((pair) => {
        const [o, m] = pair.split(' ');
        return [fromChoiceId(o), texts.get(m) ?? ''];
      }),
    };
  }
  if (body['qti-extended-text-interaction'] !== undefined) {
    const block = body['qti-rubric-block'] as Node | undefined;
    const rows = block ? ((((block['qti-content-body'] as Node)['ul'] as Node)['li'] as Node[]) ?? []) : [];
    return { ...base, type: 'essay', key: null, scoring: block ? { rubric: rows.map((li) => ({ criterion: inner(li), points: Number(li['@_data-points']) })) } : {} };
  }
  if (decl['@_base-type'] === 'float') {
    const equal = ((((item['qti-response-processing'] as Node)['qti-response-condition'] as Node)['qti-response-if'] as Node)['qti-equal'] as Node) ?? {};
    const tolerance = Number(String(equal['@_tolerance'] ?? '0').split(' ')[0]);
    return { ...base, type: 'numeric', key: Number(correct[0]), scoring: { tolerance } };
  }
  if (decl['@_base-type'] === 'string') {
    const entries = ((decl['qti-mapping'] as Node)['qti-map-entry'] as Node[]).map((e) => String(e['@_map-key']));
    return { ...base, type: 'short_answer', key: entries, scoring: { ignoreDiacritics: false } };
  }
  const interactionNode = body['qti-choice-interaction'] as Node;
  const options = choices(interactionNode);
  if (options.length === 2 && options[0].id === 'true' && options[1].id === 'false') {
    return { ...base, type: 'true_false', key: correct[0] === 'true' };
  }
  if (decl['@_cardinality'] === 'multiple') return { ...base, type: 'multiple_response', options, key: correct.map(fromChoiceId) };
  return { ...base, type: 'single_choice', options, key: fromChoiceId(correct[0] ?? '') };
}
